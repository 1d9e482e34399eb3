"""Overlay 'Ruimtelijke opgaven': open opgaven per kern, located ones as points."""

from __future__ import annotations

from typing import TYPE_CHECKING

from layouts.overlays.base import (
    NO_DATA,
    Column,
    LegendItem,
    Overlay,
    OverlayView,
    empty_view,
)

if TYPE_CHECKING:
    from pipelines.dashboard_data import OverlayInput

KEY = "ruimtelijk"
PALETTE = ["#edf8b1", "#7fcdbb", "#1d91c0"]
LABELS = ["1 open opgave", "2 open opgaven", "3 of meer open opgaven"]
POINT_COLOUR = "#D55E00"
NO_RECORDS = "Geen registraties voor deze gemeente: er zijn geen opgaven geladen."


def build(inputs: OverlayInput) -> OverlayView:
    """Colour kernen by the number of open opgaven; show located opgaven as points."""
    codes, frame, names = inputs.kern_codes, inputs.frame, inputs.kern_names
    if frame is None:
        return empty_view(codes, "Ruimtelijke opgaven", NO_RECORDS)
    classes = [min(n, 3) - 1 for n in frame["n_open"]]
    hover = [
        f"{o} open van {t} opgaven" + (f": {s}" if s else "")
        for o, t, s in zip(
            frame["n_open"], frame["n_totaal"], frame["soorten"], strict=True
        )
    ]
    items = [LegendItem(c, label) for c, label in zip(PALETTE, LABELS, strict=True)]
    items += [
        LegendItem(NO_DATA, "geen open opgaven"),
        LegendItem(
            POINT_COLOUR, "stip: opgave met een locatie (beweeg erover voor de naam)"
        ),
    ]
    rows = [
        {
            "code": r.kern_slug,
            "naam": names[r.kern_slug],
            "n_open": r.n_open,
            "n_totaal": r.n_totaal,
            "soorten": r.soorten,
        }
        for r in frame.itertuples()
    ]
    return OverlayView(
        level="kern",
        codes=frame["kern_slug"].tolist(),
        classes=classes,
        hover=hover,
        palette=PALETTE,
        legend_title="Ruimtelijke opgaven: aantal open opgaven",
        legend_items=items,
        legend_note=(
            "Open: nog niet gereed. Een opgave voor meerdere kernen telt bij elke kern."
        ),
        columns=[
            Column("naam", "Kern"),
            Column("n_open", "Open opgaven", numeric=True),
            Column("n_totaal", "Alle opgaven", numeric=True),
            Column("soorten", "Soorten"),
        ],
        rows=rows,
        points=inputs.points,
        summaries=dict(zip(frame["kern_slug"], hover, strict=True)),
    )


OVERLAY = Overlay(
    key=KEY,
    label="Ruimtelijke opgaven",
    filters=(),
    source="ruimtelijk",
    build=build,
    description="Projecten en opgaven per kern, met locatie waar bekend.",
)
