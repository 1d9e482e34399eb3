"""Kernprofiel as an A4 PDF: map, key figures, kernagenda, initiatives, sources."""

from __future__ import annotations

from datetime import date

import pandas as pd

from exports import html as h
from exports import selection as sel
from exports.maps import kern_map_figure
from exports.render import Renderer, html_to_pdf, render_figure
from exports.tables import dataframe_to_xlsx_bytes
from layouts import format as fmt
from pipelines.catalogue import Catalogue
from pipelines.dashboard_data import GemeenteData, key_figures
from pipelines.dashboard_data.profiles import (
    age_groups,
    figures_table,
    profile_cards,
    source_line,
)
from pipelines.store import read_layer

MAP_SIZE = (700, 520)


def kern_map_svg(
    data: GemeenteData, kern_slug: str, renderer: Renderer | None = None
) -> bytes:
    """The kern within its gemeente as SVG (vector, no tiles)."""
    kernen = read_layer(data.path, "kernen")
    kleur = str(data.metadata.get("kleur", "#1f4e79"))
    figure = kern_map_figure(kernen, kern_slug, kleur)
    return render_figure(figure, "svg", *MAP_SIZE, renderer=renderer)


def _key_figures_html(tables: tuple[sel.KeyFigures, ...]) -> str:
    if not any(figures.rows for figures in tables):
        return '<p class="leeg">Geen CBS-cijfers beschikbaar.</p>'
    return "".join(_key_figure_table_html(f) for f in tables if f.rows)


def _year_cell(f: sel.KeyFigure, i: int) -> str:
    """A figure in its year column: '-' not in the store, 'geen cijfer', '2.665*'."""
    if not f.in_store[i]:
        return "–"
    if f.values[i] is None:
        return "geen cijfer"
    return fmt.number(f.values[i], f.decimalen) + ("*" if f.estimated[i] else "")


def _key_figure_table_html(figures: sel.KeyFigures) -> str:
    """Kerncijfer | a column per year | ontwikkeling | gemeente (its year)."""
    year_heads = "".join(f'<th class="getal">{y}</th>' for y in figures.years)
    rows, notes = [], []
    for f in figures.rows:
        vals = "".join(
            f'<td class="getal">{h.esc(_year_cell(f, i))}</td>'
            for i in range(len(figures.years))
        )
        compare = fmt.number(f.vergelijking, f.decimalen)
        if f.vergelijking_year is not None:
            compare += f" ({f.vergelijking_year})"
        several = figures.level == "wijk" and len(figures.areas) > 1
        area = f" · wijk {h.esc(f.area)}" if several else ""
        rows.append(
            f"<tr><td>{h.esc(f.titel)}{area} <span class='bijschrift'>"
            f"({h.esc(f.eenheid)})</span></td>{vals}"
            f"<td class='getal'>{h.esc(f.ontwikkeling)}</td>"
            f"<td class='getal'>{h.esc(compare)}</td></tr>"
        )
        notes += [f"{f.titel}, {n}" for n in f.notes]
    note_html = "".join(f"<li>{h.esc(n)}</li>" for n in notes)
    return (
        f"<p class='bijschrift'>{h.esc(figures.caption)}.</p>"
        "<table class='kerncijfers' style='font-size:9pt'><thead><tr>"
        "<th>Kerncijfer</th>"
        f"{year_heads}<th class='getal'>Ontwikkeling</th>"
        f"<th class='getal'>Gemeente</th></tr></thead><tbody>{''.join(rows)}"
        "</tbody></table>"
        + (f"<ul class='bijschrift noten'>{note_html}</ul>" if notes else "")
    )


def _age_html(data: GemeenteData, kern_slug: str) -> str:
    """The age structure of the kern against the gemeente, as a table."""
    age = age_groups(data, kern_slug)
    if age is None:
        return ""
    naam = data.kern_name(kern_slug)
    rows = "".join(
        f"<tr><td>{h.esc(g['groep'])}</td>"
        f"<td class='getal'>{h.esc(fmt.number(g['kern']))}</td>"
        f"<td class='getal'>{h.esc(fmt.percent(g['kern_pct'], 1))}</td>"
        f"<td class='getal'>{h.esc(fmt.percent(g['gemeente_pct'], 1))}</td></tr>"
        for g in age["groups"]
    )
    return (
        f"<h2 style='margin-top:0'>Leeftijdsopbouw ({age['year']})</h2>"
        f"<p class='bijschrift'>Kern {h.esc(naam)} en gemeente {h.esc(data.naam)}, "
        f"{age['year']}; deel van alle inwoners.</p>"
        f"<table><thead><tr><th>Leeftijd</th><th class='getal'>Inwoners</th>"
        f"<th class='getal'>{h.esc(naam)}</th><th class='getal'>Gemeente</th></tr>"
        f"</thead><tbody>{rows}</tbody></table>"
    )


def _source_html(data: GemeenteData, kern_slug: str, catalogue: Catalogue) -> str:
    figures = profile_cards(key_figures(data, kern_slug, catalogue))
    estimated = (
        "* = deels geschat (zie de noten). "
        if any(y.estimated for f in figures for y in f.present)
        else ""
    )
    return f"<p class='bijschrift'>{estimated}{h.esc(source_line(figures))}.</p>"


def _agenda_html(acties: pd.DataFrame, today: date) -> str:
    if acties.empty:
        return '<p class="leeg">Geen actiepunten in de kernagenda.</p>'
    counts = sel.status_counts(acties)
    active = sum(v for k, v in counts.items() if k != "vervallen")
    pct = 100 * counts["gerealiseerd"] / active if active else 0
    tiles = "".join(
        f"<div><b>{n}</b>{h.esc(status)}</div>" for status, n in counts.items()
    )
    rows = acties.assign(
        aandacht=[
            "; ".join(sel.attention_reasons(r, today)) for _, r in acties.iterrows()
        ]
    )
    return (
        f"<p>{counts['gerealiseerd']} van de {active} actiepunten gerealiseerd "
        f"({h.esc(fmt.percent(pct))}; vervallen punten tellen niet mee).</p>"
        f'<div class="balk" role="img" aria-label="{h.esc(fmt.percent(pct))} '
        f'gerealiseerd"><span style="width:{pct:.0f}%"></span></div>'
        f'<div class="telling">{tiles}</div>' + h.table(rows, h.AGENDA_COLUMNS)
    )


def _initiatieven_html(per_year: pd.DataFrame) -> str:
    if per_year.empty:
        return '<p class="leeg">Geen initiatieven geregistreerd.</p>'
    columns = [
        ("jaar", "Jaar", lambda v: h.esc(int(v))),
        ("regeling", "Regeling", None),
        ("n_aangevraagd", "Aanvragen", h.count),
        ("n_toegekend", "Toegekend", h.count),
        ("euro_toegekend", "Bedrag toegekend", h.euro),
    ]
    numeric = ("n_aangevraagd", "n_toegekend", "euro_toegekend")
    note = ""
    if per_year[["n_aangevraagd", "n_toegekend"]].isna().any().any():
        note = (
            "<p class='bijschrift'>Aantallen onder de 5 zijn in deze openbare "
            "versie onderdrukt (&lt; 5), zoals het CBS dat doet.</p>"
        )
    return h.table(per_year, columns, numeric) + note


def _opgaven_html(frame: pd.DataFrame) -> str:
    columns = [
        ("titel", "Opgave", None),
        ("soort", "Soort", None),
        ("fase", "Fase", None),
        ("planning", "Planning", None),
    ]
    return h.table(frame, columns, empty="Geen opgaven geregistreerd.")


def _platform_line(data: GemeenteData, kern_slug: str) -> str:
    parts = []
    plats = sel.platforms(data, kern_slug)
    for row in plats.itertuples():
        parts.append(f"{h.esc(row.naam)} ({h.esc(row.vorm)})")
    gebied = next((g for g in sel.gebieden(data) if kern_slug in g.kernen), None)
    text = "Platform: " + (", ".join(parts) if parts else "geen geregistreerd")
    if gebied is not None:
        text += (
            f" · Gebied {h.esc(gebied.naam)}, {h.esc(gebied.functie)}: "
            f"{h.esc(gebied.makelaar)}"
        )
    return f"<p>{text}</p>"


def profiel_html(
    data: GemeenteData,
    kern_slug: str,
    catalogue: Catalogue,
    map_svg: bytes,
    today: date | None = None,
) -> str:
    """The kernprofiel as a self-contained HTML document (all text escaped)."""
    today = today or date.today()
    naam = data.kern_name(kern_slug)
    kleur = str(data.metadata.get("kleur", "#1f4e79"))
    figures = sel.key_figures(data, kern_slug, catalogue)
    acties = sel.kernagenda(data, kern_slug)
    img = h.image_data_uri(map_svg, "image/svg+xml")
    voorbeeld = (
        "<p class='onder'><b>VOORBEELDDATA</b>: de registraties in dit profiel "
        "zijn fictief.</p>"
        if data.voorbeelddata
        else ""
    )
    body = f"""
<header class="kop"><p class="gemeente">Gemeente {h.esc(data.naam)} · Kernprofiel</p>
<h1>{h.esc(naam)}</h1>
<p class="onder">Stand van {today.strftime("%d-%m-%Y")}</p>{voorbeeld}</header>
<div class="rij"><div class="kaart"><img src="{img}"
 alt="Kaart: {h.esc(naam)} binnen de gemeente {h.esc(data.naam)}">
<p class="bijschrift">{h.esc(naam)} (gekleurd) binnen de gemeente.
Bron kaart: CBS, Kadaster.</p></div>
<div class="naast">{_age_html(data, kern_slug)}</div></div>
<h2>Kerncijfers</h2>{_key_figures_html(figures)}
{_source_html(data, kern_slug, catalogue)}
{_platform_line(data, kern_slug) if data.has_records else ""}
<h2>Kernagenda</h2>{_agenda_html(acties, today)}
<div class="blok"><h2>Initiatieven per jaar</h2>
{_initiatieven_html(sel.initiatieven_table(data, kern_slug))}</div>
<div class="blok"><h2>Opgaven</h2>{_opgaven_html(sel.opgaven(data, kern_slug))}</div>
<div class="blok"><h2>Bronnen</h2>{h.sources_list(data)}</div>
"""
    return h.document(f"Kernprofiel {naam}", body, kleur)


def profiel_pdf(
    data: GemeenteData,
    kern: str,
    catalogue: Catalogue,
    *,
    renderer: Renderer | None = None,
    today: date | None = None,
) -> bytes:
    """The kernprofiel of ``kern`` (slug or name) as A4 PDF bytes.

    Works offline; pass a :class:`Renderer` to reuse one browser in a batch.
    """
    today = today or date.today()
    slug = sel.find_kern(data, kern)
    svg = kern_map_svg(data, slug, renderer)
    html = profiel_html(data, slug, catalogue, svg, today)
    return html_to_pdf(
        html,
        renderer,
        header=h.header_template(data),
        footer=h.footer_template(data, today),
    )


KERNCIJFER_COLUMNS = {
    "thema": "Thema",
    "titel": "Kerncijfer",
    "eenheid": "Eenheid",
    "niveau": "Niveau",
    "area": "Gebied",
    "year": "Jaar",
    "value": "Waarde",
    "gemeente_value": "Gemeente (zelfde jaar)",
    "methode": "Methode",
    "aandeel_geschat": "Deel geschat (%)",
    "n_missing": "Buurten zonder cijfer",
    "note": "Toelichting",
}


def kerncijfers_frame(
    data: GemeenteData, kern_slug: str, catalogue: Catalogue
) -> pd.DataFrame:
    """Every CBS figure of the kern, a row per indicator, area and year (Excel).

    The rows of the screen's "Alle CBS-cijfers": level (``kern``, or
    ``wijk`` for a figure the CBS has only per wijk), year, value, the
    gemeente's figure of that year, how it was made and the estimate note.
    A suppressed figure stays empty and says so in its note.
    """
    table = figures_table(data, key_figures(data, kern_slug, catalogue, keys=None))
    table["thema"] = table["thema"].map(fmt.thema)
    table["niveau"] = table["level"]
    table["aandeel_geschat"] = table["aandeel_geschat"].astype(float) * 100
    return table[list(KERNCIJFER_COLUMNS)].rename(columns=KERNCIJFER_COLUMNS)


def kerncijfers_xlsx(data: GemeenteData, kern: str, catalogue: Catalogue) -> bytes:
    """:func:`kerncijfers_frame` of ``kern`` (slug or name) as an Excel file."""
    slug = sel.find_kern(data, kern)
    # CBS figures only (never voorbeelddata), so no voorbeelddata column
    frame = kerncijfers_frame(data, slug, catalogue)
    sheet = f"Kerncijfers {data.kern_name(slug)}"
    return dataframe_to_xlsx_bytes(frame, sheet_name=sheet)
