"""Overlay 'Kernagenda voortgang': % gerealiseerd per kern, breakdown by status."""

from __future__ import annotations

from typing import TYPE_CHECKING

from layouts import format as fmt
from layouts.overlays.base import (
    NO_DATA,
    NO_DATA_LABEL,
    Column,
    LegendItem,
    Overlay,
    OverlayView,
    empty_view,
)

if TYPE_CHECKING:
    from pipelines.dashboard_data import OverlayInput

KEY = "kernagenda"
# Fixed, readable classes: upper bounds in % gerealiseerd.
BREAKS = [25, 50, 75, 100]
PALETTE = ["#ffffcc", "#c7e9b4", "#41b6c4", "#1d91c0"]
LABELS = ["0 tot 25%", "25 tot 50%", "50 tot 75%", "75 tot en met 100%"]
NO_RECORDS = "Geen registraties voor deze gemeente: er zijn geen actiepunten geladen."


def classify_pct(value: float) -> int:
    """Class of a percentage for BREAKS; -1 for NaN."""
    if value != value:  # NaN
        return -1
    for i, upper in enumerate(BREAKS[:-1]):
        if value < upper:
            return i
    return len(BREAKS) - 1


def describe(row) -> str:  # noqa: ANN001 - a namedtuple row
    """'62% gerealiseerd (8 van 13; 2 in uitvoering, 1 in voorbereiding, ...)'."""
    if row.n_totaal == 0:
        return "geen actiepunten voor deze filters"
    parts = [
        f"{row.n_in_uitvoering} in uitvoering",
        f"{row.n_in_voorbereiding} in voorbereiding",
        f"{row.n_nieuw} nieuw",
        f"{row.n_vervallen} vervallen",
    ]
    pct = fmt.percent(row.pct_gerealiseerd)
    return (
        f"{pct} gerealiseerd ({row.n_gerealiseerd} van {row.n_totaal}; "
        + ", ".join(parts)
        + ")"
    )


def breakdown(label: str, counts: dict[str, int]) -> str:
    """'Eigenaar: samen 2, gemeente 1' (empty when there is nothing to count)."""
    if not counts:
        return ""
    return f"{label}: " + ", ".join(f"{value} {n}" for value, n in counts.items())


def explain(row) -> str:  # noqa: ANN001 - a namedtuple row
    """Status line, then the breakdown by eigenaar and by thema (one per line)."""
    lines = [
        describe(row),
        breakdown("Eigenaar", getattr(row, "per_eigenaar", {})),
        breakdown("Thema", getattr(row, "per_thema", {})),
    ]
    return "\n".join(line for line in lines if line)


def build(inputs: OverlayInput) -> OverlayView:
    """Colour kernen by % gerealiseerd actiepunten (vervallen ones left out)."""
    codes, frame, names = inputs.kern_codes, inputs.frame, inputs.kern_names
    if frame is None:
        return empty_view(codes, "Kernagenda: % gerealiseerd", NO_RECORDS)
    classes = [classify_pct(v) for v in frame["pct_gerealiseerd"]]
    hover = [explain(r) for r in frame.itertuples()]
    rows = [
        {
            "code": r.kern_slug,
            "naam": names[r.kern_slug],
            "n_totaal": r.n_totaal,
            "n_gerealiseerd": r.n_gerealiseerd,
            "n_in_uitvoering": r.n_in_uitvoering,
            "n_in_voorbereiding": r.n_in_voorbereiding,
            "n_nieuw": r.n_nieuw,
            "n_vervallen": r.n_vervallen,
            "pct": None
            if r.pct_gerealiseerd != r.pct_gerealiseerd
            else r.pct_gerealiseerd,
        }
        for r in frame.itertuples()
    ]
    items = [LegendItem(c, label) for c, label in zip(PALETTE, LABELS, strict=True)]
    note = (
        "Aandeel gerealiseerde actiepunten van de kernagenda, vervallen punten niet "
        "meegeteld. Een actiepunt voor meerdere kernen telt bij elke kern mee."
    )
    chosen = filter_words(inputs.chosen)
    if chosen:
        note += f" Alleen actiepunten {chosen}."
    without = int(frame.attrs.get("zonder_kern", 0))
    if without:
        note += (
            f" {fmt.number(without)} actiepunt{'en' if without > 1 else ''} voor "
            "de hele gemeente (zonder kern) staan niet op de kaart; de Monitor "
            "telt ze mee."
        )
    message = ""
    if chosen and not frame["n_totaal"].any():
        message = (
            f"Geen actiepunten {chosen}. Kies bij de filters een ander jaar, "
            "thema of eigenaar (of 'Alle jaren')."
        )
    return OverlayView(
        level="kern",
        codes=frame["kern_slug"].tolist(),
        classes=classes,
        hover=hover,
        palette=PALETTE,
        legend_title="Kernagenda: % actiepunten gerealiseerd",
        legend_items=[
            *items,
            LegendItem(NO_DATA, NO_DATA_LABEL + " (geen actiepunten)"),
        ],
        legend_note=note,
        columns=[
            Column("naam", "Kern"),
            Column("n_totaal", "Actiepunten", numeric=True),
            Column("n_gerealiseerd", "Gerealiseerd", numeric=True),
            Column("n_in_uitvoering", "In uitvoering", numeric=True),
            Column("n_in_voorbereiding", "In voorbereiding", numeric=True),
            Column("n_nieuw", "Nieuw", numeric=True),
            Column("n_vervallen", "Vervallen", numeric=True),
            Column("pct", "% gerealiseerd", numeric=True),
        ],
        rows=rows,
        summaries=dict(zip(frame["kern_slug"], hover, strict=True)),
        message=message,
    )


def filter_words(chosen: dict[str, str]) -> str:
    """The chosen filters in words: 'vastgesteld in 2022, thema wonen'."""
    words = {"jaar": "vastgesteld in", "thema": "thema", "eigenaar": "eigenaar"}
    return ", ".join(f"{w} {chosen[k]}" for k, w in words.items() if k in chosen)


OVERLAY = Overlay(
    key=KEY,
    label="Kernagenda voortgang",
    filters=("jaar", "thema", "eigenaar"),
    source="kernagenda",
    build=build,
    description="Hoeveel actiepunten uit de kernagenda zijn gerealiseerd.",
)
