"""The normalised shape every CBS source returns, and shared helpers."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
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
    """CBS data for one gemeente: the indeling year's boundaries, KWB of many years.

    Attributes
    ----------
    buurten, wijken, gemeente : GeoDataFrame
        Boundaries of the indeling year ``year`` in WGS84 (EPSG:4326) with the
        columns in ``BUURT_COLUMNS``, ``WIJK_COLUMNS`` and ``GEMEENTE_COLUMNS``.
        Geometry may be missing or invalid; :mod:`pipelines.kernen` repairs
        and reports it.
    kwb : DataFrame
        Kerncijfers wijken en buurten of every year loaded: ``code``, ``level``
        (buurt, wijk or gemeente), ``name``, ``year`` and one float column per
        catalogue indicator available at the source (NaN where CBS reports a
        missing value or the year's table lacks the variable). Rows of earlier
        years keep their own codes (for West Betuwe before 2019 those of
        Geldermalsen, Lingewaal and Neerijnen).
    year : int
        The indeling year of the boundaries.
    history : dict of int to GeoDataFrame
        Buurt boundaries (``buurtcode``, ``name``, ``geometry``; EPSG:4326) of
        KWB years whose buurten differ from the indeling year's, where the
        source has them; used to allocate old buurten to today's kernen.
    source_keys : list of dict
        Per ``year`` and ``indicator`` the CBS ``table`` and the column ``key``
        the figures were read from.
    unavailable : dict of int to str
        Years asked for that could not be loaded, with the reason.
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
    history: dict[int, gpd.GeoDataFrame] = field(default_factory=dict)
    source_keys: list[dict] = field(default_factory=list)
    unavailable: dict[int, str] = field(default_factory=dict)

    @property
    def years(self) -> list[int]:
        """The KWB years with at least one row, ascending."""
        if self.kwb.empty or "year" not in self.kwb.columns:
            return []
        return sorted(int(y) for y in self.kwb["year"].dropna().unique())


class CbsSource(Protocol):
    """Anything that can load :class:`CbsData` for a gemeente.

    ``load(gemeentecode, year, catalogue, years=..., history_codes=...)``:
    ``year`` is the indeling year of the boundaries; ``years`` the KWB years
    wanted (None: every year the source has); ``history_codes`` maps a KWB
    year to the gemeentecodes whose rows to read in that year (for a merged
    gemeente: its predecessors); by default ``[gemeentecode]``.
    """

    name: str

    def load(
        self,
        gemeentecode: str,
        year: int,
        catalogue: Catalogue,
        *,
        years: Sequence[int] | None = None,
        history_codes: Mapping[int, Sequence[str]] | None = None,
    ) -> CbsData: ...


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
    columns: list[str],
    catalogue: Catalogue,
    where: str,
    groups: dict[str, str] | None = None,
) -> dict[str, str]:
    """Map CBS OData column keys to catalogue keys by their stem.

    An indicator may name several stems (CBS renamed some between years:
    ``GemiddeldeWoningwaarde`` in 2017, ``GemiddeldeWOZWaardeVanWoningen``
    from 2019); the first stem present wins. CBS also reuses a stem within
    one table (``Nederland_17`` under "Herkomstland", ``Nederland_20`` under
    "Geboren in Nederland"): then the indicator's ``cbs_groep`` picks the
    column whose DataProperties parent has that title (``groups``: column key
    -> parent title). Raises :class:`SourceError` when a stem still matches
    two columns for an indicator we need.
    """
    by_stem: dict[str, list[str]] = {}
    for col in columns:
        by_stem.setdefault(key_stem(col), []).append(col)
    mapping: dict[str, str] = {}
    for ind in catalogue:
        found = next((by_stem[s] for s in ind.cbs_stems if s in by_stem), [])
        if len(found) > 1 and ind.cbs_groep and groups:
            found = [c for c in found if groups.get(c) == ind.cbs_groep]
        if len(found) > 1:
            raise SourceError(
                f"{where}: CBS key {found[0].rsplit('_', 1)[0]!r} of indicator "
                f"{ind.key} matches several columns: {', '.join(found)}.",
                hint="Set 'cbs_groep' in geodata/indicators.toml to the title of "
                "the group in DataProperties, or make the 'cbs' key unambiguous.",
            )
        if found:
            mapping[found[0]] = ind.key
    return mapping


def data_property_groups(properties: list[dict]) -> dict[str, str]:
    """Column key -> title of its parent group, from CBS OData DataProperties."""
    titles = {p.get("ID"): str(p.get("Title", "")).strip() for p in properties}
    return {
        str(p["Key"]): titles.get(p.get("ParentID"), "")
        for p in properties
        if p.get("Key")
    }


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


def merge_kwb_files(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Normalised KWB frames of one year in one: per region the first value wins.

    Several files can hold the same region (a population file and a full
    table); for each region and indicator the first file that has a value
    gives it, so nothing is summed twice.
    """
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=["code", "level", "name"])
    stacked = pd.concat(frames, ignore_index=True)
    named = stacked["name"].where(stacked["name"] != stacked["code"])
    stacked = stacked.assign(name=named)
    merged = stacked.groupby("code", sort=False).first()
    merged["name"] = merged["name"].fillna(pd.Series(merged.index, index=merged.index))
    return merged.reset_index()
