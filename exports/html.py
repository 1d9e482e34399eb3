"""Small HTML building blocks for printed documents; all text is escaped here.

Every value that comes from a store or a user goes through :func:`esc` (or
:func:`table`), so a kern or actiepunt title can never become markup.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

import pandas as pd

from layouts import format as fmt
from pipelines.dashboard_data import GemeenteData

CSS_PATH = Path(__file__).resolve().parent / "templates" / "print.css"
HEADER_STYLE = (
    "font-family: 'Liberation Sans', Arial, sans-serif; font-size: 8pt; "
    "width: 100%; margin: 0 14mm;"
)

Cell = Callable[[Any], str]


def esc(value: Any) -> str:
    """Escaped text; empty for None/NaN."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return escape(str(value))


def nl_date(value: Any) -> str:
    """'2026-03-17' or a Timestamp -> '17-03-2026'; empty when unknown."""
    when = pd.to_datetime(value, errors="coerce")
    return "" if pd.isna(when) else when.strftime("%d-%m-%Y")


def euro(value: Any) -> str:
    """Whole euros; an empty figure in an aggregate was suppressed (openbaar)."""
    if value is None or pd.isna(value):
        return "onderdrukt"
    return esc(fmt.euro(float(value)))


def count(value: Any) -> str:
    """A count; NA in a suppressed (openbaar) figure reads 'minder dan 5'."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return "&lt; 5"
    return esc(fmt.number(int(value)))


def contrast_text(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` (WCAG luminance)."""
    hexa = colour.lstrip("#")
    if len(hexa) != 6:
        return "#ffffff"
    rgb = [int(hexa[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    lum = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return "#000000" if (lum + 0.05) / 0.05 > 1.05 / (lum + 0.05) else "#ffffff"


def darker(colour: str, factor: float = 0.7) -> str:
    hexa = colour.lstrip("#")
    if len(hexa) != 6:
        return colour
    parts = [int(int(hexa[i : i + 2], 16) * factor) for i in (0, 2, 4)]
    return "#" + "".join(f"{p:02x}" for p in parts)


def table(
    frame: pd.DataFrame,
    columns: Sequence[tuple[str, str, Cell | None]],
    numeric: Sequence[str] = (),
    empty: str = "Geen gegevens.",
    nowrap: Sequence[str] = (),
) -> str:
    """An HTML table: ``columns`` are (key, Dutch header, formatter or None)."""
    if frame.empty:
        return f'<p class="leeg">{esc(empty)}</p>'
    head = "".join(
        f'<th class="{"getal" if k in numeric else ""}">{esc(h)}</th>'
        for k, h, _ in columns
    )
    body = []
    for _, row in frame.iterrows():
        cells = []
        for key, _, cell in columns:
            value = row.get(key)
            text = cell(value) if cell else esc(value)
            cls = ' class="getal"' if key in numeric else ""
            cls = ' class="nowrap"' if key in nowrap else cls
            cells.append(f"<td{cls}>{text}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def status_badge(value: Any) -> str:
    text = esc(value)
    slug = str(value or "").replace(" ", "-")
    return f'<span class="status status-{esc(slug)}">{text}</span>'


def aandacht_note(value: Any) -> str:
    return f'<span class="aandacht">{esc(value)}</span>'


# The actiepunten table of the kernprofiel and the gebiedstafel (with ``aandacht``).
AGENDA_COLUMNS: tuple[tuple[str, str, Cell | None], ...] = (
    ("titel", "Actiepunt", None),
    ("thema", "Thema", None),
    ("eigenaar", "Eigenaar", None),
    ("status", "Status", status_badge),
    ("planning", "Planning", None),
    ("datum_laatste_update", "Bijgewerkt", nl_date),
    ("aandacht", "Aandacht", aandacht_note),
)


def image_data_uri(data: bytes, mime: str) -> str:
    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")


def sources_list(data: GemeenteData) -> str:
    """The sources of the store, with licence and attribution, as a list."""
    items = []
    seen = set()
    for src in data.metadata.get("sources", []):
        key = (src.get("dataset"), src.get("year"))
        if key in seen:
            continue
        seen.add(key)
        items.append(
            f"<li>{esc(src.get('dataset'))} {esc(src.get('year'))}; "
            f"licentie {esc(src.get('licence'))}; {esc(src.get('attribution'))}.</li>"
        )
    if data.has_records:
        note = (
            " Dit zijn VOORBEELDDATA: fictieve gegevens." if data.voorbeelddata else ""
        )
        items.append(
            f"<li>Eigen registraties van de gemeente {esc(data.naam)} "
            f"(kernagenda's, initiatieven, opgaven, platforms, gebieden).{note}</li>"
        )
    built = nl_date(data.metadata.get("built_at"))
    items.append(
        f"<li>Gegevens samengesteld op {esc(built)}; publiek: "
        f"{esc(data.audience)}.</li>"
    )
    return f'<ul class="bronnen">{"".join(items)}</ul>'


def document(title: str, body: str, kleur: str) -> str:
    """A complete HTML document with the print stylesheet inlined."""
    css = CSS_PATH.read_text(encoding="utf-8")
    variables = (
        f":root {{ --kleur: {esc(kleur)}; --kleur-donker: {esc(darker(kleur))}; "
        f"--tekst-op-kleur: {contrast_text(kleur)}; }}"
    )
    return (
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">'
        f"<title>{esc(title)}</title><style>{variables}\n{css}</style></head>"
        f"<body>{body}</body></html>"
    )


def header_template(data: GemeenteData) -> str:
    """Chromium page header: VOORBEELDDATA on every page when the store says so."""
    if not data.voorbeelddata:
        return f'<div style="{HEADER_STYLE} color:#444">{esc(data.naam)}</div>'
    return (
        f'<div style="{HEADER_STYLE} color:#b00020; font-weight:bold; '
        'text-align:center; letter-spacing:0.06em">VOORBEELDDATA: fictieve '
        "gegevens, niet voor gebruik als echte informatie</div>"
    )


def footer_template(data: GemeenteData, made_on: date) -> str:
    """Chromium page footer: source, date and page number on every page."""
    source = esc(data.metadata.get("attribution", "Bron: CBS, Kadaster"))
    return (
        f'<div style="{HEADER_STYLE} color:#444; display:flex; '
        'justify-content:space-between"><span>'
        f"Kernenkaart gemeente {esc(data.naam)} · {source} · gemaakt op "
        f"{made_on.strftime('%d-%m-%Y')}</span><span>pagina "
        '<span class="pageNumber"></span> van <span class="totalPages"></span>'
        "</span></div>"
    )
