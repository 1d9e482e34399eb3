"""Per-kern figures for the map overlays, and the plain inputs of their modules."""

from __future__ import annotations

import weakref
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from pipelines.catalogue import Catalogue, Indicator
from pipelines.dashboard_data import trends
from pipelines.dashboard_data.indicators import (
    earlier_years,
    indicator_periods,
    indicator_values,
    kern_wijken,
)
from pipelines.dashboard_data.store_view import (
    ALL,
    Filters,
    GemeenteData,
)


def _years_of(frame: pd.DataFrame, column: str) -> set[int]:
    if frame.empty or column not in frame.columns:
        return set()
    values = frame[column]
    if not pd.api.types.is_numeric_dtype(values):
        values = pd.to_datetime(values, errors="coerce").dt.year
    return {int(v) for v in values.dropna()}


_OPTIONS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def filter_options(data: GemeenteData) -> dict[str, list[str]]:
    """Values the Kaart filters can take for this store (without ``ALL``).

    Kept per store object (every callback normalises its state with them);
    computed again when its records are replaced.
    """
    key = (data.version, id(data.records), *map(id, data.records.values()))
    cached = _OPTIONS.get(data)
    if cached is None or cached[0] != key:
        cached = (key, _filter_options(data))
        _OPTIONS[data] = cached
    return {name: list(values) for name, values in cached[1].items()}


def _filter_options(data: GemeenteData) -> dict[str, list[str]]:
    acties = data.record("actiepunten")
    inits = data.record("initiatieven")
    years = _years_of(acties, "jaar_vastgesteld") | _years_of(inits, "datum_aanvraag")
    years |= _years_of(inits, "jaar")

    def distinct(frame: pd.DataFrame, column: str) -> list[str]:
        if frame.empty or column not in frame.columns:
            return []
        return sorted({str(v) for v in frame[column].dropna() if str(v)})

    return {
        "jaar": [str(y) for y in sorted(years)],
        "thema": distinct(acties, "thema"),
        "eigenaar": distinct(acties, "eigenaar"),
        "regeling": distinct(inits, "regeling"),
    }


# --- records: per-kern figures for the overlays -----------------------------

STATUSES = ("nieuw", "in voorbereiding", "in uitvoering", "gerealiseerd", "vervallen")


def explode_kernen(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per (record, kern): records that name several kernen count for each.

    ``kern_slugs`` holds the kernen separated by ';'; kernoverstijgende records
    (no kern) are left out of per-kern figures.
    """
    if frame.empty:
        return frame.assign(kern=pd.Series(dtype=str))
    column = "kern_slugs" if "kern_slugs" in frame.columns else "kern_slug"
    slugs = frame[column].fillna("").astype(str).str.split(";")
    out = frame.assign(kern=slugs).explode("kern")
    out["kern"] = out["kern"].str.strip()
    return out[out["kern"] != ""].reset_index(drop=True)


def _match(frame: pd.DataFrame, column: str, value: str) -> pd.Series:
    if value == ALL or column not in frame.columns:
        return pd.Series(True, index=frame.index)
    return frame[column].astype(str) == value


def filter_actiepunten(data: GemeenteData, filters: Filters) -> pd.DataFrame:
    """Actiepunten for the jaar (vastgesteld), thema and eigenaar filters."""
    acties = data.record("actiepunten")
    if acties.empty:
        return acties
    keep = _match(acties, "thema", filters.thema) & _match(
        acties, "eigenaar", filters.eigenaar
    )
    keep &= _match(acties, "jaar_vastgesteld", filters.jaar)
    return acties[keep]


def kernagenda_per_kern(data: GemeenteData, filters: Filters) -> pd.DataFrame:
    """Per kern: actiepunten by status and % gerealiseerd (of those not vervallen).

    Counted in plain Python: a gemeente has hundreds of actiepunten, for which
    pandas' per-call overhead (explode, crosstab, grouped value counts) was
    most of a filter switch's server time.

    Returns
    -------
    DataFrame
        ``kern_slug``, ``n_totaal``, one ``n_<status>`` column per status,
        ``pct_gerealiseerd`` (NaN when a kern has no actiepunten), and
        ``per_eigenaar`` / ``per_thema``: per kern a dict value -> number of
        actiepunten, most first ('zonder eigenaar' for a missing eigenaar).
        ``attrs["zonder_kern"]``: the kernoverstijgende actiepunten (no kern)
        for these filters, which no kern counts.
    """
    acties = filter_actiepunten(data, filters)
    slugs = [str(s) for s in data.kernen["kern_slug"]]
    status = {slug: Counter() for slug in slugs}
    per: dict[str, dict[str, Counter]] = {"eigenaar": {}, "thema": {}}
    without = 0  # kernoverstijgende actiepunten: for the gemeente, no kern
    if not acties.empty:
        column = "kern_slugs" if "kern_slugs" in acties.columns else "kern_slug"
        records = zip(
            _texts(acties, column),
            _texts(acties, "status"),
            _texts(acties, "eigenaar"),
            _texts(acties, "thema"),
            strict=True,
        )
        for kernen, state, eigenaar, thema in records:
            named = {k.strip() for k in kernen.split(";")} - {""}
            # 'kernoverstijgend' (or nothing): counted for no kern
            without += state in STATUSES and not named & status.keys()
            for kern in named:
                if kern in status and state in STATUSES:
                    status[kern][state] += 1
                for name, value, missing in (
                    ("eigenaar", eigenaar, "zonder eigenaar"),
                    ("thema", thema, "zonder thema"),
                ):
                    per[name].setdefault(kern, Counter())[value or missing] += 1
    out = pd.DataFrame({"kern_slug": data.kernen["kern_slug"].to_numpy()})
    for name in STATUSES:
        out["n_" + name.replace(" ", "_")] = [status[k][name] for k in slugs]
    cols = ["n_" + s.replace(" ", "_") for s in STATUSES]
    out["n_totaal"] = out[cols].sum(axis=1)
    active = out["n_totaal"] - out["n_vervallen"]
    out["pct_gerealiseerd"] = (
        100 * out["n_gerealiseerd"] / active.where(active > 0)
    ).round(0)
    for name, counts in per.items():
        out[f"per_{name}"] = [_most_first(counts.get(k)) for k in slugs]
    out.attrs["zonder_kern"] = without
    return out


def _texts(frame: pd.DataFrame, column: str) -> list[str]:
    """A column as stripped text ('' for missing), or '' per row without it."""
    if column not in frame.columns:
        return [""] * len(frame)
    return [
        "" if v is None or (isinstance(v, float) and v != v) else str(v).strip()
        for v in frame[column].tolist()
    ]


def _most_first(counts: Counter | None) -> dict[str, int]:
    """Counts as a dict, most first; ties in the order of the values."""
    if not counts:
        return {}
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def leefbaarheid_per_kern(data: GemeenteData, filters: Filters) -> pd.DataFrame:
    """Per kern: initiatives granted and euros, for the jaar and regeling filters.

    Uses the aggregate layers (``agg_initiatieven_totaal`` for all years), so an
    openbaar store's suppression of small numbers is kept: suppressed cells are
    left out of the sums and the kern is flagged ``onderdrukt``; a kern whose
    cells are all suppressed gets NaN.
    """
    totals = data.record("agg_initiatieven_totaal")
    use_totals = filters.jaar == ALL and not totals.empty
    agg = totals if use_totals else data.record("agg_initiatieven")
    out = data.kernen[["kern_slug"]].copy()
    if agg.empty:
        return out.assign(
            n_toegekend=np.nan,
            euro_toegekend=np.nan,
            onderdrukt=False,
            euro_per_1000=np.nan,
        )
    keep = _match(agg, "regeling", filters.regeling)
    if not use_totals:
        keep &= _match(agg, "jaar", filters.jaar)
    agg = agg[keep]
    by_kern = agg.groupby("kern_slug")  # built-in reductions, no per-group lambdas
    grouped = by_kern[["n_toegekend", "euro_toegekend"]].sum(min_count=1)
    grouped["onderdrukt"] = by_kern["onderdrukt"].any()
    out = out.merge(grouped, left_on="kern_slug", right_index=True, how="left")
    out["onderdrukt"] = out["onderdrukt"].fillna(False).astype(bool)
    has_rows = out["kern_slug"].isin(set(agg["kern_slug"]))
    for col in ("n_toegekend", "euro_toegekend"):
        out[col] = out[col].where(out["onderdrukt"] | has_rows, 0.0)
    population = kern_population_of(data)
    out["euro_per_1000"] = (
        (out["euro_toegekend"] / out["kern_slug"].map(population) * 1000).round(0)
        if population is not None
        else np.nan
    )
    return out


def kern_population_of(data: GemeenteData) -> pd.Series | None:
    """Inwoners per kern where the store has kern-level figures (buurt data)."""
    ind = data.indicators
    rows = ind[(ind["level"] == "kern") & (ind["indicator"] == "aantal_inwoners")]
    return rows.set_index("code")["value"] if not rows.empty else None


OPEN_FASEN = ("idee", "verkenning", "planvorming", "voorbereiding", "uitvoering")


def opgaven_per_kern(data: GemeenteData) -> pd.DataFrame:
    """Per kern: number of opgaven, how many are still open, and their soorten."""
    rows = explode_kernen(data.record("opgaven"))
    out = data.kernen[["kern_slug"]].copy()
    if rows.empty:
        return out.assign(n_totaal=0, n_open=0, soorten="")
    rows = rows.assign(open=rows["fase"].isin(OPEN_FASEN))
    grouped = rows.groupby("kern").agg(
        n_totaal=("id", "size"),
        n_open=("open", "sum"),
        soorten=("soort", lambda s: ", ".join(sorted(set(s.dropna())))),
    )
    out = out.merge(grouped, left_on="kern_slug", right_index=True, how="left")
    out[["n_totaal", "n_open"]] = out[["n_totaal", "n_open"]].fillna(0).astype(int)
    out["soorten"] = out["soorten"].fillna("")
    return out


def slugify(text: str) -> str:
    """'Buren en Asch' -> 'buren-en-asch' (for /gebied/<slug>)."""
    import re
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def gebieden_per_kern(data: GemeenteData) -> pd.DataFrame:
    """Per kern: its gebied, the gebied's slug, and who covers it (name, functie)."""
    gebieden = data.record("gebieden")
    out = data.kernen[["kern_slug"]].copy()
    if gebieden.empty:
        return out.assign(gebied=None, gebied_slug=None, naam=None, functie=None)
    rows = explode_kernen(gebieden)
    rows = rows.assign(gebied_slug=rows["gebied"].map(slugify))
    rows = rows.drop_duplicates("kern")[
        ["kern", "gebied", "gebied_slug", "naam", "functie"]
    ]
    return out.merge(rows, left_on="kern_slug", right_on="kern", how="left").drop(
        columns="kern"
    )


def opgave_points(data: GemeenteData) -> pd.DataFrame:
    """Opgaven with a location as points (lon, lat, label), EPSG:4326."""
    loc = data.locations
    if loc is None or loc.empty:
        return pd.DataFrame(columns=["lon", "lat", "label"])
    label = loc["titel"].astype(str) + " (" + loc["soort"].astype(str)
    label = label + ", " + loc["fase"].astype(str) + ")"
    return pd.DataFrame({"lon": loc["lon"], "lat": loc["lat"], "label": label})


# --- plain inputs of the overlay modules (layouts/overlays) ----------------

FILTER_NAMES = ("jaar", "thema", "eigenaar", "regeling")


@dataclass(frozen=True, eq=False)  # frames inside: compare by identity
class OverlayInput:
    """The plain values that an overlay module turns into colours and a table.

    Computed here from a store and the filters, so that the overlay modules in
    ``layouts/overlays`` never see a :class:`GemeenteData` and compute nothing.
    ``frame`` is None when the store holds no records for the overlay.
    """

    kern_codes: list[str]  # kern slugs in the kernen order (by name)
    kern_names: dict[str, str]  # kern slug -> name
    gemeente: str
    year: str  # the CBS year of the store
    chosen: dict[str, str]  # filters with a value other than ALL, by name
    frame: pd.DataFrame | None = None
    points: pd.DataFrame | None = None  # lon, lat, label (EPSG:4326)
    level: str = "kern"  # "kern" or "wijk": the areas that ``frame`` holds
    gemeente_value: float | None = None
    indicator: Indicator | None = None
    kern_wijken: dict[str, list[str]] = field(default_factory=dict)
    # indicator overlay: the year of ``frame`` and, in the change view, since
    cbs_year: str = ""  # "" when the store keeps no years (then ``year``)
    since_year: str = ""  # the change view's earlier year; "" for the values
    gemeente_since: float | None = None
    gemeente_methode: str = "exact"  # samengevoegd: a sum of predecessors
    periods: dict[str, list[int]] = field(default_factory=dict)  # level -> years
    earlier: tuple[int, ...] = ()  # years before cbs_year at its level
    predecessors: tuple[str, ...] = ()  # former gemeenten (West Betuwe: 3)
    merged_years: tuple[int, ...] = ()  # years with figures of the predecessors


Fields = Callable[[GemeenteData, Filters, Catalogue], dict[str, Any]]


@dataclass(frozen=True)
class OverlaySource:
    """Where an overlay's figures come from: the records it needs, its fields."""

    records: str | None  # records layer that must hold rows; None: CBS figures
    fields: Fields  # OverlayInput fields beyond the ones every overlay gets


def _indicator_fields(
    data: GemeenteData, filters: Filters, catalogue: Catalogue
) -> dict[str, Any]:
    ind = catalogue.get(filters.indicator)
    year = int(filters.cbsjaar) if filters.cbsjaar.isdigit() else None
    since = int(filters.sinds) if filters.sinds.isdigit() else None
    change = filters.weergave == "verandering"
    values = indicator_values(data, ind.key, year, since if change else None)
    periods = indicator_periods(data, ind.key)
    return {
        "frame": values.frame,
        "level": values.level,
        "gemeente_value": values.gemeente_value,
        "indicator": ind,
        "kern_wijken": kern_wijken(data),
        "cbs_year": str(values.year or ""),
        "since_year": str(values.since or ""),
        "gemeente_since": values.gemeente_since,
        "gemeente_methode": values.gemeente_methode,
        "periods": periods,
        "earlier": tuple(earlier_years(periods, values.year)),
        "predecessors": trends.predecessors(data),
        "merged_years": tuple(trends.merged_years(data)),
    }


# Source key (``Overlay.source`` in layouts/overlays) -> how to compute its input.
OVERLAY_SOURCES: dict[str, OverlaySource] = {
    "kernagenda": OverlaySource(
        "actiepunten", lambda d, f, _c: {"frame": kernagenda_per_kern(d, f)}
    ),
    "leefbaarheid": OverlaySource(
        "agg_initiatieven", lambda d, f, _c: {"frame": leefbaarheid_per_kern(d, f)}
    ),
    "indicator": OverlaySource(None, _indicator_fields),
    "ruimtelijk": OverlaySource(
        "opgaven",
        lambda d, _f, _c: {"frame": opgaven_per_kern(d), "points": opgave_points(d)},
    ),
    "gebieden": OverlaySource(
        "gebieden", lambda d, _f, _c: {"frame": gebieden_per_kern(d)}
    ),
}


def chosen_filters(filters: Filters) -> dict[str, str]:
    """The record filters that have a value (not ``ALL``), by name."""
    values = {name: getattr(filters, name) for name in FILTER_NAMES}
    return {name: value for name, value in values.items() if value != ALL}


def overlay_input(
    source: str, data: GemeenteData, filters: Filters, catalogue: Catalogue
) -> OverlayInput:
    """The plain values for an overlay module, computed from a store.

    Parameters
    ----------
    source : str
        The overlay's data key, a key of :data:`OVERLAY_SOURCES`.
    data : GemeenteData
        The store of one gemeente and audience.
    filters : Filters
        The Kaart filters (jaar, thema, eigenaar, regeling, indicator).
    catalogue : Catalogue
        The indicator catalogue (for the indicator overlay).

    Returns
    -------
    OverlayInput
        Kernen, names and the overlay's figures; ``frame`` is None when the
        store has no rows in the records layer that the source needs.
    """
    if source not in OVERLAY_SOURCES:
        known = ", ".join(OVERLAY_SOURCES)
        raise KeyError(f"Unknown overlay source {source!r}; known: {known}.")
    spec = OVERLAY_SOURCES[source]
    has_records = spec.records is None or not data.record(spec.records).empty
    kernen = data.kernen
    return OverlayInput(
        kern_codes=kernen["kern_slug"].tolist(),
        kern_names=dict(zip(kernen["kern_slug"], kernen["name"], strict=True)),
        gemeente=data.naam,
        year=str(data.metadata.get("year", "")),
        chosen=chosen_filters(filters),
        **(spec.fields(data, filters, catalogue) if has_records else {}),
    )


# --- Kernprofiel, Gebied, Monitor -----------------------------------------


def kern_records(data: GemeenteData, name: str, slug: str) -> pd.DataFrame:
    """The records of one kern (records for several kernen included)."""
    rows = explode_kernen(data.record(name))
    if rows.empty:
        return rows
    return rows[rows["kern"] == slug].drop(columns="kern").reset_index(drop=True)
