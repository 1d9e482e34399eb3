"""Small shared components: legend, sortable table, notices, page heading."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from layouts import format as fmt
from layouts import ids
from layouts.overlays.base import Column, LegendItem

PAGE_SIZE = 50


def notice(text: str, kind: str = "info") -> html.Div:
    """A visible message (role=status); never rendered as HTML."""
    return html.Div(text, className=f"melding melding-{kind}", role="status")


def legend(title: str, items: list[LegendItem], note: str) -> list[Any]:
    """Legend in text: every colour has its label, plus a note on level and source."""
    return [
        html.H2("Legenda", className="h-klein"),
        html.P(title, className="legenda-titel"),
        html.Ul(
            [
                html.Li(
                    [
                        html.Span(
                            className="veeg",
                            style={"background": i.colour},
                            **{"aria-hidden": "true"},
                        ),
                        html.Span(i.label),
                    ]
                )
                for i in items
            ],
            className="legenda-lijst",
        ),
        html.P(note, className="legenda-noot") if note else None,
    ]


def _cell(column: Column, value: Any) -> html.Td:
    if column.numeric:
        decimals = 0 if value is None or float(value).is_integer() else 1
        text = fmt.number(value, decimals) if value is not None else "geen gegevens"
        return html.Td(text, className="getal")
    return html.Td("" if value is None else str(value))


def _sort_header(column: Column, sort: dict[str, Any]) -> html.Th:
    active = sort.get("key") == column.key
    direction = "descending" if sort.get("desc") else "ascending"
    arrow = ("▼" if sort.get("desc") else "▲") if active else ""
    return html.Th(
        html.Button(
            [
                column.label,
                html.Span(arrow, className="pijl", **{"aria-hidden": "true"}),
            ],
            id={"type": ids.SORT_BUTTON, "index": column.key},
            className="sorteer",
            title=f"Sorteer op {column.label}",
        ),
        scope="col",
        className="getal" if column.numeric else None,
        **{"aria-sort": direction if active else "none"},
    )


def _kern_buttons(slugs: list[str], names: dict[str, str], selected: str | None) -> Any:
    return [
        html.Button(
            names.get(s, s),
            id={"type": ids.KERN_BUTTON, "index": s},
            className="kern-knop" + (" gekozen" if s == selected else ""),
            title=f"Kies {names.get(s, s)} op de kaart",
            **{"aria-pressed": "true" if s == selected else "false"},
        )
        for s in slugs
    ]


def sort_rows(rows: list[dict], sort: dict[str, Any]) -> list[dict]:
    """Rows sorted by ``sort['key']`` (missing values last)."""
    key = sort.get("key")
    if not key:
        return rows
    present = [r for r in rows if r.get(key) is not None and r.get(key) == r.get(key)]
    missing = [r for r in rows if r not in present]

    def order(row: dict) -> Any:
        value = row[key]
        return value.lower() if isinstance(value, str) else value

    return sorted(present, key=order, reverse=bool(sort.get("desc"))) + missing


def data_table(
    caption: str,
    columns: list[Column],
    rows: list[dict],
    *,
    level: str,
    names: dict[str, str],
    selected: str | None,
    sort: dict[str, Any],
    page: int = 0,
) -> list[Any]:
    """A real <table>: sortable headers (buttons, aria-sort), kern buttons per row."""
    ordered = sort_rows(rows, sort)
    pages = max(1, -(-len(ordered) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    shown = ordered[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    head = [_sort_header(c, sort) for c in columns]
    if level == "wijk":
        head.append(html.Th("Kernen in deze wijk", scope="col"))
    body = []
    for row in shown:
        first = columns[0]
        if level == "kern":
            label = _kern_buttons([row["code"]], names, selected)
        else:
            label = row.get(first.key)
        cells = [html.Th(label, scope="row")]
        cells += [_cell(c, row.get(c.key)) for c in columns[1:]]
        if level == "wijk":
            cells.append(html.Td(_kern_buttons(row.get("kernen", []), names, selected)))
        body.append(
            html.Tr(cells, className="gekozen" if row["code"] == selected else None)
        )
    table = html.Table(
        [html.Caption(caption), html.Thead(html.Tr(head)), html.Tbody(body)],
        className="tabel",
    )
    return [table, pager(page, pages, len(ordered))]


def pager(page: int, pages: int, total: int) -> Any:
    """Previous/next buttons when the table has more rows than one page."""
    if pages <= 1:
        return html.P(f"{total} rijen", className="klein")
    return html.Nav(
        [
            html.Button(
                "Vorige",
                id={"type": ids.PAGE_BUTTON, "index": page - 1},
                disabled=page == 0,
                className="knop",
            ),
            html.Span(f"Pagina {page + 1} van {pages} ({total} rijen)"),
            html.Button(
                "Volgende",
                id={"type": ids.PAGE_BUTTON, "index": page + 1},
                disabled=page >= pages - 1,
                className="knop",
            ),
        ],
        className="pager",
        **{"aria-label": "Pagina's van de tabel"},
    )


def link(text: str, href: str, **kwargs: Any) -> dcc.Link:
    return dcc.Link(text, href=href, **kwargs)
