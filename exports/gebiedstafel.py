"""Gebiedstafel agenda: XLSX (overview + one sheet per kern) and the same as PDF."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font

from exports import html as h
from exports import selection as sel
from exports.render import Renderer, html_to_pdf
from exports.tables import safe_sheet_name, write_table
from pipelines.dashboard_data import GemeenteData

OVERVIEW = "Overzicht"
ACTIE_COLUMNS = {
    "id": "Id",
    "titel": "Actiepunt",
    "thema": "Thema",
    "eigenaar": "Eigenaar",
    "status": "Status",
    "planning": "Planning",
    "datum_laatste_update": "Laatst bijgewerkt",
    "aandacht": "Aandacht voor de gebiedstafel",
}
INIT_COLUMNS = {
    "id": "Id",
    "titel": "Initiatief",
    "regeling": "Regeling",
    "datum_aanvraag": "Datum aanvraag",
    "bedrag_aangevraagd": "Bedrag aangevraagd",
    "bedrag_toegekend": "Bedrag toegekend",
    "status": "Status",
}


@dataclass(frozen=True)
class KernAgenda:
    """What the gebiedstafel discusses for one kern."""

    slug: str
    naam: str
    open_acties: pd.DataFrame  # with column ``aandacht``
    recent: pd.DataFrame  # recent initiatives

    @property
    def n_aandacht(self) -> int:
        if self.open_acties.empty:
            return 0
        return int((self.open_acties["aandacht"] != "").sum())


def gebied_agenda(
    data: GemeenteData, gebied: sel.Gebied, today: date
) -> list[KernAgenda]:
    """Per kern of the gebied: open actiepunten with reasons, recent initiatives."""
    out = []
    for slug in gebied.kernen:
        acties = sel.open_actiepunten(data, slug, today)
        recent = sel.recent_initiatives(data, [slug], today)
        out.append(KernAgenda(slug, data.kern_name(slug), acties, recent))
    return out


def overview_frame(agenda: list[KernAgenda]) -> pd.DataFrame:
    """One row per kern: open actiepunten, how many need attention, initiatives."""
    rows = []
    for k in agenda:
        granted = (
            k.recent["bedrag_toegekend"].fillna(0).sum() if not k.recent.empty else 0.0
        )
        rows.append(
            {
                "Kern": k.naam,
                "Open actiepunten": len(k.open_acties),
                "Waarvan aandacht nodig": k.n_aandacht,
                "Initiatieven laatste 12 maanden": len(k.recent),
                "Bedrag toegekend laatste 12 maanden": float(granted),
            }
        )
    return pd.DataFrame(rows)


def _select(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    present = [c for c in columns if c in frame.columns]
    return frame[present].rename(columns=columns)


def gebiedstafel_xlsx(
    data: GemeenteData, gebied: str, *, today: date | None = None
) -> bytes:
    """The gebiedstafel agenda of ``gebied`` (slug, name or id) as XLSX bytes.

    Sheet ``Overzicht`` lists the kernen; one sheet per kern holds its open
    actiepunten (status, eigenaar, last update, aandacht reasons) and below
    them the initiatives of the last 12 months.
    """
    today = today or date.today()
    found = sel.find_gebied(data, gebied)
    agenda = gebied_agenda(data, found, today)
    kleur = str(data.metadata.get("kleur", "#1f4e79"))
    wb = Workbook()
    ws = wb.active
    used: set[str] = set()
    ws.title = safe_sheet_name(OVERVIEW, used)
    _title(ws, f"Gebiedstafel {found.naam}", data, found, today)
    write_table(ws, overview_frame(agenda), start_row=5, header_colour=kleur)
    for k in agenda:
        sheet = wb.create_sheet(safe_sheet_name(k.naam, used))
        _title(sheet, f"{k.naam}: open actiepunten", data, found, today)
        acties = _select(k.open_acties, ACTIE_COLUMNS)
        nxt = write_table(sheet, acties, start_row=5, header_colour=kleur)
        sheet.cell(nxt + 1, 1, "Initiatieven laatste 12 maanden").font = Font(
            bold=True, size=12
        )
        recent = _select(k.recent, INIT_COLUMNS)
        write_table(
            sheet,
            recent,
            start_row=nxt + 2,
            header_colour=kleur,
            autofilter=False,
            freeze=False,
        )
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _title(ws, title: str, data: GemeenteData, gebied: sel.Gebied, today: date) -> None:  # type: ignore[no-untyped-def]
    ws.cell(1, 1, title).font = Font(bold=True, size=14)
    ws.cell(
        2, 1, f"Gemeente {data.naam} · {gebied.functie}: {gebied.makelaar}"
    ).data_type = "s"
    ws.cell(3, 1, f"Stand van {today.strftime('%d-%m-%Y')}")
    if data.voorbeelddata:
        cell = ws.cell(3, 4, "VOORBEELDDATA: fictieve gegevens")
        cell.font = Font(bold=True, color="B00020")


# --- PDF ----------------------------------------------------------------------------


def _kern_html(k: KernAgenda) -> str:
    acties = h.table(
        k.open_acties,
        h.AGENDA_COLUMNS,
        empty="Geen open actiepunten.",
        nowrap=("planning", "datum_laatste_update"),
    )
    recent = h.table(
        k.recent,
        [
            ("titel", "Initiatief", None),
            ("regeling", "Regeling", None),
            ("datum_aanvraag", "Aanvraag", h.nl_date),
            (
                "bedrag_toegekend",
                "Toegekend",
                lambda v: "" if pd.isna(v) else h.euro(v),
            ),
            ("status", "Status", None),
        ],
        numeric=("bedrag_toegekend",),
        empty="Geen initiatieven in de laatste 12 maanden.",
        nowrap=("datum_aanvraag",),
    )
    return (
        f"<h2>{h.esc(k.naam)}</h2><h3>Open actiepunten ({len(k.open_acties)}, "
        f"waarvan {k.n_aandacht} met aandachtspunt)</h3>{acties}"
        f"<h3>Initiatieven laatste 12 maanden</h3>{recent}"
    )


def gebiedstafel_html(
    data: GemeenteData, gebied: sel.Gebied, agenda: list[KernAgenda], today: date
) -> str:
    """The gebiedstafel agenda as a self-contained HTML document."""
    overview = overview_frame(agenda)
    table = h.table(
        overview,
        [(c, c, h.euro if "Bedrag" in c else None) for c in overview.columns],
        numeric=[c for c in overview.columns if c != "Kern"],
    )
    voorbeeld = (
        "<p class='onder'><b>VOORBEELDDATA</b>: fictieve gegevens.</p>"
        if data.voorbeelddata
        else ""
    )
    rules = (
        "Aandacht: open actiepunten die 6 maanden niet zijn bijgewerkt, langer dan "
        "een jaar in voorbereiding zijn, geen eigenaar hebben of gepland waren "
        "voor een verstreken kwartaal."
    )
    body = (
        f'<header class="kop"><p class="gemeente">Gemeente {h.esc(data.naam)} · '
        f"Agenda gebiedstafel</p><h1>{h.esc(gebied.naam)}</h1>"
        f'<p class="onder">{h.esc(gebied.functie.capitalize())}: '
        f"{h.esc(gebied.makelaar)} · stand van {today.strftime('%d-%m-%Y')}</p>"
        f"{voorbeeld}</header><h2>Overzicht</h2>{table}"
        f"<p class='bijschrift'>{h.esc(rules)}</p>"
        + "".join(_kern_html(k) for k in agenda)
        + f"<div class='blok'><h2>Bronnen</h2>{h.sources_list(data)}</div>"
    )
    return h.document(f"Gebiedstafel {gebied.naam}", body, str(data.metadata["kleur"]))


def gebiedstafel_pdf(
    data: GemeenteData,
    gebied: str,
    *,
    renderer: Renderer | None = None,
    today: date | None = None,
) -> bytes:
    """The gebiedstafel agenda of ``gebied`` as A4 PDF bytes (offline)."""
    today = today or date.today()
    found = sel.find_gebied(data, gebied)
    html = gebiedstafel_html(data, found, gebied_agenda(data, found, today), today)
    return html_to_pdf(
        html,
        renderer,
        header=h.header_template(data),
        footer=h.footer_template(data, today),
    )
