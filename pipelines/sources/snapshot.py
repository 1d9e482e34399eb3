"""The bundled CBS 2024 snapshot (``geodata/cbs/2024``), for offline builds."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from pipelines.catalogue import Catalogue
from pipelines.errors import SourceError
from pipelines.sources.base import (
    ATTRIBUTION,
    BUURT_COLUMNS,
    GEMEENTE_COLUMNS,
    LICENCE,
    WIJK_COLUMNS,
    CbsData,
    map_cbs_keys,
    normalise_kwb,
    sha256_file,
)


def read_cbs_layer(path: Path, prefix: str, gemeentecode: str) -> gpd.GeoDataFrame:
    """Read a cartomap/CBS-gebiedsindelingen GeoJSON, keep one gemeente.

    The files carry ``statcode``/``statnaam``; the gemeentecode of a buurt or
    wijk is ``GM`` + ``statcode[2:6]``. Returned in EPSG:4326.
    """
    try:
        frame = pyogrio.read_dataframe(path)
    except Exception as exc:  # pyogrio raises several error types
        raise SourceError(f"Cannot read {path}: {exc}.") from exc
    if frame.crs is None:
        frame = frame.set_crs(4326)
    frame = frame.to_crs(4326)
    code = frame["statcode"].astype(str).str.strip()
    frame = frame.assign(
        code=code, name=frame["statnaam"].astype(str), gemeentecode="GM" + code.str[2:6]
    )
    return frame[(frame["gemeentecode"] == gemeentecode) & code.str.startswith(prefix)]


class SnapshotSource:
    """Real CBS/Kadaster 2024 data bundled with the project (see its README)."""

    name = "snapshot"
    years = (2024,)

    def __init__(self, root: Path) -> None:
        self.root = root

    def load(self, gemeentecode: str, year: int, catalogue: Catalogue) -> CbsData:
        """Load boundaries and KWB figures (wijk and gemeente level) for a gemeente."""
        if year not in self.years:
            raise SourceError(
                f"The bundled snapshot holds {self.years[0]} only, not {year}.",
                hint="Use --year 2024, or --source online / files for other years.",
            )
        folder = self.root / str(year)
        files = {
            "buurten": folder / f"buurten_{year}.geojson",
            "wijken": folder / f"wijken_{year}.geojson",
            "gemeenten": folder / f"gemeenten_{year}.geojson",
            "kwb_wijk": folder / f"kwb_{year}_wijk.csv",
            "kwb_gemeente": folder / f"kwb_{year}_gemeente.csv",
        }
        for path in files.values():
            if not path.exists():
                raise SourceError(f"Snapshot file {path} is missing.")
        buurten = read_cbs_layer(files["buurten"], "BU", gemeentecode)
        buurten = buurten.assign(
            buurtcode=buurten["code"], wijkcode="WK" + buurten["code"].str[2:8]
        )
        wijken = read_cbs_layer(files["wijken"], "WK", gemeentecode)
        wijken = wijken.assign(wijkcode=wijken["code"])
        gemeente = read_cbs_layer(files["gemeenten"], "GM", gemeentecode)
        if gemeente.empty:
            raise SourceError(
                f"Gemeente {gemeentecode} is not in the bundled snapshot.",
                hint="The snapshot holds GM0214 Buren and GM1960 West Betuwe; use "
                "--source online or files for other gemeenten.",
            )
        kwb = self._load_kwb(
            files["kwb_wijk"], files["kwb_gemeente"], gemeentecode, catalogue
        )
        provenance = [
            {
                "source": "snapshot",
                "dataset": "CBS wijk- en buurtkaart (gegeneraliseerd)"
                if key in {"buurten", "wijken", "gemeenten"}
                else "Kerncijfers wijken en buurten 85984NED",
                "location": str(path.relative_to(self.root.parent)),
                "year": year,
                "licence": LICENCE,
                "attribution": ATTRIBUTION,
                "sha256": sha256_file(path),
            }
            for key, path in files.items()
        ]
        return CbsData(
            buurten=buurten[BUURT_COLUMNS].reset_index(drop=True),
            wijken=wijken[WIJK_COLUMNS].reset_index(drop=True),
            gemeente=gemeente[GEMEENTE_COLUMNS].reset_index(drop=True),
            kwb=kwb,
            year=year,
            provenance=provenance,
        )

    @staticmethod
    def _load_kwb(
        wijk: Path, gemeente: Path, gemeentecode: str, catalogue: Catalogue
    ) -> pd.DataFrame:
        raw = pd.concat(
            [pd.read_csv(p, dtype={"Codering_3": str}) for p in (wijk, gemeente)],
            ignore_index=True,
        )
        raw = raw[
            raw["Codering_3"].str.strip().str[2:6] == gemeentecode[2:]
        ].reset_index(drop=True)
        rename = map_cbs_keys(list(raw.columns), catalogue, str(wijk))
        return normalise_kwb(raw, "Codering_3", rename, "statnaam_cartomap")
