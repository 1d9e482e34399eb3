"""The store: one GeoPackage per gemeente and audience, written atomically.

Layout of ``<build_dir>/<gemeente-slug>-<audience>.gpkg``:

=================  =========  ===========================================
layer              CRS        content
=================  =========  ===========================================
gemeente           28992      gemeente boundary
wijken             28992      CBS wijken
buurten            28992      CBS buurten with kern_slug, geometry_status
kernen             28992      dissolved kernen, area, label point (RD)
kernen_display     4326       simplified kernen for the browser, label lon/lat
wijken_display     4326       simplified wijken for the browser
gemeente_display   4326       simplified gemeente outline
indicators         (table)    long indicator table (kern, wijk, gemeente)
metadata           (table)    key/value: sources, build time, versions, ...
<records>          (table)    municipal records and their aggregates
=================  =========  ===========================================
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pyogrio

from pipelines.errors import StoreError

logger = logging.getLogger(__name__)

STORE_FORMAT = 2  # 2: indicators of several years (year, methode, aandeel_geschat)
METADATA_LAYER = "metadata"


def store_path(build_dir: Path, gemeente_slug: str, audience: str) -> Path:
    """Path of the store of one gemeente and audience."""
    return build_dir / f"{gemeente_slug}-{audience}.gpkg"


def _write_layer(path: Path, name: str, frame: pd.DataFrame) -> None:
    if isinstance(frame, gpd.GeoDataFrame):
        if frame.crs is None:
            raise StoreError(f"Layer {name} has no CRS; refusing to write it.")
        pyogrio.write_dataframe(
            frame, path, layer=name, driver="GPKG", promote_to_multi=True
        )
    else:
        plain = frame.copy()
        for col in plain.columns:
            if plain[col].dtype == object or str(plain[col].dtype).startswith("string"):
                plain[col] = plain[col].astype(object).where(plain[col].notna(), None)
        pyogrio.write_dataframe(plain, path, layer=name, driver="GPKG")


def write_store(
    path: Path, layers: dict[str, pd.DataFrame], metadata: dict[str, Any]
) -> Path:
    """Write all layers and the metadata table into ``path`` atomically.

    The GeoPackage is built in a temporary file in the same folder and moved
    over ``path`` only when every layer was written and the file reads back;
    a failure at any point leaves a previous store at ``path`` untouched.

    Parameters
    ----------
    path : Path
        Target ``.gpkg`` file.
    layers : dict
        Layer name -> (Geo)DataFrame. GeoDataFrames must carry a CRS.
    metadata : dict
        Values are stored as JSON text in the ``metadata`` table.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{path.stem}-", suffix=".tmp.gpkg", dir=path.parent
    )
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()
    try:
        for name, frame in layers.items():
            logger.debug("writing layer %s (%d rows)", name, len(frame))
            _write_layer(tmp, name, frame)
        meta = pd.DataFrame(
            {
                "key": list(metadata),
                "value": [json.dumps(v, default=str) for v in metadata.values()],
            }
        )
        _write_layer(tmp, METADATA_LAYER, meta)
        _verify(tmp, [*layers, METADATA_LAYER])
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    logger.info("store written: %s", path)
    return path


def _verify(path: Path, expected: list[str]) -> None:
    with sqlite3.connect(path) as con:
        if con.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise StoreError(f"Integrity check of {path} failed.")
    present = set(list_layers(path))
    missing = [name for name in expected if name not in present]
    if missing:
        raise StoreError(f"Store {path} lacks layers {missing} after writing.")


def list_layers(path: Path) -> list[str]:
    """Names of all layers and tables in a store."""
    return [str(row[0]) for row in pyogrio.list_layers(path)]


def read_metadata(path: Path) -> dict[str, Any]:
    """The metadata table of a store as a dict."""
    if not path.exists():
        raise StoreError(
            f"Store {path} does not exist.",
            hint="Build it first: kernenkaart build --gemeente all --source snapshot",
        )
    try:
        table = pyogrio.read_dataframe(path, layer=METADATA_LAYER)
    except Exception as exc:
        raise StoreError(f"{path} is not a kernenkaart store: {exc}.") from exc
    return {k: json.loads(v) for k, v in zip(table["key"], table["value"], strict=True)}


def read_layer(path: Path, layer: str) -> pd.DataFrame:
    """Read one layer (GeoDataFrame for spatial layers, DataFrame for tables)."""
    try:
        return pyogrio.read_dataframe(path, layer=layer)
    except Exception as exc:
        raise StoreError(f"Cannot read layer {layer!r} of {path}: {exc}.") from exc


@dataclass(frozen=True)
class StoreSummary:
    """What a store holds, for ``kernenkaart info``."""

    path: Path
    metadata: dict[str, Any]
    layers: dict[str, int]
    kernen: pd.DataFrame


def summarize_store(path: Path) -> StoreSummary:
    """Metadata, row count per layer, and the kernen with their buurten."""
    metadata = read_metadata(path)
    counts = {
        str(name): int(pyogrio.read_info(path, layer=str(name))["features"])
        for name, _ in pyogrio.list_layers(path)
    }
    kernen = read_layer(path, "kernen")
    kernen = pd.DataFrame(kernen.drop(columns="geometry", errors="ignore"))
    return StoreSummary(path=path, metadata=metadata, layers=counts, kernen=kernen)


def find_stores(build_dir: Path, audience: str | None = None) -> list[Path]:
    """All stores in ``build_dir``, optionally of one audience, sorted by name."""
    pattern = f"*-{audience}.gpkg" if audience else "*.gpkg"
    return sorted(p for p in build_dir.glob(pattern) if not p.name.startswith("."))
