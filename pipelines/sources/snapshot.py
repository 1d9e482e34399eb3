"""The bundled CBS snapshot (``geodata/cbs``), for offline builds.

What it holds is listed in ``geodata/cbs/snapshot.toml``: boundaries per year
(``[[geometry]]``) and Kerncijfers wijken en buurten files per year
(``[[kwb]]``), with their provenance in ``geodata/cbs/README.md``. Columns are
the CBS OData keys (``AantalInwoners_5``), mapped to catalogue indicators by
key stem as online; a file whose headers are not CBS keys says which key each
column is (``kolommen``).
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping, Sequence
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
    data_property_groups,
    map_cbs_keys,
    merge_kwb_files,
    normalise_kwb,
    sha256_file,
)

MANIFEST = "snapshot.toml"


def read_cbs_layer(
    path: Path, prefix: str, gemeentecodes: Sequence[str]
) -> gpd.GeoDataFrame:
    """Read a cartomap/CBS-gebiedsindelingen GeoJSON, keep some gemeenten.

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
    keep = frame["gemeentecode"].isin(list(gemeentecodes)) & code.str.startswith(prefix)
    return frame[keep]


class SnapshotSource:
    """Real CBS/Kadaster data bundled with the project (see its README)."""

    name = "snapshot"

    def __init__(self, root: Path) -> None:
        self.root = root
        self._manifest: dict | None = None

    @property
    def manifest(self) -> dict:
        if self._manifest is None:
            path = self.root / MANIFEST
            try:
                self._manifest = tomllib.loads(path.read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError) as exc:
                raise SourceError(
                    f"Cannot read the snapshot list {path}: {exc}."
                ) from exc
        return self._manifest

    @property
    def years(self) -> tuple[int, ...]:
        """The KWB years the snapshot holds, ascending."""
        return tuple(sorted({int(k["jaar"]) for k in self.manifest.get("kwb", [])}))

    def _geometry(self, year: int) -> dict | None:
        return next(
            (g for g in self.manifest.get("geometry", []) if int(g["jaar"]) == year),
            None,
        )

    def load(
        self,
        gemeentecode: str,
        year: int,
        catalogue: Catalogue,
        *,
        years: Sequence[int] | None = None,
        history_codes: Mapping[int, Sequence[str]] | None = None,
    ) -> CbsData:
        """Boundaries of ``year`` and the KWB figures of ``years`` for a gemeente."""
        geometry = self._geometry(year)
        if geometry is None or "gemeenten" not in geometry:
            held = sorted(int(g["jaar"]) for g in self.manifest.get("geometry", []))
            raise SourceError(
                f"The bundled snapshot has no wijk- en buurtkaart of {year} "
                f"(it has {', '.join(map(str, held))}).",
                hint=f"Use --year {self.manifest.get('indeling_jaar', 2024)}, or "
                "--source online / files for other years.",
            )
        frames, provenance = self._boundaries(geometry, gemeentecode, year)
        wanted = list(self.years) if years is None else sorted(set(years))
        codes_of = history_codes or {}
        kwb_parts, unavailable, source_keys, warnings = [], {}, [], []
        for kwb_year in wanted:
            entries = [k for k in self.manifest["kwb"] if int(k["jaar"]) == kwb_year]
            if not entries:
                unavailable[kwb_year] = (
                    f"de meegeleverde CBS-gegevens hebben geen Kerncijfers wijken "
                    f"en buurten {kwb_year} (wel {', '.join(map(str, self.years))}); "
                    "gebruik --source online of files"
                )
                continue
            codes = list(codes_of.get(kwb_year, [gemeentecode]))
            frame, keys, records = self._kwb_year(entries, codes, catalogue)
            if frame.empty:
                unavailable[kwb_year] = (
                    f"de meegeleverde bestanden van {kwb_year} hebben geen rijen "
                    f"van {', '.join(codes)}"
                )
                continue
            kwb_parts.append(frame.assign(year=kwb_year))
            source_keys += keys
            provenance += records
        kwb = (
            pd.concat(kwb_parts, ignore_index=True)
            if kwb_parts
            else pd.DataFrame(columns=["code", "level", "name", "year"])
        )
        history = self._history(kwb, frames["buurt"], codes_of, provenance, warnings)
        kwb = _names_from_history(kwb, frames, history)
        return CbsData(
            buurten=frames["buurt"],
            wijken=frames["wijk"],
            gemeente=frames["gemeente"],
            kwb=kwb,
            year=year,
            provenance=provenance,
            warnings=warnings,
            history=history,
            source_keys=source_keys,
            unavailable=unavailable,
        )

    def _record(self, dataset: str, path: Path, year: int) -> dict:
        return {
            "source": "snapshot",
            "dataset": dataset,
            "location": str(path.relative_to(self.root.parent)),
            "year": year,
            "licence": LICENCE,
            "attribution": ATTRIBUTION,
            "sha256": sha256_file(path),
        }

    def _path(self, relative: str) -> Path:
        path = self.root / relative
        if not path.exists():
            raise SourceError(f"Snapshot file {path} is missing.")
        return path

    def _boundaries(
        self, geometry: dict, gemeentecode: str, year: int
    ) -> tuple[dict[str, gpd.GeoDataFrame], list[dict]]:
        paths = {
            lvl: self._path(geometry[lvl]) for lvl in ("buurten", "wijken", "gemeenten")
        }
        buurten = read_cbs_layer(paths["buurten"], "BU", [gemeentecode])
        buurten = buurten.assign(
            buurtcode=buurten["code"], wijkcode="WK" + buurten["code"].str[2:8]
        )
        wijken = read_cbs_layer(paths["wijken"], "WK", [gemeentecode])
        wijken = wijken.assign(wijkcode=wijken["code"])
        gemeente = read_cbs_layer(paths["gemeenten"], "GM", [gemeentecode])
        if gemeente.empty:
            raise SourceError(
                f"Gemeente {gemeentecode} is not in the bundled snapshot.",
                hint="The snapshot holds GM0214 Buren and GM1960 West Betuwe; use "
                "--source online or files for other gemeenten.",
            )
        frames = {
            "buurt": buurten[BUURT_COLUMNS].reset_index(drop=True),
            "wijk": wijken[WIJK_COLUMNS].reset_index(drop=True),
            "gemeente": gemeente[GEMEENTE_COLUMNS].reset_index(drop=True),
        }
        dataset = f"CBS wijk- en buurtkaart {year} (gegeneraliseerd)"
        return frames, [self._record(dataset, p, year) for p in paths.values()]

    def _kwb_year(
        self, entries: list[dict], codes: list[str], catalogue: Catalogue
    ) -> tuple[pd.DataFrame, list[dict], list[dict]]:
        """The merged KWB rows of one year's files, for the gemeentecodes given."""
        digits = {c[2:] for c in codes}
        frames, keys, records = [], [], []
        for entry in entries:
            path = self._path(entry["file"])
            raw = pd.read_csv(path, dtype={entry["code"]: str})
            raw = raw.rename(columns=entry.get("kolommen", {}))
            raw = raw[raw[entry["code"]].astype(str).str.strip().str[2:6].isin(digits)]
            groups = None
            if "data_properties" in entry:
                props = json.loads(self._path(entry["data_properties"]).read_text())
                groups = data_property_groups(props.get("DataProperties", props))
            rename = map_cbs_keys(list(raw.columns), catalogue, str(path), groups)
            if raw.empty or not rename:
                continue
            frames.append(
                normalise_kwb(
                    raw.reset_index(drop=True), entry["code"], rename, entry.get("naam")
                )
            )
            keys += [
                {
                    "year": int(entry["jaar"]),
                    "indicator": k,
                    "table": entry["tabel"],
                    "key": c,
                }
                for c, k in rename.items()
            ]
            dataset = (
                f"Kerncijfers wijken en buurten {entry['jaar']} ({entry['tabel']})"
            )
            records.append(self._record(dataset, path, int(entry["jaar"])))
        merged = merge_kwb_files(frames)
        unique = {(k["year"], k["indicator"]): k for k in reversed(keys)}
        return merged, list(unique.values()), records

    def _history(
        self,
        kwb: pd.DataFrame,
        buurten: gpd.GeoDataFrame,
        codes_of: Mapping[int, Sequence[str]],
        provenance: list[dict],
        warnings: list[str],
    ) -> dict[int, gpd.GeoDataFrame]:
        """Buurt geometry of the KWB years whose buurtcodes are not today's."""
        current = set(buurten["buurtcode"])
        history: dict[int, gpd.GeoDataFrame] = {}
        for kwb_year in sorted(set(kwb["year"])) if not kwb.empty else []:
            rows = kwb[(kwb["year"] == kwb_year) & (kwb["level"] == "buurt")]
            if set(rows["code"]) <= current:
                continue
            geometry = self._geometry(int(kwb_year))
            if geometry is None:
                warnings.append(
                    f"Geen buurtkaart van {kwb_year} in de meegeleverde gegevens; "
                    "die buurten zijn alleen via een codetabel in kernen te plaatsen."
                )
                continue
            path = self._path(geometry["buurten"])
            gemeenten = sorted({"GM" + c[2:6] for c in rows["code"]})
            old = read_cbs_layer(path, "BU", gemeenten)
            history[int(kwb_year)] = gpd.GeoDataFrame(
                {"buurtcode": old["code"].to_numpy(), "name": old["name"].to_numpy()},
                geometry=old.geometry.to_numpy(),
                crs=4326,
            )
            provenance.append(
                self._record(
                    f"CBS wijk- en buurtkaart {kwb_year} (gegeneraliseerd)",
                    path,
                    int(kwb_year),
                )
            )
        return history


def _names_from_history(
    kwb: pd.DataFrame, frames: dict[str, gpd.GeoDataFrame], history: dict
) -> pd.DataFrame:
    """Region names where a file had none (the 2017 table): from the boundaries."""
    if kwb.empty:
        return kwb
    names = dict(
        zip(frames["buurt"]["buurtcode"], frames["buurt"]["name"], strict=False)
    )
    names.update(zip(frames["wijk"]["wijkcode"], frames["wijk"]["name"], strict=False))
    for old in history.values():
        names.update(zip(old["buurtcode"], old["name"], strict=False))
    unnamed = kwb["name"] == kwb["code"]
    kwb.loc[unnamed, "name"] = kwb.loc[unnamed, "code"].map(names).fillna(kwb["code"])
    return kwb
