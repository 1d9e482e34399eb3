"""Overlay 'Leefbaarheidsbudget': initiatives and euros granted per kern."""

from __future__ import annotations

from typing import TYPE_CHECKING

from layouts import format as fmt
from layouts.overlays.base import (
    Column,
    Overlay,
    OverlayView,
    assign_classes,
    class_breaks,
    empty_view,
    sequential_legend,
)

if TYPE_CHECKING:
    from pipelines.dashboard_data import OverlayInput

KEY = "leefbaarheid"
NO_RECORDS = "Geen registraties voor deze gemeente: er zijn geen initiatieven geladen."


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


def build(inputs: OverlayInput) -> OverlayView:
    """Colour kernen by euros granted for the chosen year(s) and regeling."""
    codes, frame, names = inputs.kern_codes, inputs.frame, inputs.kern_names
    if frame is None:
        return empty_view(codes, "Leefbaarheidsbudget", NO_RECORDS)
    breaks = class_breaks(frame["euro_toegekend"])
    classes = assign_classes(frame["euro_toegekend"], breaks)
    palette, items = sequential_legend(breaks, 0, "euro")
    period = inputs.chosen.get("jaar", "alle jaren")
    regeling = inputs.chosen.get("regeling", "alle regelingen")
    per_1000 = frame["euro_per_1000"].notna().any()
    note = f"Toegekende bedragen, {period}, {regeling}."
    note += (
        " Per 1.000 inwoners staat in de tabel."
        if per_1000
        else (
            " Per 1.000 inwoners kan niet: er is geen inwonertal per kern "
            "(CBS telt per wijk en buurt)."
        )
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
        classes=classes,
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
    source="leefbaarheid",
    build=build,
    description="Initiatieven en toegekende bedragen per kern.",
)
