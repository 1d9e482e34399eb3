"""'Jaarkalender <jaar>' as A4 PDF (by month, for a dorpshuis notice board) and XLSX.

For the gemeente or one kern; the same events as the /kalender screen
(``pipelines.kalender.select`` for the calendar year).
"""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font

from exports import html as h
from exports.render import Renderer, html_to_pdf
from exports.tables import safe_sheet_name, write_table
from pipelines.dashboard_data import GemeenteData
from pipelines.dashboard_data.kalender import event_row, kalender_of, maand_tekst
from pipelines.errors import ConfigError
from pipelines.kalender import Selection, select

COLUMNS = {
    "datum": "Datum",
    "tijd": "Tijd",
    "titel": "Activiteit",
    "soort_tekst": "Soort",
    "kernen": "Kern",
    "locatie": "Locatie",
    "organisator": "Organisatie",
    "beschrijving": "Beschrijving",
    "link": "Meer informatie",
    "wie": "Wie (cyclus)",
    "wat": "Wat (cyclus)",
}


def _rows(data: GemeenteData, kern: str, jaar: int, today: date) -> list[dict]:
    if kern and kern not in set(data.kernen["kern_slug"]):
        known = ", ".join(sorted(data.kernen["kern_slug"]))
        raise ConfigError(
            f"Gemeente {data.naam} has no kern {kern!r}.", hint=f"Use one of: {known}."
        )
    kal = kalender_of(data, today)
    events = select(kal, Selection(kern=kern, periode=str(jaar)), today)
    return [event_row(e, data) for e in events]


def title(data: GemeenteData, kern: str, jaar: int) -> str:
    """'Jaarkalender 2026 Beesd' or 'Jaarkalender 2026 West Betuwe'."""
    return f"Jaarkalender {jaar} {data.kern_name(kern) if kern else data.naam}"


def file_name(data: GemeenteData, kern: str, jaar: int, suffix: str) -> str:
    """'jaarkalender-2026-maurik.pdf'; voorbeelddata says so in the name too."""
    label = "voorbeelddata-" if data.voorbeelddata else ""
    return f"{label}jaarkalender-{jaar}-{kern or data.slug}.{suffix}"


def kalender_xlsx(
    data: GemeenteData, kern: str, jaar: int, today: date
) -> tuple[str, bytes]:
    """(file name, XLSX bytes): one sheet with every event of the year."""
    rows = _rows(data, kern, jaar, today)
    frame = pd.DataFrame(rows, columns=[*COLUMNS, "cyclus"])
    frame["soort_tekst"] = [
        f"{s} (cyclus)" if c else s
        for s, c in zip(frame["soort_tekst"], frame["cyclus"], strict=True)
    ]
    frame = frame[list(COLUMNS)].rename(columns=COLUMNS)
    wb = Workbook()
    ws = wb.active
    ws.title = safe_sheet_name(f"Jaarkalender {jaar}", set())
    ws.cell(1, 1, title(data, kern, jaar)).font = Font(bold=True, size=14)
    ws.cell(2, 1, f"Gemeente {data.naam} · stand van {today.strftime('%d-%m-%Y')}")
    if data.voorbeelddata:
        cell = ws.cell(3, 1, "VOORBEELDDATA: fictieve activiteiten")
        cell.font = Font(bold=True, color="B00020")
    write_table(ws, frame, start_row=5, header_colour=str(data.metadata.get("kleur")))
    buffer = io.BytesIO()
    wb.save(buffer)
    return file_name(data, kern, jaar, "xlsx"), buffer.getvalue()


def _item(r: dict) -> str:
    where = " · ".join(h.esc(x) for x in (r["kernen"], r["locatie"]) if x)
    mark = "<b>Cyclus</b> · " if r["cyclus"] else ""
    extra = h.esc(r["wat"] or r["beschrijving"])
    return (
        f"<tr><td class='nowrap'>{h.esc(r['datum'])}</td>"
        f"<td class='nowrap'>{h.esc(r['tijd'])}</td>"
        f"<td><b>{h.esc(r['titel'])}</b><br>{mark}{h.esc(r['soort_tekst'])}"
        f"{' · ' + where if where else ''}"
        f"{'<br><small>' + extra + '</small>' if extra else ''}</td></tr>"
    )


def kalender_html(data: GemeenteData, kern: str, jaar: int, today: date) -> str:
    """The year by month as a self-contained HTML document (A4)."""
    rows = _rows(data, kern, jaar, today)
    months: dict[str, list[dict]] = {}
    for r in rows:
        months.setdefault(r["start"][:7], []).append(r)
    parts = []
    for key in sorted(months):
        label = maand_tekst(int(key[:4]), int(key[5:]))
        body = "".join(_item(r) for r in months[key])
        parts.append(
            f"<section class='maand'><h2>{h.esc(label.capitalize())}</h2>"
            "<table><thead><tr><th>Datum</th><th>Tijd</th><th>Wat en waar</th>"
            f"</tr></thead><tbody>{body}</tbody></table></section>"
        )
    voorbeeld = (
        "<p class='onder'><b>VOORBEELDDATA</b>: verzonnen activiteiten.</p>"
        if data.voorbeelddata
        else ""
    )
    empty = "" if rows else "<p>Geen activiteiten in dit jaar.</p>"
    doc = (
        f'<header class="kop"><p class="gemeente">Gemeente {h.esc(data.naam)}</p>'
        f"<h1>{h.esc(title(data, kern, jaar))}</h1>{voorbeeld}</header>"
        f"{empty}{''.join(parts)}"
        "<p class='bijschrift'>Cyclus: stappen van kerngericht werken (ophalen "
        "actiepunten, gebiedstafels, evaluatie, verkiezingen).</p>"
    )
    style = (
        "<style>.maand h2{break-after:avoid}.maand tr{break-inside:avoid}"
        ".nowrap{white-space:nowrap}</style>"
    )
    return h.document(title(data, kern, jaar), style + doc, str(data.metadata["kleur"]))


def kalender_pdf(
    data: GemeenteData,
    kern: str,
    jaar: int,
    today: date,
    renderer: Renderer | None = None,
) -> tuple[str, bytes]:
    """(file name, A4 PDF bytes), offline with the local Chromium."""
    html = kalender_html(data, kern, jaar, today)
    pdf = html_to_pdf(
        html,
        renderer,
        header=h.header_template(data),
        footer=h.footer_template(data, today),
    )
    return file_name(data, kern, jaar, "pdf"), pdf
