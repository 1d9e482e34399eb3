"""The normalised shape every CBS source returns, and shared helpers."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import geopandas as gpd
import numpy as np
import pandas as pd

from pipelines.catalogue import Catalogue
from pipelines.errors import SourceError

# CBS codes for "not available" and "suppressed" (too few inhabitants).
CBS_MISSING = (-99995, -99997, -99999, -99998)
LEVELS = ("buurt", "wijk", "gemeente")

BUURT_COLUMNS = ["buurtcode", "name", "wijkcode", "gemeentecode", "geometry"]
WIJK_COLUMNS = ["wijkcode", "name", "gemeentecode", "geometry"]
GEMEENTE_COLUMNS = ["gemeentecode", "name", "geometry"]


@dataclass
class CbsData:
    """CBS data for one gemeente and year, in our own column names.

    Attributes
    ----------
    buurten, wijken, gemeente : GeoDataFrame
        Boundaries in WGS84 (EPSG:4326) with the columns in ``BUURT_COLUMNS``,
        ``WIJK_COLUMNS`` and ``GEMEENTE_COLUMNS``. Geometry may be missing or
        invalid; :mod:`pipelines.kernen` repairs and reports it.
    kwb : DataFrame
        Kerncijfers wijken en buurten: ``code``, ``level`` (buurt, wijk or
        gemeente), ``name`` and one float column per catalogue indicator
        available at the source (NaN where CBS reports a missing value).
    provenance : list of dict
        One entry per input: ``source``, ``location`` (URL or file), ``year``,
        ``licence``, ``attribution`` and ``sha256`` where a file was read.
    """

    buurten: gpd.GeoDataFrame
    wijken: gpd.GeoDataFrame
    gemeente: gpd.GeoDataFrame
    kwb: pd.DataFrame
    year: int
    provenance: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class CbsSource(Protocol):
    """Anything that can load :class:`CbsData` for a gemeente and year."""

    name: str

    def load(self, gemeentecode: str, year: int, catalogue: Catalogue) -> CbsData: ...


ATTRIBUTION = "Bron: CBS, Kadaster"
LICENCE = "CC BY 4.0"


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file, for the store's record of its inputs."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def level_of(code: str) -> str:
    """Return 'buurt', 'wijk' or 'gemeente' for a CBS region code."""
    prefix = code.strip()[:2].upper()
    return {"BU": "buurt", "WK": "wijk", "GM": "gemeente"}.get(prefix, "onbekend")


def clean_missing(values: pd.Series) -> pd.Series:
    """Numeric values with CBS missing codes (-99995, -99997, ...) set to NaN."""
    numeric = pd.to_numeric(values, errors="coerce").astype(float)
    return numeric.mask(numeric.isin(CBS_MISSING) | (numeric <= -99990), np.nan)


_SUFFIX = re.compile(r"_\d+$")


def key_stem(key: str) -> str:
    """CBS key without numeric suffix: ``AantalInwoners_5`` -> ``AantalInwoners``."""
    return _SUFFIX.sub("", key.strip())


def map_cbs_keys(
    columns: list[str], catalogue: Catalogue, where: str
) -> dict[str, str]:
    """Map CBS OData column keys to catalogue keys by their stem.

    Raises :class:`SourceError` when a stem matches two columns (CBS reuses
    stems such as ``Nederland_17``/``Nederland_20``) for an indicator we need.
    """
    by_stem: dict[str, list[str]] = {}
    for col in columns:
        by_stem.setdefault(key_stem(col), []).append(col)
    mapping: dict[str, str] = {}
    for ind in catalogue:
        found = by_stem.get(ind.cbs, [])
        if len(found) > 1:
            raise SourceError(
                f"{where}: CBS key {ind.cbs!r} of indicator {ind.key} matches "
                f"several columns: {', '.join(found)}.",
                hint="Make the 'cbs' key in geodata/indicators.toml unambiguous.",
            )
        if found:
            mapping[found[0]] = ind.key
    return mapping


def empty_kwb(catalogue: Catalogue) -> pd.DataFrame:
    """An empty KWB frame with the normalised columns."""
    return pd.DataFrame(columns=["code", "level", "name", *catalogue.keys])


def normalise_kwb(
    frame: pd.DataFrame, code_col: str, rename: dict[str, str], name_col: str | None
) -> pd.DataFrame:
    """Build the normalised KWB frame from a source frame and a column rename map."""
    out = pd.DataFrame({"code": frame[code_col].astype(str).str.strip()})
    out["level"] = out["code"].map(level_of)
    out["name"] = frame[name_col].astype(str).str.strip() if name_col else out["code"]
    for src, key in rename.items():
        out[key] = clean_missing(frame[src]).to_numpy()
    return out.reset_index(drop=True)
