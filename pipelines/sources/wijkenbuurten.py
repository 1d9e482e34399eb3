"""The CBS wijk- en buurtkaart schema, shared by the files and online sources.

The CBS GeoPackage layers and the PDOK collections use the same property
names (``buurtcode``, ``buurtnaam``, ``aantal_inwoners``, ...); this module
turns either into our normalised boundaries and KWB rows. EPSG:4326 out.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

import geopandas as gpd
import pandas as pd

from pipelines.catalogue import Catalogue
from pipelines.errors import SourceError
from pipelines.sources.base import (
    BUURT_COLUMNS,
    GEMEENTE_COLUMNS,
    WIJK_COLUMNS,
    clean_missing,
    normalise_kwb,
)

logger = logging.getLogger(__name__)

# The wijk- en buurtkaart schema (CBS GeoPackage layers and PDOK collections).
LAYERS = {"buurt": "buurten", "wijk": "wijken", "gemeente": "gemeenten"}
CODE_PROPERTY = {"buurt": "buurtcode", "wijk": "wijkcode", "gemeente": "gemeentecode"}
NAME_PROPERTY = {"buurt": "buurtnaam", "wijk": "wijknaam", "gemeente": "gemeentenaam"}
COLUMNS = {"buurt": BUURT_COLUMNS, "wijk": WIJK_COLUMNS, "gemeente": GEMEENTE_COLUMNS}

_GEMEENTECODE = re.compile(r"^GM\d{4}$")


def check_gemeentecode(gemeentecode: str) -> str:
    """Return the code if it looks like ``GM0214``, else raise SourceError."""
    if not _GEMEENTECODE.match(gemeentecode):
        raise SourceError(
            f"{gemeentecode!r} is not a CBS gemeentecode.",
            hint="Use GM followed by four digits, e.g. GM0214.",
        )
    return gemeentecode


def require_columns(
    columns: Iterable[object], needed: list[str], where: str, hint: str
) -> None:
    """Raise SourceError naming ``where`` and the first needed column that is absent."""
    present = {str(c) for c in columns}
    for col in needed:
        if col not in present:
            shown = ", ".join(sorted(present)[:12])
            raise SourceError(
                f"{where}: column {col!r} is missing (found: {shown}...).", hint=hint
            )


def to_wgs84(frame: gpd.GeoDataFrame, where: str) -> gpd.GeoDataFrame:
    """Reproject to EPSG:4326; a frame without CRS is taken as lon/lat (warning)."""
    if frame.crs is None:
        logger.warning("%s has no CRS; assuming WGS84 lon/lat (EPSG:4326)", where)
        return frame.set_crs(4326)
    return frame.to_crs(4326)


def select_gemeente(
    frame: gpd.GeoDataFrame, level: str, gemeentecode: str, where: str, hint: str = ""
) -> tuple[gpd.GeoDataFrame, list[str]]:
    """Keep one gemeente's features of a wijk- en buurtkaart layer.

    Adds ``_code``, ``_name`` and ``_gemeente`` (stripped) to the source
    properties. Where a code occurs twice (CBS can split land and water into
    two features) the land feature (``water`` = ``NEE``) is kept and a warning
    returned; the frame keeps its CRS.
    """
    code_col, name_col = CODE_PROPERTY[level], NAME_PROPERTY[level]
    require_columns(frame.columns, [code_col, name_col], where, hint)
    code = frame[code_col].astype(str).str.strip()
    if "gemeentecode" in frame.columns:
        gemeente = frame["gemeentecode"].astype(str).str.strip()
    else:
        gemeente = "GM" + code.str[2:6]
    frame = frame.assign(
        _code=code, _name=frame[name_col].astype(str).str.strip(), _gemeente=gemeente
    )
    frame = frame[frame["_gemeente"] == gemeentecode]
    warnings: list[str] = []
    dupes = frame["_code"].duplicated(keep=False)
    if dupes.any():
        codes = sorted(set(frame.loc[dupes, "_code"]))
        if "water" in frame.columns:
            water = frame["water"].astype(str).str.strip().str.upper() == "JA"
            frame = frame[~(dupes & water)]
        frame = frame.drop_duplicates("_code", keep="first")
        warnings.append(
            f"{where}: codes {', '.join(codes)} occur more than once; kept one "
            "feature per code, preferring land (water = NEE)."
        )
    return frame, warnings


def to_boundaries(raw: gpd.GeoDataFrame, level: str) -> gpd.GeoDataFrame:
    """Our boundary columns (``BUURT_COLUMNS`` etc.) from :func:`select_gemeente`."""
    code = raw["_code"]
    out = gpd.GeoDataFrame(
        {CODE_PROPERTY[level]: code.to_numpy(), "name": raw["_name"].to_numpy()},
        geometry=raw.geometry.to_numpy(),
        crs=raw.crs,
    )
    if level == "buurt":
        wijk = raw["wijkcode"] if "wijkcode" in raw.columns else "WK" + code.str[2:8]
        out["wijkcode"] = wijk.astype(str).str.strip().to_numpy()
    out["gemeentecode"] = raw["_gemeente"].to_numpy()
    return out[COLUMNS[level]].reset_index(drop=True)


def kwb_from_properties(
    raw: pd.DataFrame, catalogue: Catalogue
) -> tuple[pd.DataFrame, list[str]]:
    """KWB rows from wijk- en buurtkaart properties (catalogue field ``pdok``).

    A percentage property with ``pdok_percentage_van`` becomes a count:
    ``percentage / 100 * base indicator`` (unrounded). Returns the normalised
    frame and the keys of indicators the properties do not provide.
    """
    frame = pd.DataFrame(raw.drop(columns="geometry", errors="ignore"))
    direct = {
        ind.pdok: ind.key
        for ind in catalogue
        if ind.pdok and not ind.pdok_percentage_van and ind.pdok in frame.columns
    }
    kwb = normalise_kwb(frame, "_code", direct, "_name")
    missing: list[str] = []
    for ind in catalogue:
        if ind.derived:
            continue
        if not ind.pdok:
            missing.append(ind.key)
            continue
        if ind.pdok_percentage_van is None:
            if ind.pdok not in frame.columns:
                missing.append(ind.key)
        elif ind.pdok in frame.columns and ind.pdok_percentage_van in kwb.columns:
            share = clean_missing(frame[ind.pdok]).to_numpy() / 100.0
            kwb[ind.key] = share * kwb[ind.pdok_percentage_van].to_numpy()
        else:
            missing.append(ind.key)
    keys = [k for k in catalogue.keys if k in kwb.columns]
    return kwb[["code", "level", "name", *keys]], missing
