"""Overlay 'Gebieden': which gebiedsmakelaar (or kernambtenaar) covers which kernen."""

from __future__ import annotations

from layouts.overlays.base import (
    CATEGORICAL,
    NO_DATA,
    Column,
    LegendItem,
    Overlay,
    OverlayView,
    empty_view,
)
from pipelines.catalogue import Catalogue
from pipelines.dashboard_data import Filters, GemeenteData, gebieden_per_kern

KEY = "gebieden"
NO_RECORDS = "Geen registraties in deze store: er zijn geen gebieden geladen."


def build(data: GemeenteData, filters: Filters, catalogue: Catalogue) -> OverlayView:
    """One colour per gebied (Okabe-Ito), the gebied named in legend and hover."""
    codes = data.kernen["kern_slug"].tolist()
    if data.record("gebieden").empty:
        return empty_view(codes, "Gebieden", NO_RECORDS)
    frame = gebieden_per_kern(data)
    names = dict(zip(data.kernen["kern_slug"], data.kernen["name"], strict=True))
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
    build=build,
    description="Welke gebiedsmakelaar of kernambtenaar welke kernen bedient.",
)
