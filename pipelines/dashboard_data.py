"""What the dashboard screens need, computed from the layers of a store.

Pure pandas on frames read once per store (through :mod:`pipelines.store`);
no Dash here. The app keeps one :class:`Repository` that loads a store the
first time it is asked for and again when the file changes.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import threading
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely

from pipelines.catalogue import Catalogue, load_catalogue
from pipelines.errors import StoreError
from pipelines.store import find_stores, list_layers, read_layer, read_metadata

logger = logging.getLogger(__name__)

RECORD_LAYERS = (
    "actiepunten",
    "initiatieven",
    "opgaven",
    "platforms",
    "gebieden",
    "activiteiten",
    "burgerpeiling",
    "agg_actiepunten",
    "agg_initiatieven",
    "agg_opgaven",
    "agg_actiepunten_totaal",
    "agg_initiatieven_totaal",
)
GEO_LAYERS = {
    "kernen": ("kernen_display", "kern_slug"),
    "wijken": ("wijken_display", "wijkcode"),
}
COORD_DECIMALS = 5  # about 1 m in the Netherlands; shared vertices round alike
ALL = "alle"


@dataclass(frozen=True)
class Filters:
    """The filters of the Kaart screen; ``ALL`` means no filter."""

    jaar: str = ALL
    thema: str = ALL
    eigenaar: str = ALL
    regeling: str = ALL
    indicator: str = "aantal_inwoners"


@dataclass
class GemeenteData:
    """Everything the app shows for one store (gemeente and audience)."""

    slug: str
    naam: str
    path: Path
    metadata: dict[str, Any]
    kernen: pd.DataFrame
    wijken: pd.DataFrame
    indicators: pd.DataFrame
    records: dict[str, pd.DataFrame] = field(default_factory=dict)
    locations: pd.DataFrame | None = None
    geojson: dict[str, str] = field(default_factory=dict)
    version: str = ""
    bounds: tuple[float, float, float, float] = (3.3, 50.7, 7.3, 53.6)

    @property
    def voorbeelddata(self) -> bool:
        return bool(self.metadata.get("voorbeelddata"))

    @property
    def audience(self) -> str:
        return str(self.metadata.get("audience", ""))

    @property
    def has_records(self) -> bool:
        return any(not f.empty for f in self.records.values())

    def record(self, name: str) -> pd.DataFrame:
        """A records layer, or an empty frame when the store has none."""
        return self.records.get(name, pd.DataFrame())

    def kern_name(self, slug: str) -> str:
        match = self.kernen.loc[self.kernen["kern_slug"] == slug, "name"]
        return str(match.iloc[0]) if len(match) else slug


def _round_coords(geoms: Any) -> Any:
    return shapely.transform(geoms, lambda xy: np.round(xy, COORD_DECIMALS))


def geojson_text(frame: Any, id_column: str) -> str:
    """Compact GeoJSON (EPSG:4326) with only the id and the name per feature."""
    gdf = frame[[id_column, "name", "geometry"]].copy()
    gdf["geometry"] = _round_coords(gdf.geometry.to_numpy())
    data = json.loads(gdf.to_json(drop_id=True))
    return json.dumps(data, separators=(",", ":"))


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(frame.drop(columns="geometry", errors="ignore"))


def load_gemeente_data(path: Path) -> GemeenteData:
    """Read a store into a :class:`GemeenteData` (geometry as GeoJSON text).

    Parameters
    ----------
    path : Path
        A store written by :func:`pipelines.build.build_gemeente`.

    Returns
    -------
    GemeenteData
        Record layers that the store lacks are simply absent.
    """
    metadata = read_metadata(path)
    layers = set(list_layers(path))
    kernen_geo = read_layer(path, "kernen_display")
    wijken_geo = read_layer(path, "wijken_display")
    kernen = _plain(kernen_geo)
    rd = _plain(read_layer(path, "kernen"))
    if "wijkcodes" in rd.columns:
        kernen = kernen.merge(
            rd[["kern_slug", "wijkcodes"]], on="kern_slug", how="left"
        )
    records = {n: _plain(read_layer(path, n)) for n in RECORD_LAYERS if n in layers}
    locations = None
    if "opgaven_locaties" in layers:
        loc = read_layer(path, "opgaven_locaties").to_crs(4326)
        points = loc.geometry.representative_point()
        locations = _plain(loc).assign(lon=points.x.round(5), lat=points.y.round(5))
    geojson = {
        "kernen": geojson_text(kernen_geo, "kern_slug"),
        "wijken": geojson_text(wijken_geo, "wijkcode"),
    }
    digest = hashlib.sha256(
        (str(metadata.get("built_at")) + "".join(geojson.values())).encode()
    ).hexdigest()[:12]
    return GemeenteData(
        slug=str(metadata.get("gemeente_slug") or path.stem.rsplit("-", 1)[0]),
        naam=str(metadata.get("gemeente", path.stem)),
        path=path,
        metadata=metadata,
        kernen=kernen.sort_values("name", key=lambda s: s.str.lower()).reset_index(
            drop=True
        ),
        wijken=_plain(wijken_geo),
        indicators=read_layer(path, "indicators"),
        records=records,
        locations=locations,
        geojson=geojson,
        version=digest,
        bounds=tuple(float(b) for b in kernen_geo.total_bounds),
    )


class Repository:
    """Stores of one build folder and audience; lazily loaded, reloaded on change."""

    def __init__(self, build_dir: Path, audience: str, geodata_dir: Path) -> None:
        self.build_dir = build_dir
        self.audience = audience
        self.geodata_dir = geodata_dir
        self._cache: dict[Path, tuple[float, GemeenteData]] = {}
        self._catalogue: Catalogue | None = None
        self._names: dict[tuple[Path, float], str] = {}
        self._lock = threading.Lock()

    def paths(self) -> dict[str, Path]:
        """Gemeente slug -> store path, for this audience."""
        found = find_stores(self.build_dir, self.audience)
        suffix = f"-{self.audience}"
        return {p.stem.removesuffix(suffix): p for p in found}

    def slugs(self) -> list[str]:
        return sorted(self.paths())

    def names(self) -> dict[str, str]:
        """Gemeente slug -> name, from the store metadata only (cheap)."""
        out = {}
        for slug, path in self.paths().items():
            key = (path, path.stat().st_mtime)
            if key not in self._names:
                self._names[key] = str(read_metadata(path).get("gemeente", slug))
            out[slug] = self._names[key]
        return out

    def get(self, slug: str) -> GemeenteData:
        """The data of one gemeente; raises StoreError for an unknown slug."""
        path = self.paths().get(slug)
        if path is None:
            raise StoreError(
                f"No {self.audience} store for gemeente {slug!r} in {self.build_dir}.",
                hint="Build it: kernenkaart build --gemeente all --source snapshot",
            )
        mtime = path.stat().st_mtime
        with self._lock:
            cached = self._cache.get(path)
            if cached is None or cached[0] != mtime:
                logger.info("loading store %s", path)
                self._cache[path] = (mtime, load_gemeente_data(path))
            return self._cache[path][1]

    def default_slug(self, preferred: str = "") -> str | None:
        slugs = self.slugs()
        if preferred in slugs:
            return preferred
        return slugs[0] if slugs else None

    @property
    def catalogue(self) -> Catalogue:
        if self._catalogue is None:
            self._catalogue = load_catalogue(self.geodata_dir / "indicators.toml")
        return self._catalogue


# --- classification -------------------------------------------------------


def nice_number(value: float, up: bool = False) -> float:
    """Round to two significant digits (1234 -> 1200), upwards when ``up``."""
    if value == 0 or not math.isfinite(value):
        return value
    magnitude = 10 ** (math.floor(math.log10(abs(value))) - 1)
    func = math.ceil if up else math.floor
    return func(value / magnitude) * magnitude


def class_breaks(values: pd.Series, k: int = 5) -> list[float]:
    """Upper bounds of at most ``k`` readable classes (quantiles, rounded edges).

    Parameters
    ----------
    values : Series
        The figures to classify; NaN is ignored.
    k : int
        Maximum number of classes.

    Returns
    -------
    list of float
        Increasing upper bounds; the last one is the maximum. Fewer than ``k``
        when the values have fewer distinct levels. Empty when no values.
    """
    import mapclassify

    clean = values.dropna().astype(float)
    if clean.empty:
        return []
    distinct = np.unique(clean)
    if len(distinct) <= k:
        return [float(v) for v in distinct]
    bins = mapclassify.Quantiles(clean.to_numpy(), k=k).bins
    top = nice_number(float(clean.max()), up=True)
    edges = sorted({nice_number(float(b)) for b in bins[:-1]} | {top})
    edges = [e for e in edges if e >= float(clean.min())]
    return edges if edges else [top]


def assign_classes(values: pd.Series, breaks: list[float]) -> np.ndarray:
    """Class number (0-based) per value for ``breaks``; -1 for NaN."""
    arr = values.astype(float).to_numpy()
    out = np.searchsorted(np.asarray(breaks, dtype=float), arr, side="left")
    out = np.minimum(out, max(len(breaks) - 1, 0))
    return np.where(np.isnan(arr), -1, out).astype(int)


# --- indicators -------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorValues:
    """Figures of one indicator at the finest level that the store holds."""

    level: str  # "kern" or "wijk"
    frame: pd.DataFrame  # code, name, value
    gemeente_value: float | None


def indicator_values(data: GemeenteData, key: str) -> IndicatorValues:
    """Per-kern figures when the store has them, else per-wijk figures.

    Wijk figures are never divided over kernen: the caller shows wijken.
    """
    ind = data.indicators[data.indicators["indicator"] == key]
    gem = ind.loc[ind["level"] == "gemeente", "value"]
    gem_value = float(gem.iloc[0]) if len(gem) and pd.notna(gem.iloc[0]) else None
    kern = ind[ind["level"] == "kern"]
    if not kern.empty:
        frame = data.kernen[["kern_slug", "name"]].rename(columns={"kern_slug": "code"})
        frame = frame.merge(kern[["code", "value"]], on="code", how="left")
        return IndicatorValues("kern", frame, gem_value)
    wijk = ind[ind["level"] == "wijk"][["code", "value"]]
    frame = data.wijken[["wijkcode", "name"]].rename(columns={"wijkcode": "code"})
    frame = frame.merge(wijk, on="code", how="left").sort_values("name")
    return IndicatorValues("wijk", frame.reset_index(drop=True), gem_value)


def available_indicators(data: GemeenteData, catalogue: Catalogue) -> list[str]:
    """Catalogue keys (in catalogue order) that the store has figures for."""
    present = set(data.indicators.loc[data.indicators["value"].notna(), "indicator"])
    return [i.key for i in catalogue if i.key in present]


def kern_wijken(data: GemeenteData) -> dict[str, list[str]]:
    """Kern slug -> the wijkcodes its buurten lie in."""
    if "wijkcodes" not in data.kernen.columns:
        return {}
    return {
        row.kern_slug: [w for w in str(row.wijkcodes or "").split(",") if w]
        for row in data.kernen.itertuples()
    }


# --- records: filter options ------------------------------------------------


def _years_of(frame: pd.DataFrame, column: str) -> set[int]:
    if frame.empty or column not in frame.columns:
        return set()
    values = frame[column]
    if not pd.api.types.is_numeric_dtype(values):
        values = pd.to_datetime(values, errors="coerce").dt.year
    return {int(v) for v in values.dropna()}


def filter_options(data: GemeenteData) -> dict[str, list[str]]:
    """Values the Kaart filters can take for this store (without ``ALL``)."""
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

    Returns
    -------
    DataFrame
        ``kern_slug``, ``n_totaal``, one ``n_<status>`` column per status and
        ``pct_gerealiseerd`` (NaN when a kern has no actiepunten).
    """
    rows = explode_kernen(filter_actiepunten(data, filters))
    counts = pd.crosstab(rows["kern"], rows["status"]) if not rows.empty else None
    out = data.kernen[["kern_slug"]].copy()
    for status in STATUSES:
        col = "n_" + status.replace(" ", "_")
        values = counts[status] if counts is not None and status in counts else None
        out[col] = (
            out["kern_slug"].map(values).fillna(0).astype(int)
            if values is not None
            else 0
        )
    cols = ["n_" + s.replace(" ", "_") for s in STATUSES]
    out["n_totaal"] = out[cols].sum(axis=1)
    active = out["n_totaal"] - out["n_vervallen"]
    out["pct_gerealiseerd"] = (
        100 * out["n_gerealiseerd"] / active.where(active > 0)
    ).round(0)
    return out


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
    grouped = agg.groupby("kern_slug").agg(
        n_toegekend=("n_toegekend", lambda s: s.sum(min_count=1)),
        euro_toegekend=("euro_toegekend", lambda s: s.sum(min_count=1)),
        onderdrukt=("onderdrukt", "any"),
    )
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


# --- Kernprofiel, Gebied, Monitor -----------------------------------------


def kern_records(data: GemeenteData, name: str, slug: str) -> pd.DataFrame:
    """The records of one kern (records for several kernen included)."""
    rows = explode_kernen(data.record(name))
    if rows.empty:
        return rows
    return rows[rows["kern"] == slug].drop(columns="kern").reset_index(drop=True)


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
