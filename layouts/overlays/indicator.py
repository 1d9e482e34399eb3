"""Overlay 'Maatschappelijke opgaven': one CBS indicator, at the level it exists.

Two views: the figures of one year (``weergave=waarde``), per kern when buurt
figures exist for that year, else per wijk; and the change since an earlier
year at the same level (``weergave=verandering``), on a diverging palette
whose middle class is '(vrijwel) geen verandering'. Every figure says its
year(s) and level; a figure made of estimated parts says so.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from layouts import format as fmt
from layouts.overlays.base import (
    DIVERGING,
    Column,
    Overlay,
    OverlayView,
    Shown,
    assign_classes,
    change_breaks,
    change_classes,
    change_legend,
    class_breaks,
    sequential_legend,
)

if TYPE_CHECKING:
    from pipelines.catalogue import Indicator
    from pipelines.dashboard_data import OverlayInput

KEY = "indicator"
SOURCE = "Bron: CBS, Kerncijfers wijken en buurten."
WIJK_NOTE = (
    "Cijfers per wijk: voor {year} zijn er in deze gegevens geen CBS-cijfers "
    "per buurt. Wijkcijfers worden niet over kernen verdeeld."
)
VIEWS = ("waarde", "verandering")
# methode of a figure -> the mark beside it (exact and samengevoegd: none)
MARKS = {"grens_verschoven": "grens verschoven", "oppervlakte": "schatting"}
FOOTNOTES = {
    "grens verschoven": (
        "'grens verschoven': een buurt met dezelfde code maar een sindsdien "
        "verschoven grens is geheel meegeteld; het cijfer is bij benadering."
    ),
    "schatting": (
        "'schatting': een deel van het cijfer is naar oppervlakte over kernen "
        "verdeeld, een ruwe maat voor waar mensen wonen."
    ),
}


def is_share(ind: Indicator) -> bool:
    """Percentages change in procentpunt, not in % of themselves."""
    return ind.eenheid.strip().startswith("%")


def _marks(frame: pd.DataFrame) -> list[str]:
    if "methode" not in frame.columns:
        return [""] * len(frame)
    return [MARKS.get(m, "") if isinstance(m, str) else "" for m in frame["methode"]]


def _value_text(value: float, ind: Indicator) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "geen cijfer"
    return f"{fmt.number(value, ind.decimalen)} {ind.eenheid}".strip()


def _notes(inputs: OverlayInput, marks: list[str], years: list[str]) -> str:
    """Predecessor years and the footnotes of the marks that occur."""
    parts = []
    merged = [y for y in years if y and int(y) in inputs.merged_years]
    if merged and inputs.predecessors:
        parts.append(
            f"Voor {fmt.listing(merged)} afgeleid van de buurten van "
            f"{fmt.listing(list(inputs.predecessors))}."
        )
    parts += [text for mark, text in FOOTNOTES.items() if mark in marks]
    return " ".join(parts)


def _gemeente_note(inputs: OverlayInput, year: str) -> str:
    """'Gemeente Buren, 2024: 27.773 inwoners.' or both years and the change."""
    ind = inputs.indicator
    assert ind is not None
    if inputs.gemeente_value is None:
        return ""

    def shown(value: float, when: str) -> str:
        merged = int(when) in inputs.merged_years and inputs.predecessors
        summed = f" (som van {fmt.listing(list(inputs.predecessors))})"
        return _value_text(value, ind) + (summed if merged else "")

    now = shown(inputs.gemeente_value, year)
    if not (inputs.since_year and inputs.gemeente_since is not None):
        return f"Gemeente {inputs.gemeente}, {year}: {now}."
    since = inputs.since_year
    diff = inputs.gemeente_value - inputs.gemeente_since
    pct = diff / inputs.gemeente_since * 100 if inputs.gemeente_since else math.nan
    change = ", ".join(t for t in _change_text(diff, pct, ind) if t)
    return (
        f"Gemeente {inputs.gemeente}: {since} "
        f"{shown(inputs.gemeente_since, since)}, {year} {now} ({change})."
    )


def _kern_hover(inputs: OverlayInput, wijk_text: dict[str, str]) -> list[str]:
    """Per kern (in kernen order): its wijk(en) with their figure, as wijkcijfer."""
    members = inputs.kern_wijken
    out = []
    for slug in inputs.kern_codes:
        parts = [wijk_text[w] for w in members.get(slug, []) if w in wijk_text]
        out.append("; ".join(parts) if parts else "geen wijkcijfer")
    return out


def _wijk_parts(inputs: OverlayInput, view: OverlayView, years: str) -> None:
    """Wijk level: kern hover (via the kern's wijken) and the kernen per row."""
    wijk_text = {
        c: f"{r['naam']}: {t} (wijkcijfer{', ' + years if years else ''})"
        for c, r, t in zip(view.codes, view.rows, view.hover, strict=True)
    }
    members = inputs.kern_wijken
    for row in view.rows:
        row["kernen"] = [s for s, ws in members.items() if row["code"] in ws]
    view.kern_hover = _kern_hover(inputs, wijk_text)


def value_view(inputs: OverlayInput) -> OverlayView:
    """The figures of one year, in readable classes (sequential palette)."""
    ind, frame = inputs.indicator, inputs.frame
    assert ind is not None and frame is not None
    year = inputs.cbs_year or inputs.year
    breaks = class_breaks(frame["value"])
    classes = assign_classes(frame["value"], breaks)
    palette, items = sequential_legend(breaks, ind.decimalen, ind.eenheid)
    # plain lists: iterating (arrow-backed) columns is ten times slower
    codes, names = frame["code"].tolist(), frame["name"].tolist()
    values, marks = frame["value"].tolist(), _marks(frame)
    hover = [
        f"{_value_text(v, ind)} ({year}{', ' + m if m else ''})"
        if inputs.level == "kern"
        else _value_text(v, ind)  # wijk: the year follows 'wijkcijfer'
        for v, m in zip(values, marks, strict=True)
    ]
    rows = [
        {
            "code": c,
            "naam": n,
            "waarde": None if pd.isna(v) else v,
            "klasse": items[k].label if k >= 0 else "",
            "toelichting": m,
        }
        for c, n, v, k, m in zip(codes, names, values, classes, marks, strict=True)
    ]
    level_word = "kern" if inputs.level == "kern" else "wijk"
    view = OverlayView(
        level=inputs.level,
        codes=codes,
        classes=classes,
        hover=hover,
        palette=palette,
        legend_title=f"{fmt.titled(ind.titel, ind.eenheid)}, {year}",
        legend_items=items,
        columns=[
            Column("naam", level_word.capitalize()),
            Column("waarde", f"{fmt.titled(ind.titel, ind.eenheid)} {year}", True),
            Column("klasse", "Klasse"),
            *([Column("toelichting", "Toelichting")] if any(marks) else []),
        ],
        rows=rows,
    )
    note = f"Cijfers per {level_word}, {year}."
    if inputs.level == "wijk":
        note = WIJK_NOTE.format(year=year)
        _wijk_parts(inputs, view, year)
    extra = [_notes(inputs, marks, [year]), _gemeente_note(inputs, year)]
    view.legend_note = " ".join([note, SOURCE, *[e for e in extra if e]])
    return view


def _change_measure(frame: pd.DataFrame, share: bool) -> pd.Series:
    """What the colour shows: procentpunt for shares, else % (0 -> x: +inf)."""
    if share:
        return frame["verschil"].astype(float)
    pct = frame["procent"].astype(float)
    diff = frame["verschil"].astype(float)
    from_zero = pct.isna() & diff.notna()  # the first value is 0
    grown = pd.Series(np.where(diff > 0, np.inf, 0.0), index=frame.index)
    return pct.where(~from_zero, grown)


def _change_text(diff: float, pct: float, ind: Indicator) -> tuple[str, str]:
    """Signed verschil and % as shown ('+865 inwoners', '+21 %')."""
    if is_share(ind):
        return fmt.signed_change(diff, share=True), ""
    absolute = fmt.signed_number(diff, ind.decimalen)
    if absolute:
        absolute = f"{absolute} {ind.eenheid}".strip()
    if math.isinf(pct):
        return absolute, "nieuw"  # from 0: no percentage
    # a decimal below 10 %: the classes' bounds may be 1 or 2 %, and '-2 %'
    # on both sides of such a bound would read as a contradiction
    return absolute, fmt.signed_change(pct, False, 1 if abs(pct) < 10 else 0)


def _change_row(
    record: dict[str, Any], ind: Indicator, label: str, mark: str
) -> dict[str, Any]:
    diff, pct = record["verschil"], record["measure"]
    shown_diff, shown_pct = _change_text(diff, pct, ind)
    row = {
        "code": record["code"],
        "naam": record["name"],
        "sinds": None if pd.isna(record["value_since"]) else record["value_since"],
        "waarde": None if pd.isna(record["value"]) else record["value"],
        "verschil": Shown(diff, shown_diff.split(" ")[0] if shown_diff else ""),
        "klasse": label,
        "toelichting": mark,
    }
    if not is_share(ind):
        row["procent"] = Shown(record["procent"], shown_pct)
    return row


def change_view(inputs: OverlayInput) -> OverlayView:
    """The change since ``since_year`` per area, on a diverging palette."""
    ind, frame = inputs.indicator, inputs.frame
    assert ind is not None and frame is not None
    year, since = inputs.cbs_year, inputs.since_year
    share = is_share(ind)
    frame = frame.assign(measure=_change_measure(frame, share))
    bounds = change_breaks(frame["measure"])
    classes = change_classes(frame["measure"], bounds)
    unit = "procentpunt" if share else "%"
    items = change_legend(bounds, unit)
    marks = _marks(frame)
    records = frame.to_dict("records")
    rows, hover = [], []
    for record, k, mark in zip(records, classes, marks, strict=True):
        rows.append(_change_row(record, ind, items[k].label if k >= 0 else "", mark))
        texts = _change_text(record["verschil"], record["measure"], ind)
        change = ", ".join(t for t in texts if t) + (f"; {mark}" if mark else "")
        pairs = [
            (int(since), _optional(record["value_since"]), False),
            (int(year), _optional(record["value"]), False),
        ]
        hover.append(fmt.year_values(pairs, ind.decimalen, change))
    view = OverlayView(
        level=inputs.level,
        codes=frame["code"].tolist(),
        classes=classes,
        hover=hover,
        palette=list(DIVERGING),
        legend_title=f"{fmt.titled(ind.titel, ind.eenheid)}: verandering "
        f"{since}-{year}",
        legend_items=items,
        columns=_change_columns(inputs, ind, any(marks)),
        rows=rows,
    )
    view.legend_note = _change_note(inputs, view, marks, unit)
    return view


def _optional(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _change_columns(inputs: OverlayInput, ind: Indicator, marked: bool) -> list[Column]:
    level_word = "Kern" if inputs.level == "kern" else "Wijk"
    title = fmt.titled(ind.titel, ind.eenheid)
    columns = [
        Column("naam", level_word),
        Column("sinds", f"{title} {inputs.since_year}", numeric=True),
        Column("waarde", f"{title} {inputs.cbs_year}", numeric=True),
    ]
    if is_share(ind):
        columns.append(Column("verschil", "Verschil (procentpunt)"))
    else:
        columns += [Column("verschil", "Verschil"), Column("procent", "Verschil (%)")]
    columns.append(Column("klasse", "Klasse"))
    return columns + ([Column("toelichting", "Toelichting")] if marked else [])


def _change_note(
    inputs: OverlayInput, view: OverlayView, marks: list[str], unit: str
) -> str:
    year, since = inputs.cbs_year, inputs.since_year
    level_word = "kern" if inputs.level == "kern" else "wijk"
    basis = (
        "Kleur naar het verschil in procentpunt."
        if unit == "procentpunt"
        else f"Kleur naar de verandering in % van het cijfer van {since}."
    )
    note = f"Verandering {since}-{year}, per {level_word}. {basis}"
    if inputs.level == "wijk":
        _wijk_parts(inputs, view, "")
        note += " " + WIJK_NOTE.format(year=year)
    extra = [_notes(inputs, marks, [since, year]), _gemeente_note(inputs, year)]
    return " ".join([note, SOURCE, *[e for e in extra if e]])


def choices(inputs: OverlayInput) -> dict[str, list[dict[str, Any]]]:
    """Options of the year, view and since controls for this indicator and year."""
    periods = inputs.periods or {}
    kern, wijk = periods.get("kern", []), periods.get("wijk", [])
    years = sorted(set(kern) | set(wijk), reverse=True)
    earlier = inputs.earlier
    cbsjaar = [
        {"value": str(y), "label": str(y) if y in kern else f"{y} (alleen per wijk)"}
        for y in years
    ]
    weergave = [
        {"value": "waarde", "label": "Cijfers van het jaar"},
        {
            "value": "verandering",
            "label": "Verandering sinds een eerder jaar"
            + ("" if earlier else " (geen eerder jaar)"),
            "disabled": not earlier,
        },
    ]
    sinds = [{"value": str(y), "label": str(y)} for y in earlier] or [
        {"value": "", "label": "geen eerder jaar met cijfers", "disabled": True}
    ]
    return {"cbsjaar": cbsjaar, "weergave": weergave, "sinds": sinds}


def build(inputs: OverlayInput) -> OverlayView:
    """Colour kernen (or wijken) by the chosen indicator, or by its change."""
    assert inputs.indicator is not None and inputs.frame is not None, (
        "source 'indicator' fills both"
    )
    view = change_view(inputs) if inputs.since_year else value_view(inputs)
    view.choices = choices(inputs)
    return view


OVERLAY = Overlay(
    key=KEY,
    label="Maatschappelijke opgaven (CBS-cijfers)",
    filters=("indicator", "cbsjaar", "weergave", "sinds"),
    source="indicator",
    build=build,
    description="Een indicator uit de Kerncijfers wijken en buurten van het CBS.",
)
