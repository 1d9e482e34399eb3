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
        raise SourceError(
            f"{where}: none of the indicator columns is present "
            f"(looked for {', '.join(missing)}).",
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

    def load(self, gemeentecode: str, year: int, catalogue: Catalogue) -> CbsData:
        """Load boundaries (EPSG:4326) and KWB rows of one gemeente for ``year``.

        Raises
        ------
        SourceError
            A file is absent or unreadable, a needed column is missing, or the
            gemeente is not in the files.
        """
        check_gemeentecode(gemeentecode)
        if not self.folder.is_dir():
            raise SourceError(
                f"CBS folder {self.folder} does not exist.", hint=FILES_HINT
            )
        frames, warnings, inputs = self._boundaries(gemeentecode, year)
        kwb_path = self._kwb_path(year)
        kwb, kwb_warnings = kwb_from_table(
            read_kwb_table(kwb_path), gemeentecode, catalogue, str(kwb_path)
        )
        warnings.extend(kwb_warnings)
        inputs.append((f"Kerncijfers wijken en buurten {year}", kwb_path))
        for message in warnings:
            logger.warning(message)
        return CbsData(
            buurten=frames["buurt"],
            wijken=frames["wijk"],
            gemeente=frames["gemeente"],
            kwb=kwb,
            year=year,
            provenance=[self._provenance(d, p, year) for d, p in inputs],
            warnings=warnings,
        )

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
    path: Path, layer: str | None, gemeentecode: str, where: str
) -> gpd.GeoDataFrame:
    """Read a layer, filtered to one gemeente in GDAL when it has ``gemeentecode``."""
    try:
        fields = set(pyogrio.read_info(path, layer=layer)["fields"])
        condition = (
            f"gemeentecode = '{gemeentecode}'" if "gemeentecode" in fields else None
        )
        return pyogrio.read_dataframe(path, layer=layer, where=condition)
    except Exception as exc:  # pyogrio raises several error types
        raise SourceError(f"Cannot read {where}: {exc}.", hint=FILES_HINT) from exc
