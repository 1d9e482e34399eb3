"""Blank templates: one XLSX (with drop-downs and Dutch instructions) and one CSV
per record type."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from pipelines.gemeente import GemeenteConfig
from pipelines.records.load import ALL_TYPES
from pipelines.records.report import write_atomic, write_csv
from pipelines.records.schema import AMOUNT, ENUM, KERN, KERNEN, Field, RecordSpec
from pipelines.records.specs import SPECS

MAX_ROWS = 2000
INTERNAL = ("voorbeelddata",)


def template_fields(spec: RecordSpec) -> tuple[Field, ...]:
    """Fields that a template offers (not the internal voorbeelddata flag)."""
    return tuple(f for f in spec.fields if f.name not in INTERNAL)


GENERAL = (
    "Instructies voor het invullen",
    "",
    "1. Vul de gegevens in op het eerste werkblad, vanaf rij 2. Laat de kolomnamen in "
    "rij 1 staan; voeg geen rijen boven de kolomnamen toe en voeg geen cellen samen.",
    "2. Verplichte kolommen moeten in elke rij zijn ingevuld. Optionele kolommen mogen "
    "leeg blijven of weg.",
    "3. Datums als dd-mm-jjjj (bijvoorbeeld 15-03-2024); bedragen in euro met een "
    "komma als decimaalteken (bijvoorbeeld 1.250,50).",
    "4. Bij kolommen met een keuzelijst kiest u een van de toegestane waarden.",
    "5. Kern: de naam van een kern van de gemeente. Meerdere kernen scheidt u met ';'.",
    "6. Kolommen gemarkeerd als persoonsgegeven komen nooit in de openbare kaart.",
    "7. Controleer het bestand met: kernenkaart validate --gemeente <gemeente> "
    "--records <map>. U krijgt dan per fout het bestand, de rij, de kolom en een "
    "oplossing.",
    "8. Opslaan als .xlsx, of als 'CSV (gescheiden door lijstscheidingsteken)'.",
)


def _allowed(f: Field, gemeente: GemeenteConfig | None) -> tuple[str, ...]:
    if f.kind == ENUM:
        return f.allowed
    if f.kind in (KERN, KERNEN) and gemeente is not None:
        extra = ("kernoverstijgend",) if f.kind == KERNEN else ()
        return tuple(k.naam for k in gemeente.kernen) + extra
    return ()


def _instructions(
    wb: Workbook, spec: RecordSpec, gemeente: GemeenteConfig | None
) -> None:
    ws = wb.create_sheet("Instructies")
    ws.append([f"Sjabloon {spec.name}: {spec.description}"])
    ws["A1"].font = Font(bold=True, size=14)
    for line in GENERAL:
        ws.append([line])
    ws.append([])
    ws.append(
        [
            "kolom",
            "verplicht",
            "omschrijving",
            "toegestane waarden",
            "voorbeeld",
            "persoonsgegeven",
        ]
    )
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for f in template_fields(spec):
        ws.append(
            [
                f.name,
                "ja" if f.required else "nee",
                f.description,
                ", ".join(_allowed(f, gemeente)),
                f.example,
                "ja" if f.personal else "nee",
            ]
        )
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["C"].width = 70
    ws.column_dimensions["D"].width = 50
    for row in ws.iter_rows(min_row=2):
        row[0].alignment = Alignment(wrap_text=False)


def _dropdowns(
    wb: Workbook, ws: object, spec: RecordSpec, gemeente: GemeenteConfig | None
) -> None:
    lists = wb.create_sheet("Keuzelijsten")
    lists.sheet_state = "hidden"
    list_col = 0
    for col, f in enumerate(template_fields(spec), start=1):
        letter = get_column_letter(col)
        target = f"{letter}2:{letter}{MAX_ROWS}"
        values = _allowed(f, gemeente)
        if values:
            list_col += 1
            lcol = get_column_letter(list_col)
            lists.cell(row=1, column=list_col, value=f.name)
            for i, value in enumerate(values, start=2):
                lists.cell(row=i, column=list_col, value=value)
            dv = DataValidation(
                type="list",
                allow_blank=not f.required,
                formula1=f"=Keuzelijsten!${lcol}$2:${lcol}${len(values) + 1}",
                errorStyle="warning" if f.kind == KERNEN else "stop",
                error=f"Kies een waarde uit de lijst voor {f.name}.",
                errorTitle="Ongeldige waarde",
            )
        elif f.kind == AMOUNT:
            dv = DataValidation(
                type="decimal",
                operator="greaterThanOrEqual",
                formula1="0",
                allow_blank=True,
                error="Vul een bedrag van 0 of meer in.",
                errorTitle="Ongeldig bedrag",
            )
        else:
            continue
        dv.showErrorMessage = True
        ws.add_data_validation(dv)  # type: ignore[attr-defined]
        dv.add(target)


def write_xlsx_template(
    spec: RecordSpec, path: Path, gemeente: GemeenteConfig | None = None
) -> None:
    """Write an empty XLSX template for one record type.

    The first sheet (named after the record type) has the column names in row 1,
    drop-down lists for allowed values (and kernen when ``gemeente`` is given)
    and a check on amounts; the sheet ``Instructies`` explains every column.
    """
    wb = Workbook()
    ws = wb.active
    ws.title = spec.name
    ws.append([f.name for f in template_fields(spec)])
    for col, f in enumerate(template_fields(spec), start=1):
        ws.cell(row=1, column=col).font = Font(bold=f.required)
        ws.column_dimensions[get_column_letter(col)].width = max(14, len(f.name) + 4)
    ws.freeze_panes = "A2"
    _dropdowns(wb, ws, spec, gemeente)
    _instructions(wb, spec, gemeente)
    write_atomic(path, wb.save)


def write_templates(
    out_dir: Path, gemeente: GemeenteConfig | None = None
) -> list[Path]:
    """Write ``<type>.xlsx`` and ``<type>.csv`` templates for every record type.

    Parameters
    ----------
    out_dir : Path
        Target folder (created if needed).
    gemeente : GemeenteConfig, optional
        Adds a drop-down of this gemeente's kernen to the XLSX templates.

    Returns
    -------
    list of Path
        The files written.
    """
    written = []
    for name in ALL_TYPES:
        spec = SPECS[name]
        xlsx, csv = out_dir / f"{name}.xlsx", out_dir / f"{name}.csv"
        write_xlsx_template(spec, xlsx, gemeente)
        write_csv(pd.DataFrame(columns=[f.name for f in template_fields(spec)]), csv)
        written += [xlsx, csv]
    return written
