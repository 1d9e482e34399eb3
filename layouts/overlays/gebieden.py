"""Overlay 'Gebieden': which gebiedsmakelaar (or kernambtenaar) covers which kernen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from layouts.overlays.base import (
    CATEGORICAL,
    NO_DATA,
    Column,
    LegendItem,
    Overlay,
    OverlayView,
    empty_view,
)

if TYPE_CHECKING:
    from pipelines.dashboard_data import OverlayInput

KEY = "gebieden"
NO_RECORDS = "Geen registraties voor deze gemeente: er zijn geen gebieden geladen."


def build(inputs: OverlayInput) -> OverlayView:
    """One colour per gebied (Okabe-Ito), the gebied named in legend and hover."""
    codes, frame, names = inputs.kern_codes, inputs.frame, inputs.kern_names
    if frame is None:
        return empty_view(codes, "Gebieden", NO_RECORDS)
    gebieden = sorted(g for g in frame["gebied"].dropna().unique())
    index = {g: i for i, g in enumerate(gebieden)}
    palette = [CATEGORICAL[i % len(CATEGORICAL)] for i in range(len(gebieden))]
    people = (
        frame.dropna(subset=["gebied"]).drop_duplicates("gebied").set_index("gebied")
    )
    items = [
        LegendItem(
            palette[i], f"{g}: {people.loc[g, 'naam']} ({people.loc[g, 'functie']})"
        )
        for g, i in index.items()
    ]
    hover = [
        f"Gebied {g}: {n} ({f})" if isinstance(g, str) else "geen gebied"
        for g, n, f in zip(
            frame["gebied"], frame["naam"], frame["functie"], strict=True
        )
    ]
    rows = [
        {
            "code": r.kern_slug,
            "naam": names[r.kern_slug],
            "gebied": r.gebied,
            "wie": r.naam,
            "functie": r.functie,
            "gebied_slug": r.gebied_slug,
        }
        for r in frame.itertuples()
    ]
    return OverlayView(
        level="kern",
        codes=codes,
        classes=[index.get(g, -1) for g in frame["gebied"]],
        hover=hover,
        palette=palette,
        legend_title="Gebieden en wie ze bedient",
        legend_items=[*items, LegendItem(NO_DATA, "geen gebied")],
        legend_note="De gebiedspagina toont per gebied wat aandacht vraagt.",
        columns=[
            Column("naam", "Kern"),
            Column("gebied", "Gebied"),
            Column("wie", "Gebiedsmakelaar of kernambtenaar"),
            Column("functie", "Functie"),
        ],
        rows=rows,
        summaries={
            r.kern_slug: h for r, h in zip(frame.itertuples(), hover, strict=True)
        },
    )


OVERLAY = Overlay(
    key=KEY,
    label="Gebieden",
    filters=(),
    source="gebieden",
    build=build,
    description="Welke gebiedsmakelaar of kernambtenaar welke kernen bedient.",
)
