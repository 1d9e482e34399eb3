"""Kernprofiel, Monitor and Gebied selections, incl. 'aandacht'."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from pipelines.catalogue import Catalogue
from pipelines.dashboard_data.indicators import (
    available_indicators,
    indicator_values,
    kern_wijken,
)
from pipelines.dashboard_data.overlays import (
    STATUSES,
    slugify,
)
from pipelines.dashboard_data.store_view import (
    GemeenteData,
)


@dataclass(frozen=True)
class KeyFigure:
    """One key figure of a kern, compared with the gemeente."""

    titel: str
    eenheid: str
    decimalen: int
    value: float | None
    compare: float | None
    level: str  # kern or wijk (value) ; compare is the gemeente figure or mean
    area: str  # name of the area the value belongs to
    compare_label: str


def key_figures(data: GemeenteData, slug: str, catalogue: Catalogue) -> list[KeyFigure]:
    """Indicators of a kern (or, without buurt figures, of its wijk) vs the gemeente.

    Counts are compared with the gemeente average per kern (or per wijk);
    rates with the gemeente figure itself.
    """
    out = []
    wijken = kern_wijken(data).get(slug, [])
    for key in available_indicators(data, catalogue):
        ind = catalogue.get(key)
        values = indicator_values(data, key)
        frame = values.frame.set_index("code")
        code = slug if values.level == "kern" else (wijken[0] if wijken else None)
        if code is None or code not in frame.index:
            continue
        value = frame.loc[code, "value"]
        if ind.aggregatie == "som":
            compare = frame["value"].mean()
            label = f"gemiddelde per {values.level} in {data.naam}"
        else:
            compare = values.gemeente_value
            label = f"gemeente {data.naam}"
        out.append(
            KeyFigure(
                ind.titel,
                ind.eenheid,
                ind.decimalen,
                None if pd.isna(value) else float(value),
                None if compare is None or pd.isna(compare) else float(compare),
                values.level,
                str(frame.loc[code, "name"]),
                label,
            )
        )
    return out


def counts(frame: pd.DataFrame, column: str) -> dict[str, int]:
    """Value counts as a plain dict (empty for a missing column)."""
    if frame.empty or column not in frame.columns:
        return {}
    return {str(k): int(v) for k, v in frame[column].value_counts().items()}


def initiatieven_per_jaar(data: GemeenteData, slug: str | None = None) -> pd.DataFrame:
    """Initiatives granted and euros per year (whole gemeente, or one kern).

    From ``agg_initiatieven``, so openbaar suppression stays: suppressed cells
    are left out and counted in ``onderdrukt``.
    """
    agg = data.record("agg_initiatieven")
    if agg.empty:
        return pd.DataFrame(
            columns=["jaar", "n_toegekend", "euro_toegekend", "onderdrukt"]
        )
    if slug is not None:
        agg = agg[agg["kern_slug"] == slug]
    out = agg.groupby("jaar").agg(
        n_toegekend=("n_toegekend", "sum"),
        euro_toegekend=("euro_toegekend", "sum"),
        onderdrukt=("onderdrukt", "sum"),
    )
    return out.reset_index().sort_values("jaar")


def actiepunten_per_jaar(data: GemeenteData) -> pd.DataFrame:
    """Actiepunten per jaar vastgesteld and status (one row per jaar, a column per "
    "status)."""
    acties = data.record("actiepunten")
    if acties.empty:
        return pd.DataFrame(columns=["jaar", *STATUSES])
    table = pd.crosstab(acties["jaar_vastgesteld"], acties["status"])
    table = table.reindex(columns=list(STATUSES), fill_value=0)
    return table.rename_axis("jaar").reset_index()


OPEN_STATUS = ("nieuw", "in voorbereiding", "in uitvoering")
STALE_MONTHS = 6
PREPARATION_YEARS = 1
REASON_STALE = f"{STALE_MONTHS} maanden niet bijgewerkt"
REASON_PREPARATION = "langer dan een jaar in voorbereiding"
REASON_NO_OWNER = "geen eigenaar"
REASON_PAST = "gepland voor een verstreken kwartaal"


def _quarter_end(year: object, quarter: object) -> pd.Timestamp | None:
    if pd.isna(year):
        return None
    q = 4 if pd.isna(quarter) else int(quarter)
    return pd.Timestamp(int(year), 3 * q, 1) + pd.offsets.MonthEnd(0)


def attention_reasons(actie: pd.Series, today: date | pd.Timestamp) -> list[str]:
    """Why an open actiepunt needs attention at the gebiedstafel (empty: none).

    The one definition used by the Gebied screen and the exported agenda: not
    updated for 6 months (or never); in voorbereiding for over a year (counted
    from 31 December of the year the kernagenda was adopted, the latest it can
    have started); without eigenaar; planned for a quarter (or year) that has
    passed. Gerealiseerde and vervallen punten never need attention.
    """
    if actie.get("status") not in OPEN_STATUS:
        return []
    now = pd.Timestamp(today)
    reasons = []
    updated = pd.to_datetime(actie.get("datum_laatste_update"), errors="coerce")
    if pd.isna(updated) or updated < now - pd.DateOffset(months=STALE_MONTHS):
        reasons.append(REASON_STALE)
    adopted = actie.get("jaar_vastgesteld")
    if actie.get("status") == "in voorbereiding" and not pd.isna(adopted):
        start = pd.Timestamp(int(adopted), 12, 31)
        if start < now - pd.DateOffset(years=PREPARATION_YEARS):
            reasons.append(REASON_PREPARATION)
    owner = actie.get("eigenaar")
    if owner is None or pd.isna(owner) or str(owner).strip() in ("", "None"):
        reasons.append(REASON_NO_OWNER)
    end = _quarter_end(actie.get("planning_jaar"), actie.get("planning_kwartaal"))
    if end is not None and end < now:
        reasons.append(REASON_PAST)
    return reasons


def aandacht(actiepunten: pd.DataFrame, today: pd.Timestamp) -> pd.DataFrame:
    """Open actiepunten that need attention, with their reasons in ``reden``."""
    if actiepunten.empty:
        return actiepunten.assign(reden=pd.Series(dtype=str))
    reasons = [
        "; ".join(attention_reasons(row, today)) for _, row in actiepunten.iterrows()
    ]
    flagged = actiepunten.assign(reden=reasons)
    return flagged[flagged["reden"] != ""].reset_index(drop=True)


def gebied_by_slug(data: GemeenteData, slug: str) -> pd.Series | None:
    """The gebieden row whose name slugifies to ``slug``."""
    gebieden = data.record("gebieden")
    if gebieden.empty:
        return None
    match = gebieden[gebieden["gebied"].map(slugify) == slug]
    return match.iloc[0] if len(match) else None
