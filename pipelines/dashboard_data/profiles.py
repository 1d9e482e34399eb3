"""Kernprofiel, Monitor and Gebied selections, incl. 'aandacht'."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from pipelines.catalogue import Catalogue, Indicator
from pipelines.dashboard_data.indicators import (
    IndicatorValues,
    available_indicators,
    indicator_values,
    kern_wijken,
)
from pipelines.dashboard_data.overlays import (
    STATUSES,
    gebieden_per_kern,
    slugify,
)
from pipelines.dashboard_data.store_view import (
    GemeenteData,
)

KEY_FIGURE_COLUMNS = (
    "key",
    "titel",
    "eenheid",
    "decimalen",
    "level",
    "code",
    "area",
    "value",
    "compare",
    "compare_basis",
)


def optional_float(value: object) -> float | None:
    """``value`` as a plain float for screens and documents.

    Parameters
    ----------
    value : object
        A figure from a frame (NumPy or pandas scalar, NA, None, ...).

    Returns
    -------
    float or None
        None when ``value`` is missing or not a number.
    """
    try:
        out = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if pd.isna(out) else out


def key_figure_table(
    data: GemeenteData,
    slug: str,
    catalogue: Catalogue,
    *,
    keys: Sequence[str] | None = None,
    all_wijken: bool = False,
    skip_empty: bool = False,
) -> pd.DataFrame:
    """Indicators of a kern (or, without buurt figures, of its wijk) vs the gemeente.

    The one computation behind the Kernprofiel screen (:func:`key_figures`)
    and the exported kernprofiel (``exports.selection.key_figures``). Counts
    (aggregatie ``som``) are compared with the gemeente average per kern (or
    per wijk): a kern is compared with a kern; rates with the gemeente figure.

    Parameters
    ----------
    data : GemeenteData
        The loaded store.
    slug : str
        The kern.
    catalogue : Catalogue
        Titles, units, decimals and aggregation of the indicators.
    keys : sequence of str, optional
        Indicators in this order; keys not in the catalogue are left out. By
        default every catalogue indicator the store has a figure for (the
        screen shows them all); the PDF passes its fixed selection, which fits
        on one A4 page.
    all_wijken : bool
        For wijk figures, a row for every wijk the kern lies in (the PDF has a
        column per wijk) instead of only its first wijk (the screen has one
        value per card).
    skip_empty : bool
        Leave out an indicator that has no figure at its level and no gemeente
        figure. The PDF does (a row of dashes says nothing); the screen keeps a
        card for every indicator with a figure at any level, as it always has.

    Returns
    -------
    DataFrame
        One row per indicator and area, columns :data:`KEY_FIGURE_COLUMNS`.
        ``level`` is ``kern`` or ``wijk``; ``code`` and ``area`` are the code
        and name of the kern or wijk (``area`` NA when the store has no figures
        row for ``code``; one row with ``code`` NA when the kern has no wijk).
        ``compare`` is the average per kern or wijk (``compare_basis``
        ``gemiddelde``) or the gemeente figure (``gemeente``).
    """
    wijken = kern_wijken(data).get(slug, [])
    wanted = available_indicators(data, catalogue) if keys is None else keys
    rows: list[dict] = []
    for key in (k for k in wanted if k in catalogue.keys):
        values = indicator_values(data, key)
        no_figures = values.frame["value"].isna().all()
        if skip_empty and no_figures and values.gemeente_value is None:
            continue
        if values.level == "kern":
            codes = [slug]
        else:
            codes = wijken if all_wijken else wijken[:1]
        rows += _key_figure_rows(catalogue.get(key), values, codes)
    return pd.DataFrame(rows, columns=list(KEY_FIGURE_COLUMNS))


def _key_figure_rows(
    ind: Indicator, values: IndicatorValues, codes: list[str]
) -> list[dict]:
    """Rows of :func:`key_figure_table` for one indicator and these areas."""
    frame = values.frame.set_index("code")
    if ind.aggregatie == "som":
        compare, basis = optional_float(frame["value"].mean()), "gemiddelde"
    else:
        compare, basis = values.gemeente_value, "gemeente"
    base = {
        "key": ind.key,
        "titel": ind.titel,
        "eenheid": ind.eenheid,
        "decimalen": ind.decimalen,
        "level": values.level,
        "compare": compare,
        "compare_basis": basis,
    }
    if not codes:
        return [{**base, "code": None, "area": None, "value": None}]
    return [
        {
            **base,
            "code": code,
            "area": str(frame.loc[code, "name"]) if code in frame.index else None,
            "value": optional_float(frame.loc[code, "value"])
            if code in frame.index
            else None,
        }
        for code in codes
    ]


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
    """The Kernprofiel screen's cards: :func:`key_figure_table`, one per indicator.

    The parameters are those of :func:`key_figure_table`, with its defaults.

    Returns
    -------
    list of KeyFigure
        In catalogue order. A card needs an area, so an indicator for which the
        store has no figures row of the kern (or its first wijk) gets none.
    """
    table = key_figure_table(data, slug, catalogue)
    out = []
    for row in table[table["area"].notna()].itertuples(index=False):
        if row.compare_basis == "gemiddelde":
            label = f"gemiddelde per {row.level} in {data.naam}"
        else:
            label = f"gemeente {data.naam}"
        out.append(
            KeyFigure(
                str(row.titel),
                str(row.eenheid),
                int(row.decimalen),
                optional_float(row.value),
                optional_float(row.compare),
                str(row.level),
                str(row.area),
                label,
            )
        )
    return out


def counts(frame: pd.DataFrame, column: str) -> dict[str, int]:
    """Value counts as a plain dict (empty for a missing column)."""
    if frame.empty or column not in frame.columns:
        return {}
    return {str(k): int(v) for k, v in frame[column].value_counts().items()}


INITIATIEVEN_FIGURES = ("n_aangevraagd", "n_toegekend", "euro_toegekend")


def initiatieven_per_jaar(
    data: GemeenteData, slug: str | None = None, *, per_regeling: bool = False
) -> pd.DataFrame:
    """Initiatieven applied for and granted, and euros granted, per jaar.

    The one computation behind the Kernprofiel and Monitor screens and the
    exported kernprofiel (``exports.selection.initiatieven_table``). Read
    from ``agg_initiatieven`` (a row per kern, jaar and regeling), so an
    openbaar store's suppression of small numbers carries through.

    Parameters
    ----------
    data : GemeenteData
        The loaded store.
    slug : str, optional
        One kern; by default the whole gemeente.
    per_regeling : bool
        A row per jaar and regeling (the PDF) instead of per jaar (the
        screens). This also decides what a suppressed (NA) cell becomes: in a
        jaar total (screens) it is left out of the sum, so a year whose cells
        are all suppressed shows 0, and the year is flagged in ``onderdrukt``;
        per regeling a row whose cells are all suppressed stays NA, so the PDF
        can print that the number is suppressed.

    Returns
    -------
    DataFrame
        ``jaar`` (and ``regeling``), :data:`INITIATIEVEN_FIGURES` and
        ``onderdrukt`` (the number of stored rows with a suppressed cell; of
        these columns, those the store's layer has), sorted by ``jaar`` (and
        ``regeling``). Per jaar, every year from the gemeente's first to its
        last is there, with 0 where this kern had no initiatieven.
    """
    keys = ["jaar", "regeling"] if per_regeling else ["jaar"]
    columns = [*INITIATIEVEN_FIGURES, "onderdrukt"]
    agg = data.record("agg_initiatieven")
    if agg.empty:
        return pd.DataFrame(columns=[*keys, *columns])
    columns = [c for c in columns if c in agg.columns]
    years = agg["jaar"].dropna()
    if slug is not None:
        agg = agg[agg["kern_slug"].astype(str) == slug]
    min_count = 1 if per_regeling else 0
    out = agg.groupby(keys)[columns].sum(min_count=min_count)
    if not per_regeling and not years.empty:
        # every year of the gemeente's records, also those without a row here:
        # a year with no initiatieven shows as 0, not as a gap in the chart
        span = range(int(years.min()), int(years.max()) + 1)
        out = out.reindex(pd.Index(span, name="jaar"), fill_value=0)
    return out.reset_index().sort_values(keys).reset_index(drop=True)


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


def gebied_of_kern(data: GemeenteData, slug: str) -> pd.Series | None:
    """The gebied that covers kern ``slug`` (``gebied``, ``gebied_slug``, ``naam``,
    ``functie``), or None when no gebied does.

    The Kaart asks on every change (the chosen kern's summary links to its
    gebied), so the table is computed once per store.
    """
    table = _gebieden_by_kern(data)
    if slug not in table.index or pd.isna(table.at[slug, "gebied"]):
        return None
    return table.loc[slug]


@functools.lru_cache(maxsize=32)
def _gebieden_by_kern(data: GemeenteData) -> pd.DataFrame:
    """gebieden_per_kern by kern slug (GemeenteData hashes by identity)."""
    return gebieden_per_kern(data).set_index("kern_slug")


def gebied_by_slug(data: GemeenteData, slug: str) -> pd.Series | None:
    """The gebieden row whose name slugifies to ``slug``."""
    gebieden = data.record("gebieden")
    if gebieden.empty:
        return None
    match = gebieden[gebieden["gebied"].map(slugify) == slug]
    return match.iloc[0] if len(match) else None
