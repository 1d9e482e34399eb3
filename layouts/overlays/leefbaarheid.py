"""Overlay 'Leefbaarheidsbudget': initiatives and euros granted per kern."""

from __future__ import annotations

from layouts import format as fmt
from layouts.overlays.base import (
    Column,
    Overlay,
    OverlayView,
    empty_view,
    sequential_legend,
)
from pipelines.catalogue import Catalogue
from pipelines.dashboard_data import (
    ALL,
    Filters,
    GemeenteData,
    assign_classes,
    class_breaks,
    leefbaarheid_per_kern,
)

KEY = "leefbaarheid"
NO_RECORDS = "Geen registraties in deze store: er zijn geen initiatieven geladen."


def describe(row) -> str:  # noqa: ANN001 - a namedtuple row
    if row.euro_toegekend != row.euro_toegekend:  # NaN
        return "kleine aantallen onderdrukt (openbare versie)"
    text = f"{fmt.euro(row.euro_toegekend)} toegekend"
    text += f" aan {int(row.n_toegekend)} initiatieven"
    if row.euro_per_1000 == row.euro_per_1000:
        text += f" ({fmt.euro(row.euro_per_1000)} per 1.000 inwoners)"
    if row.onderdrukt:
        text += "; kleine aantallen niet meegeteld"
    return text


def build(data: GemeenteData, filters: Filters, catalogue: Catalogue) -> OverlayView:
    """Colour kernen by euros granted for the chosen year(s) and regeling."""
    codes = data.kernen["kern_slug"].tolist()
    if data.record("agg_initiatieven").empty:
        return empty_view(codes, "Leefbaarheidsbudget", NO_RECORDS)
    frame = leefbaarheid_per_kern(data, filters)
    names = dict(zip(data.kernen["kern_slug"], data.kernen["name"], strict=True))
    breaks = class_breaks(frame["euro_toegekend"])
    classes = assign_classes(frame["euro_toegekend"], breaks)
    palette, items = sequential_legend(breaks, 0, "euro")
    period = "alle jaren" if filters.jaar == ALL else filters.jaar
    regeling = "alle regelingen" if filters.regeling == ALL else filters.regeling
    per_1000 = frame["euro_per_1000"].notna().any()
    note = f"Toegekende bedragen, {period}, {regeling}."
    note += (
        " Per 1.000 inwoners staat in de tabel."
        if per_1000
        else " Per 1.000 inwoners kan niet: deze store heeft geen inwonertal per kern."
    )
    if frame["onderdrukt"].any():
        note += " In de openbare versie zijn kleine aantallen onderdrukt."
    rows = [
        {
            "code": r.kern_slug,
            "naam": names[r.kern_slug],
            "n": None if r.n_toegekend != r.n_toegekend else r.n_toegekend,
            "euro": None if r.euro_toegekend != r.euro_toegekend else r.euro_toegekend,
            "per_1000": None if r.euro_per_1000 != r.euro_per_1000 else r.euro_per_1000,
        }
        for r in frame.itertuples()
    ]
    columns = [
        Column("naam", "Kern"),
        Column("n", "Initiatieven toegekend", numeric=True),
        Column("euro", "Euro toegekend", numeric=True),
    ]
    if per_1000:
        columns.append(Column("per_1000", "Euro per 1.000 inwoners", numeric=True))
    return OverlayView(
        level="kern",
        codes=frame["kern_slug"].tolist(),
        classes=[int(c) for c in classes],
        hover=[describe(r) for r in frame.itertuples()],
        palette=palette,
        legend_title=f"Leefbaarheidsbudget: euro toegekend ({period})",
        legend_items=items,
        legend_note=note,
        columns=columns,
        rows=rows,
        summaries={r.kern_slug: describe(r) for r in frame.itertuples()},
    )


OVERLAY = Overlay(
    key=KEY,
    label="Leefbaarheidsbudget",
    filters=("jaar", "regeling"),
    build=build,
    description="Initiatieven en toegekende bedragen per kern.",
)
