"""Overlay 'Maatschappelijke opgaven': one CBS indicator, at the level it exists."""

from __future__ import annotations

from layouts import format as fmt
from layouts.overlays.base import Column, Overlay, OverlayView, sequential_legend
from pipelines.catalogue import Catalogue
from pipelines.dashboard_data import (
    Filters,
    GemeenteData,
    assign_classes,
    class_breaks,
    indicator_values,
    kern_wijken,
)

KEY = "indicator"
WIJK_NOTE = (
    "Cijfers per wijk; CBS publiceert voor {year} geen buurtcijfers in deze "
    "snapshot. Wijkcijfers worden niet over kernen verdeeld."
)


def _kern_hover(data: GemeenteData, wijk_text: dict[str, str]) -> list[str]:
    """Per kern (in kernen order): its wijk(en) with their figure, as wijkcijfer."""
    members = kern_wijken(data)
    out = []
    for slug in data.kernen["kern_slug"]:
        parts = [wijk_text[w] for w in members.get(slug, []) if w in wijk_text]
        out.append("; ".join(parts) if parts else "geen wijkcijfer")
    return out


def build(data: GemeenteData, filters: Filters, catalogue: Catalogue) -> OverlayView:
    """Colour kernen (or wijken) by ``filters.indicator`` in readable classes."""
    ind = catalogue.get(filters.indicator)
    values = indicator_values(data, ind.key)
    frame = values.frame
    breaks = class_breaks(frame["value"])
    classes = assign_classes(frame["value"], breaks)
    palette, items = sequential_legend(breaks, ind.decimalen, ind.eenheid)
    text = [f"{fmt.number(v, ind.decimalen)} {ind.eenheid}" for v in frame["value"]]
    level_word = "kern" if values.level == "kern" else "wijk"
    rows = [
        {"code": c, "naam": n, "waarde": v, "klasse": items[k].label if k >= 0 else ""}
        for c, n, v, k in zip(
            frame["code"], frame["name"], frame["value"], classes, strict=True
        )
    ]
    note = f"Cijfers per {level_word}, {data.metadata.get('year', '')}."
    kern_hover: list[str] = []
    if values.level == "wijk":
        note = WIJK_NOTE.format(year=data.metadata.get("year", ""))
        wijk_text = {
            c: f"{n}: {t} (wijkcijfer)"
            for c, n, t in zip(frame["code"], frame["name"], text, strict=True)
        }
        kern_hover = _kern_hover(data, wijk_text)
        members = kern_wijken(data)
        for row in rows:
            row["kernen"] = [s for s, ws in members.items() if row["code"] in ws]
    if values.gemeente_value is not None:
        note += (
            f" Gemeente {data.naam}: "
            f"{fmt.number(values.gemeente_value, ind.decimalen)} {ind.eenheid}."
        )
    return OverlayView(
        level=values.level,
        codes=list(frame["code"]),
        classes=[int(c) for c in classes],
        hover=text,
        palette=palette,
        legend_title=f"{ind.titel} ({ind.eenheid})",
        legend_items=items,
        legend_note=note,
        columns=[
            Column("naam", level_word.capitalize()),
            Column("waarde", f"{ind.titel} ({ind.eenheid})", numeric=True),
            Column("klasse", "Klasse"),
        ],
        rows=rows,
        kern_hover=kern_hover,
    )


OVERLAY = Overlay(
    key=KEY,
    label="Maatschappelijke opgaven (CBS-cijfers)",
    filters=("indicator",),
    build=build,
    description="Een indicator uit de Kerncijfers wijken en buurten van het CBS.",
)
