"""Read a records file (CSV as Dutch Excel writes it, or XLSX) into raw text cells.

The result is a DataFrame of strings with the user's headers plus ``_row``, the
row number as Excel shows it (header = row 1). Reading never interprets a cell:
types are parsed later by the validator. Problems that make a file unreadable
are returned as :class:`Problem` objects, not raised.
"""

from __future__ import annotations

import csv
import io
import logging
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipelines.records.model import FOUT, WAARSCHUWING, Problem
from pipelines.records.parsers import excel_value, normalise

logger = logging.getLogger(__name__)

ROW = "_row"
EXCEL_ERRORS = {"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"}
SAVE_AS_CSV = (
    "Sla het bestand in Excel op als 'CSV (gescheiden door lijstscheidingsteken)' "
    "met Nederlandse instellingen, of gebruik het XLSX-sjabloon."
)


@dataclass
class RawTable:
    """Cells of one file as text, with the problems found while reading."""

    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)

    @property
    def readable(self) -> bool:
        return not any(p.severity == FOUT and p.row is None for p in self.problems)


def read_table(path: Path, label: str, record_type: str) -> RawTable:
    """Read ``path`` (``.csv`` or ``.xlsx``) into a :class:`RawTable`.

    Parameters
    ----------
    path : Path
        The file to read.
    label : str
        The file name used in problems (relative to the records folder).
    record_type : str
        Preferred XLSX sheet name; otherwise the first sheet is read.
    """
    if path.suffix.lower() == ".xlsx":
        return _read_xlsx(path, label, record_type)
    return _read_csv(path.read_bytes(), label)


def _fail(label: str, message: str, hint: str) -> RawTable:
    return RawTable(
        pd.DataFrame({ROW: []}), [Problem(FOUT, label, None, None, None, message, hint)]
    )


def _decode(data: bytes, label: str) -> str | RawTable:
    if data.startswith(b"PK\x03\x04"):
        return _fail(
            label,
            "Dit is een Excel-bestand met de extensie .csv.",
            "Geef het bestand de extensie .xlsx, of sla het op als CSV.",
        )
    sample = data[:4096]
    if (
        b"\x00" in sample
        or sum(b < 9 or 13 < b < 32 for b in sample) > len(sample) // 20
    ):
        return _fail(label, "Het bestand is geen tekstbestand (CSV).", SAVE_AS_CSV)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return _fail(
        label,
        "De tekencodering van het bestand is onbekend.",
        "Sla het bestand op als CSV UTF-8.",
    )


def _separator_problem(header: str, label: str) -> RawTable | None:
    counts = {sep: header.count(sep) for sep in (";", ",", "\t")}
    if counts[";"] or not (counts[","] or counts["\t"]):
        return None
    sep = "," if counts[","] >= counts["\t"] else "tab"
    return _fail(
        label,
        f"Het bestand gebruikt '{sep}' als scheidingsteken; verwacht "
        "wordt ';' (puntkomma), zoals Nederlandse Excel dat schrijft.",
        SAVE_AS_CSV,
    )


def _read_csv(data: bytes, label: str) -> RawTable:
    text = _decode(data, label)
    if isinstance(text, RawTable):
        return text
    lines = text.lstrip("\ufeff").splitlines()
    if not any(line.strip(" ;\t,") for line in lines):
        return _fail(
            label,
            "Het bestand is leeg.",
            "Vul het sjabloon in: kolomnamen op rij 1, gegevens vanaf rij 2.",
        )
    bad = _separator_problem(lines[0], label)
    if bad is not None:
        return bad
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    return _rows_to_table(rows, label)


def _rows_to_table(rows: list[list[str]], label: str) -> RawTable:
    header = [h.strip() for h in rows[0]]
    width = len(header)
    problems: list[Problem] = []
    body = []
    for number, cells in enumerate(rows[1:], start=2):
        extra = cells[width:]
        if any(c.strip() for c in extra):
            problems.append(
                Problem(
                    FOUT,
                    label,
                    number,
                    None,
                    ";".join(c for c in extra if c.strip())[:80],
                    f"Rij {number} heeft meer cellen ({len(cells)}) dan de "
                    f"kopregel ({width}).",
                    "Waarschijnlijk staat er een ';' in een tekst zonder "
                    "aanhalingstekens, of ontbreekt een kolomnaam op rij 1.",
                )
            )
        body.append((cells + [""] * width)[:width] + [number])
    frame = pd.DataFrame(body, columns=[*_unique(header), ROW], dtype=object)
    frame = frame.astype({c: "str" for c in frame.columns if c != ROW})
    frame[ROW] = frame[ROW].astype("int64")
    return RawTable(_drop_blank(frame), problems)


def _unique(header: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in header:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}\u0000{seen[name]}")
    return out


def _drop_blank(frame: pd.DataFrame) -> pd.DataFrame:
    cells = frame.drop(columns=ROW)
    if cells.empty:
        return frame
    filled = (cells.apply(lambda s: s.str.strip()) != "").any(axis=1)
    return frame[filled].reset_index(drop=True)


def _pick_sheet(workbook: object, record_type: str) -> object:
    for ws in workbook.worksheets:  # type: ignore[attr-defined]
        if normalise(ws.title) == normalise(record_type):
            return ws
    return workbook.worksheets[0]  # type: ignore[attr-defined]


def _read_xlsx(path: Path, label: str, record_type: str) -> RawTable:
    from openpyxl import load_workbook

    try:
        formulas = load_workbook(path, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        logger.debug("Cannot open %s as XLSX: %s", path, exc)
        return _fail(
            label,
            "Het bestand is geen geldig Excel-bestand (.xlsx).",
            "Open het in Excel en sla het op als 'Excel-werkmap (*.xlsx)'. "
            "Oude .xls-bestanden worden niet ondersteund.",
        )
    ws = _pick_sheet(formulas, record_type)
    merged = [str(r) for r in ws.merged_cells.ranges if r.min_row == 1]
    if merged:
        return _fail(
            label,
            f"De kopregel bevat samengevoegde cellen ({', '.join(merged)}) "
            f"op werkblad '{ws.title}'.",
            "Maak het samenvoegen ongedaan: elke kolom heeft een eigen naam in rij 1.",
        )
    values = load_workbook(path, data_only=True)[ws.title]
    return _sheet_to_table(ws, values, label)


def _sheet_to_table(ws: object, values: object, label: str) -> RawTable:
    rows: list[list[str]] = []
    problems: list[Problem] = []
    n_formulas = 0
    for f_row, v_row in zip(ws.iter_rows(), values.iter_rows(), strict=True):  # type: ignore[attr-defined]
        out = []
        for f_cell, v_cell in zip(f_row, v_row, strict=True):
            text = excel_value(v_cell.value)
            if f_cell.data_type == "f":
                n_formulas += 1
                if v_cell.value is None or text in EXCEL_ERRORS:
                    problems.append(_formula_problem(label, f_cell, text))
            elif text in EXCEL_ERRORS:
                problems.append(_formula_problem(label, f_cell, text))
            out.append(text)
        rows.append(out)
    if not rows or not any(c.strip() for r in rows for c in r):
        return _fail(
            label,
            "Het werkblad is leeg.",
            "Vul het sjabloon in: kolomnamen op rij 1, gegevens vanaf rij 2.",
        )
    table = _rows_to_table(rows, label)
    table.problems.extend(problems)
    if n_formulas:
        table.problems.append(
            Problem(
                WAARSCHUWING,
                label,
                None,
                None,
                None,
                f"{n_formulas} cel(len) bevatten een formule; de laatst berekende "
                "waarde is gebruikt.",
                "Vervang formules door vaste waarden als de uitkomst kan veranderen.",
            )
        )
    return table


def _formula_problem(label: str, cell: object, text: str) -> Problem:
    return Problem(
        FOUT,
        label,
        cell.row,
        _header_of(cell),
        str(cell.value)[:80],  # type: ignore[attr-defined]
        "De cel bevat een formule zonder geldige uitkomst"
        + (f" ({text})." if text else "."),
        "Open het bestand in Excel, herstel de formule en sla het op, of vul de waarde "
        "zelf in.",
    )


def _header_of(cell: object) -> str | None:
    header = cell.parent.cell(row=1, column=cell.column).value  # type: ignore[attr-defined]
    return None if header is None else str(header)
