"""CBS files an analyst downloaded by hand, in one folder (the ``files`` source).

The folder holds, for a year YYYY:

- the CBS wijk- en buurtkaart: a GeoPackage whose name contains the year
  (CBS publishes ``wijkenbuurten_2024_v1.gpkg``) with the layers ``gemeenten``,
  ``wijken`` and ``buurten``, usually in RD New (EPSG:28992); or three GeoJSON
  files ``gemeenten_YYYY.geojson``, ``wijken_YYYY.geojson``,
  ``buurten_YYYY.geojson`` (or without ``_YYYY``). Property names as in the
  CBS file and the PDOK API: ``buurtcode``, ``buurtnaam``, ``wijkcode``,
  ``wijknaam``, ``gemeentecode``, ``gemeentenaam``.
- the Kerncijfers wijken en buurten table ``kwb-YYYY.xlsx`` or ``kwb-YYYY.csv``
  (``kwbYYYY.*`` is accepted too): one row per region with ``gwb_code_10``
  (``GM0214``, ``WK021400``, ``BU02140000``), ``regio`` (name), ``recs`` and
  one column per variable (``a_inw``, ``a_man``, ...). The catalogue field
  ``kwb`` names the column of each indicator.

Reading is tolerant of what CBS and Excel do to these files: column names with
trailing spaces, a header that is not on the first row, ``;`` or ``,`` as
separator, decimal comma, and the missing-value tokens ``.``, ``x``, ``-`` and
empty cells, plus the numeric codes -99995/-99997. Boundaries are returned in
WGS84 (EPSG:4326).

The wijk- en buurtkaart schema helpers (:func:`select_gemeente`,
:func:`to_boundaries`, :func:`kwb_from_properties`) live in
:mod:`pipelines.sources.wijkenbuurten`, shared with the ``online`` source.
"""

from __future__ import annotations

import io
import logging
import math
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from pipelines.catalogue import Catalogue
from pipelines.errors import SourceError
from pipelines.sources.base import (
    ATTRIBUTION,
    LICENCE,
    CbsData,
    clean_missing,
    normalise_kwb,
    sha256_file,
)
from pipelines.sources.wijkenbuurten import (
    LAYERS,
    check_gemeentecode,
    require_columns,
    select_gemeente,
    to_boundaries,
    to_wgs84,
)

logger = logging.getLogger(__name__)

# The KWB download: identity columns and renames between vintages. CBS renamed
# g_woz to g_wozbag in 2020; either spelling in the catalogue finds the other.
KWB_CODE, KWB_NAME = "gwb_code_10", "regio"
KWB_ALIASES: dict[str, tuple[str, ...]] = {
    "g_woz": ("g_wozbag",),
    "g_wozbag": ("g_woz",),
}
MISSING_TOKENS = frozenset({"", ".", "x", "X", "-", ",", "?", "nan", "NaN", "NA"})

KWB_SUFFIXES = {".xlsx", ".xlsm", ".csv"}
YEAR_IN_NAME = re.compile(r"(19|20)\d\d")

FILES_HINT = (
    "Download the wijk- en buurtkaart (GeoPackage) and kwb-YYYY.xlsx from cbs.nl "
    "into this folder, or use --source snapshot / online."
)


def to_float(value: object) -> float:
    """One KWB cell as float: decimal comma, CBS tokens ('.', 'x', '-') -> NaN.

    Raises ValueError for text that is neither a number nor a missing token.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return math.nan
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip()
    if text in MISSING_TOKENS:
        return math.nan
    if "," in text:  # Dutch: 1.234,5 -> 1234.5 and 2,5 -> 2.5
        text = text.replace(".", "").replace(",", ".")
    return float(text)


def parse_numbers(values: pd.Series, where: str) -> tuple[pd.Series, list[str]]:
    """Numbers of one KWB column (CBS missing codes -> NaN) and a warning list."""
    bad: list[str] = []

    def convert(value: object) -> float:
        try:
            return to_float(value)
        except ValueError:
            bad.append(str(value))
            return math.nan

    numbers = clean_missing(values.map(convert))
    warnings = []
    if bad:
        warnings.append(
            f"{where}: {len(bad)} value(s) are not numbers and were read as missing, "
            f"e.g. {bad[0]!r}."
        )
    return numbers, warnings


def _decode(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def read_kwb_table(path: Path) -> pd.DataFrame:
    """Read kwb-YYYY.xlsx or .csv as text, header found by ``gwb_code_10``.

    Column names are stripped (CBS's files have names like ``'a_nb_won '``).
    """
    try:
        if path.suffix.lower() in {".xlsx", ".xlsm", ".xls"}:
            grid = pd.read_excel(path, header=None, dtype=str)
        else:
            text = _decode(path)
            first = next((line for line in text.splitlines() if line.strip()), "")
            sep = max((";", ",", "\t"), key=first.count)
            grid = pd.read_csv(
                io.StringIO(text),
                sep=sep,
                header=None,
                dtype=str,
                keep_default_na=False,
            )
    except (OSError, ValueError) as exc:
        raise SourceError(
            f"Cannot read KWB file {path}: {exc}.", hint=FILES_HINT
        ) from exc
    header_row = 0
    for i in range(min(len(grid), 20)):
        cells = grid.iloc[i].astype(str).str.strip().str.lower()
        if (cells == KWB_CODE).any():
            header_row = i
            break
    columns = [str(c).strip() for c in grid.iloc[header_row]] if len(grid) else []
    table = grid.iloc[header_row + 1 :].reset_index(drop=True)
    table.columns = columns
    return table


def kwb_from_table(
    table: pd.DataFrame, gemeentecode: str, catalogue: Catalogue, where: str
) -> tuple[pd.DataFrame, list[str]]:
    """Normalised KWB rows of one gemeente from a kwb-YYYY table.

    Indicator columns come from the catalogue field ``kwb`` (or a known alias,
    see ``KWB_ALIASES``). An absent indicator column is a warning, not an
    error: the frame then has no column for it.
    """
    require_columns(table.columns, [KWB_CODE, KWB_NAME], where, FILES_HINT)
    code = table[KWB_CODE].astype(str).str.strip()
    mask = (code.str[2:6] == gemeentecode[2:]) & code.str[:2].isin(["GM", "WK", "BU"])
    if not mask.any():
        raise SourceError(
            f"{where} has no rows for gemeente {gemeentecode}.",
            hint="Check the gemeentecode and that the file is the national KWB table.",
        )
    rows = table[mask]
    frame = pd.DataFrame(
        {"code": code[mask].to_numpy(), "name": rows[KWB_NAME].astype(str).to_numpy()}
    )
    warnings: list[str] = []
    missing: list[str] = []
    for ind in catalogue:
        if ind.derived or not ind.kwb:
            continue
        column = next(
            (c for c in (ind.kwb, *KWB_ALIASES.get(ind.kwb, ())) if c in table.columns),
            None,
        )
        if column is None:
            missing.append(f"{ind.key} ({ind.kwb})")
            continue
        values, problems = parse_numbers(rows[column], f"{where}, column {column!r}")
        frame[ind.key] = values.to_numpy()
        warnings.extend(problems)
    if len(missing) == len([i for i in catalogue if i.kwb and not i.derived]):
        found = ", ".join(str(c) for c in list(table.columns)[:15])
        raise SourceError(
            f"{where}: none of the indicator columns is present "
            f"(found: {found}; looked for {', '.join(missing)}).",
            hint="Check the 'kwb' names in geodata/indicators.toml against the file.",
        )
    if missing:
        warnings.append(f"{where}: no column for {', '.join(missing)}; left out.")
    keys = [k for k in catalogue.keys if k in frame.columns]
    return normalise_kwb(frame, "code", {k: k for k in keys}, "name"), warnings


class FilesSource:
    """CBS wijk- en buurtkaart and KWB files downloaded by hand into ``folder``."""

    name = "files"

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def load(
        self,
        gemeentecode: str,
        year: int,
        catalogue: Catalogue,
        *,
        years: Sequence[int] | None = None,
        history_codes: Mapping[int, Sequence[str]] | None = None,
    ) -> CbsData:
        """Boundaries of ``year`` (EPSG:4326) and the KWB rows of every kwb file.

        Every ``kwb-YYYY`` file in the folder is one year (``years`` picks
        some). A file whose year or columns cannot be recognised is reported
        in ``unavailable``/``warnings`` and the other years still load.

        Raises
        ------
        SourceError
            A boundary file is absent or unreadable, or no KWB year loads.
        """
        check_gemeentecode(gemeentecode)
        if not self.folder.is_dir():
            raise SourceError(
                f"CBS folder {self.folder} does not exist.", hint=FILES_HINT
            )
        frames, warnings, inputs = self._boundaries(gemeentecode, year)
        found, unreadable = self.kwb_files()
        warnings.extend(unreadable)
        wanted = sorted(found) if years is None else sorted(set(years))
        codes_of = history_codes or {}
        parts, keys, unavailable = [], [], {}
        for kwb_year in wanted:
            if kwb_year not in found:
                unavailable[kwb_year] = (
                    f"geen kwb-{kwb_year}.xlsx of .csv in {self.folder}"
                )
                continue
            path = found[kwb_year]
            codes = list(codes_of.get(kwb_year, [gemeentecode]))
            try:
                kwb, used, kwb_warnings = self._kwb_year(path, codes, catalogue)
            except SourceError as exc:
                unavailable[kwb_year] = str(exc)
                warnings.append(str(exc))
                continue
            parts.append(kwb.assign(year=kwb_year))
            keys += [
                {"year": kwb_year, "indicator": k, "table": path.name, "key": c}
                for k, c in used.items()
            ]
            warnings.extend(kwb_warnings)
            inputs.append((f"Kerncijfers wijken en buurten {kwb_year}", path))
        if not parts:
            reasons = "; ".join(f"{y}: {r}" for y, r in unavailable.items())
            raise SourceError(
                f"No KWB table for {', '.join(map(str, wanted)) or year} in "
                f"{self.folder} could be read: looked for kwb-YYYY.xlsx / "
                f"kwb-YYYY.csv (e.g. kwb-{year}.xlsx); {reasons or 'none found'}.",
                hint=FILES_HINT,
            )
        kwb = pd.concat(parts, ignore_index=True)
        history = self._history(kwb, frames["buurt"], inputs, warnings)
        for message in warnings:
            logger.warning(message)
        return CbsData(
            buurten=frames["buurt"],
            wijken=frames["wijk"],
            gemeente=frames["gemeente"],
            kwb=kwb,
            year=year,
            provenance=[self._provenance(d, p, y) for d, p, y in _years(inputs, year)],
            warnings=warnings,
            history=history,
            source_keys=keys,
            unavailable=unavailable,
        )

    def kwb_files(self) -> tuple[dict[int, Path], list[str]]:
        """The kwb files of the folder by year, and a warning per unrecognised one."""
        found: dict[int, Path] = {}
        problems = []
        for path in sorted(self.folder.iterdir()):
            name = path.name.lower()
            if not name.startswith("kwb") or path.suffix.lower() not in KWB_SUFFIXES:
                continue
            match = YEAR_IN_NAME.search(path.stem)
            if match is None:
                problems.append(
                    f"{path}: het jaar van dit KWB-bestand is niet te herkennen; "
                    "het is overgeslagen. Noem het kwb-JJJJ.xlsx of kwb-JJJJ.csv, "
                    "bijvoorbeeld kwb-2023.xlsx."
                )
                continue
            found.setdefault(int(match.group(0)), path)
        return found, problems

    def _kwb_year(
        self, path: Path, codes: list[str], catalogue: Catalogue
    ) -> tuple[pd.DataFrame, dict[str, str], list[str]]:
        """Rows of the gemeentecodes of one year's kwb file (several for a merger)."""
        table = read_kwb_table(path)
        frames, warnings = [], []
        for code in codes:
            try:
                frame, problems = kwb_from_table(table, code, catalogue, str(path))
            except SourceError:
                if len(codes) == 1:
                    raise
                warnings.append(f"{path} has no rows for {code}.")
                continue
            frames.append(frame)
            warnings.extend(problems)
        if not frames:
            raise SourceError(f"{path} has no rows for {', '.join(codes)}.")
        used = {
            i.key: next(
                c for c in (i.kwb, *KWB_ALIASES.get(i.kwb, ())) if c in table.columns
            )
            for i in catalogue
            if i.key in frames[0].columns and not i.derived
        }
        return pd.concat(frames, ignore_index=True), used, warnings

    def _history(
        self,
        kwb: pd.DataFrame,
        buurten: gpd.GeoDataFrame,
        inputs: list,
        warnings: list[str],
    ) -> dict[int, gpd.GeoDataFrame]:
        """The buurtkaart of each KWB year whose buurtcodes are not today's."""
        current = set(buurten["buurtcode"])
        history: dict[int, gpd.GeoDataFrame] = {}
        for kwb_year in sorted(set(kwb["year"])):
            rows = kwb[(kwb["year"] == kwb_year) & (kwb["level"] == "buurt")]
            if set(rows["code"]) <= current:
                continue
            gemeenten = sorted({"GM" + c[2:6] for c in rows["code"]})
            try:
                old, path = self._old_buurten(int(kwb_year), gemeenten)
            except SourceError as exc:
                warnings.append(
                    f"Geen bruikbare buurtkaart van {kwb_year} in {self.folder} "
                    f"({exc}); die buurten zijn alleen via een codetabel in kernen te "
                    "plaatsen."
                )
                continue
            history[int(kwb_year)] = old
            inputs.append((f"CBS wijk- en buurtkaart {kwb_year} (buurten)", path))
        return history

    def _old_buurten(
        self, year: int, gemeenten: list[str]
    ) -> tuple[gpd.GeoDataFrame, Path]:
        gpkg = sorted(self.folder.glob(f"*{year}*.gpkg"))
        path = gpkg[0] if gpkg else self._geojson_path("buurten", year)
        layer = "buurten" if gpkg else None
        frame = _read_layer(path, layer, gemeenten[0], str(path), filter_gemeente=False)
        parts = []
        for code in gemeenten:
            raw, _ = select_gemeente(frame, "buurt", code, str(path), FILES_HINT)
            parts.append(to_boundaries(to_wgs84(raw, str(path)), "buurt"))
        old = pd.concat(parts, ignore_index=True)
        return gpd.GeoDataFrame(
            old[["buurtcode", "name"]], geometry=old.geometry, crs=4326
        ), path

    def _boundaries(
        self, gemeentecode: str, year: int
    ) -> tuple[dict[str, gpd.GeoDataFrame], list[str], list[tuple[str, Path]]]:
        gpkg = sorted(self.folder.glob(f"*{year}*.gpkg"))
        frames: dict[str, gpd.GeoDataFrame] = {}
        warnings: list[str] = []
        inputs: list[tuple[str, Path]] = []
        dataset = f"CBS wijk- en buurtkaart {year}"
        if gpkg:
            try:
                available = {str(row[0]) for row in pyogrio.list_layers(gpkg[0])}
            except Exception as exc:  # pyogrio raises several error types
                raise SourceError(f"Cannot read {gpkg[0]}: {exc}.") from exc
            inputs.append((dataset, gpkg[0]))
        for level, layer in LAYERS.items():
            if gpkg:
                if layer not in available:
                    raise SourceError(
                        f"GeoPackage {gpkg[0]} has no layer {layer!r} "
                        f"(layers: {', '.join(sorted(available))}).",
                        hint=FILES_HINT,
                    )
                path, where = gpkg[0], f"{gpkg[0]} layer {layer}"
                frame = _read_layer(path, layer, gemeentecode, where)
            else:
                path = self._geojson_path(layer, year)
                where = str(path)
                frame = _read_layer(path, None, gemeentecode, where)
                inputs.append((f"{dataset} ({layer})", path))
            raw, problems = select_gemeente(
                frame, level, gemeentecode, where, FILES_HINT
            )
            warnings.extend(problems)
            if raw.empty:
                raise SourceError(
                    f"{where} has no {layer} of gemeente {gemeentecode}.",
                    hint="Check the gemeentecode and that the file covers that year.",
                )
            frames[level] = to_boundaries(to_wgs84(raw, where), level)
        return frames, warnings, inputs

    def _geojson_path(self, layer: str, year: int) -> Path:
        tried = [
            self.folder / f"{layer}_{year}.geojson",
            self.folder / f"{layer}.geojson",
        ]
        for path in tried:
            if path.exists():
                return path
        raise SourceError(
            f"No wijk- en buurtkaart for {year} in {self.folder}: found no "
            f"*{year}*.gpkg and none of {', '.join(p.name for p in tried)}.",
            hint=FILES_HINT,
        )

    def _kwb_path(self, year: int) -> Path:
        names = [
            f"kwb-{year}.xlsx",
            f"kwb-{year}.csv",
            f"kwb{year}.xlsx",
            f"kwb{year}.csv",
        ]
        for name in names:
            if (self.folder / name).exists():
                return self.folder / name
        raise SourceError(
            f"No KWB table for {year} in {self.folder}: looked for {', '.join(names)}.",
            hint=FILES_HINT,
        )

    @staticmethod
    def _provenance(dataset: str, path: Path, year: int) -> dict:
        return {
            "source": "files",
            "dataset": dataset,
            "location": str(path),
            "year": year,
            "licence": LICENCE,
            "attribution": ATTRIBUTION,
            "sha256": sha256_file(path),
        }


def _read_layer(
    path: Path,
    layer: str | None,
    gemeentecode: str,
    where: str,
    *,
    filter_gemeente: bool = True,
) -> gpd.GeoDataFrame:
    """Read a layer, filtered to one gemeente in GDAL when it has ``gemeentecode``."""
    try:
        fields = set(pyogrio.read_info(path, layer=layer)["fields"])
        condition = (
            f"gemeentecode = '{gemeentecode}'"
            if filter_gemeente and "gemeentecode" in fields
            else None
        )
        return pyogrio.read_dataframe(path, layer=layer, where=condition)
    except Exception as exc:  # pyogrio raises several error types
        raise SourceError(f"Cannot read {where}: {exc}.", hint=FILES_HINT) from exc


def _years(inputs: list, year: int) -> list[tuple[str, Path, int]]:
    """(dataset, path, year) per input; the year is read from the dataset name."""
    out = []
    for dataset, path in inputs:
        match = YEAR_IN_NAME.search(dataset)
        out.append((dataset, path, int(match.group(0)) if match else year))
    return out
