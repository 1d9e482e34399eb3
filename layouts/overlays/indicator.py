"""Overlay 'Maatschappelijke opgaven': one CBS indicator, at the level it exists."""

from __future__ import annotations

from typing import TYPE_CHECKING

from layouts import format as fmt
from layouts.overlays.base import (
    Column,
    Overlay,
    OverlayView,
    assign_classes,
    class_breaks,
    sequential_legend,
)

if TYPE_CHECKING:
    from pipelines.dashboard_data import OverlayInput

KEY = "indicator"
WIJK_NOTE = (
    "Cijfers per wijk: voor {year} zijn er in deze gegevens geen CBS-cijfers "
    "per buurt. Wijkcijfers worden niet over kernen verdeeld."
)


def _kern_hover(inputs: OverlayInput, wijk_text: dict[str, str]) -> list[str]:
    """Per kern (in kernen order): its wijk(en) with their figure, as wijkcijfer."""
    members = inputs.kern_wijken
    out = []
    for slug in inputs.kern_codes:
        parts = [wijk_text[w] for w in members.get(slug, []) if w in wijk_text]
        out.append("; ".join(parts) if parts else "geen wijkcijfer")
    return out


def build(inputs: OverlayInput) -> OverlayView:
    """Colour kernen (or wijken) by the chosen indicator in readable classes."""
    ind, frame = inputs.indicator, inputs.frame
    assert ind is not None and frame is not None, "source 'indicator' fills both"
    breaks = class_breaks(frame["value"])
    classes = assign_classes(frame["value"], breaks)
    palette, items = sequential_legend(breaks, ind.decimalen, ind.eenheid)
    # plain lists: iterating (arrow-backed) columns is ten times slower
    codes, names = frame["code"].tolist(), frame["name"].tolist()
    values = frame["value"].tolist()
    text = [f"{fmt.number(v, ind.decimalen)} {ind.eenheid}" for v in values]
    level_word = "kern" if inputs.level == "kern" else "wijk"
    rows = [
        {"code": c, "naam": n, "waarde": v, "klasse": items[k].label if k >= 0 else ""}
        for c, n, v, k in zip(codes, names, values, classes, strict=True)
    ]
    note = f"Cijfers per {level_word}, {inputs.year}."
    kern_hover: list[str] = []
    if inputs.level == "wijk":
        note = WIJK_NOTE.format(year=inputs.year)
        wijk_text = {
            c: f"{n}: {t} (wijkcijfer)"
            for c, n, t in zip(codes, names, text, strict=True)
        }
        kern_hover = _kern_hover(inputs, wijk_text)
        members = inputs.kern_wijken
        for row in rows:
            row["kernen"] = [s for s, ws in members.items() if row["code"] in ws]
    if inputs.gemeente_value is not None:
        note += (
            f" Gemeente {inputs.gemeente}: "
            f"{fmt.number(inputs.gemeente_value, ind.decimalen)} {ind.eenheid}."
        )
    return OverlayView(
        level=inputs.level,
        codes=codes,
        classes=classes,
        hover=text,
        palette=palette,
        legend_title=fmt.titled(ind.titel, ind.eenheid),
        legend_items=items,
        legend_note=note,
        columns=[
            Column("naam", level_word.capitalize()),
            Column("waarde", fmt.titled(ind.titel, ind.eenheid), numeric=True),
            Column("klasse", "Klasse"),
        ],
        rows=rows,
        kern_hover=kern_hover,
    )


OVERLAY = Overlay(
    key=KEY,
    label="Maatschappelijke opgaven (CBS-cijfers)",
    filters=("indicator",),
    source="indicator",
    build=build,
    description="Een indicator uit de Kerncijfers wijken en buurten van het CBS.",
)
