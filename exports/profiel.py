"""Kernprofiel as an A4 PDF: map, key figures, kernagenda, initiatives, sources."""

from __future__ import annotations

from datetime import date

import pandas as pd

from exports import html as h
from exports import selection as sel
from exports.maps import kern_map_figure
from exports.render import Renderer, html_to_pdf, render_figure
from layouts import format as fmt
from pipelines.catalogue import Catalogue
from pipelines.dashboard_data import GemeenteData
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


def _key_figure_table_html(figures: sel.KeyFigures) -> str:
    area_heads = "".join(f'<th class="getal">{h.esc(a)}</th>' for a in figures.areas)
    rows = []
    for f in figures.rows:
        vals = "".join(
            f'<td class="getal">{h.esc(fmt.number(v, f.decimalen))}</td>'
            for v in f.values
        )
        compare = fmt.number(f.vergelijking, f.decimalen)
        rows.append(
            f"<tr><td>{h.esc(f.titel)} <span class='bijschrift'>({h.esc(f.eenheid)})"
            f"</span></td>{vals}<td class='getal'>{h.esc(compare)}</td>"
            f"<td class='bijschrift'>{h.esc(f.vergelijking_label)}</td></tr>"
        )
    return (
        f"<p class='bijschrift'>{h.esc(figures.caption)}; CBS {h.esc(figures.year)}."
        "</p><table><thead><tr><th>Kerncijfer</th>"
        f"{area_heads}<th class='getal'>Gemeente</th><th>vergeleken met</th>"
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


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
<div class="naast"><h2 style="margin-top:0">Kerncijfers</h2>
{_key_figures_html(figures)}</div></div>
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
