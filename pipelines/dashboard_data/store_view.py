"""Store layers loaded for the dashboard: GemeenteData, GeoJSON, Repository."""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely

from pipelines.catalogue import Catalogue, load_catalogue
from pipelines.errors import StoreError
from pipelines.indicators import latest_year_view
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
HISTORY_LEVELS = ("kern", "wijk", "gemeente", "voorganger")


@dataclass(frozen=True)
class Filters:
    """The filters of the Kaart screen; ``ALL`` means no filter."""

    jaar: str = ALL
    thema: str = ALL
    eigenaar: str = ALL
    regeling: str = ALL
    indicator: str = "aantal_inwoners"
    # Kaart: CBS year ("" = the latest with figures), waarde | verandering, sinds
    cbsjaar: str = ""
    weergave: str = "waarde"
    sinds: str = ""


@dataclass(eq=False)  # compared (and hashed) by identity: one object per store
class GemeenteData:
    """Everything the app shows for one store (gemeente and audience)."""

    slug: str
    naam: str
    path: Path
    metadata: dict[str, Any]
    kernen: pd.DataFrame
    wijken: pd.DataFrame
    indicators: pd.DataFrame  # per indicator its latest year (latest_year_view)
    records: dict[str, pd.DataFrame] = field(default_factory=dict)
    locations: pd.DataFrame | None = None
    geojson: dict[str, str] = field(default_factory=dict)
    version: str = ""
    bounds: tuple[float, float, float, float] = (3.3, 50.7, 7.3, 53.6)
    # every year: kern, wijk and gemeente rows (the development over the years)
    history: pd.DataFrame = field(default_factory=pd.DataFrame)
    crosswalk: pd.DataFrame = field(default_factory=pd.DataFrame)

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
        return self._kern_names.get(slug, slug)

    @functools.cached_property
    def _kern_names(self) -> dict[str, str]:
        """Kern slug -> name (a screen asks for many names per request)."""
        names = self.kernen["name"].map(str)
        return dict(zip(self.kernen["kern_slug"], names, strict=True))


def per_store(
    version: Callable[[GemeenteData], Hashable] | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Memoise ``func(data, *args)`` per store object, held weakly.

    A store the Repository lets go is freed with its answers. The latest answer
    per store is kept; it is computed anew when ``args`` or ``version(data)``
    (for stores whose tables a caller may replace) differ from last time.
    Answers are shared between callers: read them, do not change them.
    """

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        answers: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

        @functools.wraps(func)
        def cached(data: GemeenteData, *args: Any) -> Any:
            key = (version(data) if version else None, args)
            hit = answers.get(data)
            if hit is None or hit[0] != key:
                hit = (key, func(data, *args))
                answers[data] = hit
            return hit[1]

        return cached

    return decorate


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
    indicators = _plain(read_layer(path, "indicators"))
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
        indicators=latest_year_view(indicators),
        history=indicators[indicators["level"].isin(HISTORY_LEVELS)].reset_index(
            drop=True
        ),
        crosswalk=(
            _plain(read_layer(path, "buurten_historie"))
            if "buurten_historie" in layers
            else pd.DataFrame()
        ),
        records=records,
        locations=locations,
        geojson=geojson,
        version=digest,
        bounds=tuple(float(b) for b in kernen_geo.total_bounds),
    )


DEFAULT_STORE_CACHE = 16


class Repository:
    """Stores of one build folder and audience; lazily loaded, reloaded on change.

    At most ``cache_size`` stores are kept loaded (least recently used first
    out), so a server for many gemeenten does not grow with every gemeente
    visited. Thread-safe: a store is loaded once even when many requests ask
    for it at the same time; other stores are served meanwhile.
    """

    def __init__(
        self,
        build_dir: Path,
        audience: str,
        geodata_dir: Path,
        cache_size: int = DEFAULT_STORE_CACHE,
    ) -> None:
        if cache_size < 1:
            raise ValueError(f"cache_size must be at least 1, not {cache_size}.")
        self.build_dir = build_dir
        self.audience = audience
        self.geodata_dir = geodata_dir
        self.cache_size = cache_size
        self._cache: OrderedDict[Path, tuple[float, GemeenteData]] = OrderedDict()
        self._catalogue: Catalogue | None = None
        self._names: dict[tuple[Path, float], str] = {}
        self._lock = threading.Lock()
        self._loading: dict[Path, threading.Lock] = {}

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
        data = self._cached(path, mtime)
        if data is not None:
            return data
        with self._loading_lock(path):  # one load per store, others go on
            data = self._cached(path, mtime)
            if data is None:
                logger.info("loading store %s", path)
                data = load_gemeente_data(path)
                self._keep(path, mtime, data)
        return data

    def loaded(self) -> list[Path]:
        """Paths of the stores now in memory, least recently used first."""
        with self._lock:
            return list(self._cache)

    def _cached(self, path: Path, mtime: float) -> GemeenteData | None:
        with self._lock:
            cached = self._cache.get(path)
            if cached is None or cached[0] != mtime:
                return None
            self._cache.move_to_end(path)
            return cached[1]

    def _loading_lock(self, path: Path) -> threading.Lock:
        with self._lock:
            return self._loading.setdefault(path, threading.Lock())

    def _keep(self, path: Path, mtime: float, data: GemeenteData) -> None:
        with self._lock:
            self._cache[path] = (mtime, data)
            self._cache.move_to_end(path)
            while len(self._cache) > self.cache_size:
                old, _ = self._cache.popitem(last=False)
                logger.info("store %s left the cache (size %d)", old, self.cache_size)

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
