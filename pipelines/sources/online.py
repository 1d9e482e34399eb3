"""The ``online`` source: PDOK boundaries and CBS OData v3, for many KWB years.

Boundaries of the indeling year come from PDOK's CBS wijken en buurten API::

    {pdok_url}/wijken-en-buurten-{year}/ogc/v1/collections/{gemeenten|wijken|buurten}
        /items?f=json&limit=1000&gemeentecode=GM0214

GeoJSON in CRS84 (lon/lat, stored as EPSG:4326), at most 1,000 features a
page; the next page is the ``links`` entry with ``rel: next``. The features
carry the KWB figures as properties (catalogue field ``pdok``; missing values
-99995/-99997). A failure here raises: without boundaries there is no map.

KWB figures come from CBS StatLine OData v3, one table per year
(:data:`KWB_TABLES`), read for the gemeentecodes of that year
(``history_codes``: for West Betuwe in 2017 its predecessors GM0236, GM0733
and GM0304)::

    {cbs_url}/ODataApi/odata/{table}/DataProperties            column keys
    {cbs_url}/ODataApi/odata/{table}/TypedDataSet?$filter=...  rows of the codes

Columns are matched by key stem (``AantalInwoners_5`` -> ``AantalInwoners``;
several stems where CBS renamed a variable, the DataProperties group where a
table reuses a stem), never by position; region keys are space-padded to 10
characters and stripped. The ``ODataApi`` root answers HTTP 500 when a result
would exceed 10,000 rows. That is deterministic, so it is not retried: the
same query goes once to the ``ODataFeed`` root, which pages with
``odata.nextLink``. Indicators that are computed (``aandeel``) are not read.

Which figures win, per year:

- Indeling year, CBS OData answers: its rows, with indicators and regions it
  lacks filled from the PDOK properties (listed in provenance and warnings).
  CBS fails: the PDOK properties, with a warning; percentages PDOK publishes
  for counts (``pdok_percentage_van``) become ``pct / 100 * base``.
- Any other year: CBS OData only. A year that cannot be read (no table known,
  HTTP 404, unreachable, unexpected format) is listed in ``unavailable`` with
  the reason and a warning; the other years still load.

Buurt boundaries of earlier years (``history``), for KWB years whose buurt
codes are not all among the indeling year's:

- 2023 and later: the OGC API above (PDOK lists wijken-en-buurten-2023, -2024
  and -2025 on https://www.pdok.nl/ogc-apis/-/article/cbs-wijken-en-buurten).
- Before 2023: PDOK's WFS 2.0, one request per gemeentecode::

      {wfs}/wijkenbuurten/{year}/wfs/v1_0?service=WFS&version=2.0.0
          &request=GetFeature&typeNames=wijkenbuurten:buurten
          &outputFormat=application/json&srsName=EPSG:28992
          &count=1000&startIndex=0&filter=<Filter>...gemeentecode...</Filter>

  ``{wfs}`` is ``pdok_url`` with ``api.pdok.nl`` replaced by ``service.pdok.nl``
  (a mirror serves both under one root). PDOK ignores ``CQL_FILTER`` there, so
  the filter is FES XML. Coordinates are asked in RD New (EPSG:28992, x/y, no
  axis-order ambiguity) and converted to EPSG:4326. Public clients use this
  path and layer for 2019 and 2021-2025; for 2017-2018 the service path is
  referenced but its layer name was not confirmed. PDOK also lists a
  ``wijken-en-buurten-historisch`` OGC API whose collections were not
  verified; it is not used. A year whose boundaries cannot be fetched gets a
  warning, never an error.

Every provenance entry of KWB figures says in its ``kwb`` field where they
came from (``cbs-odata`` or ``pdok``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import geopandas as gpd
import httpx
import pandas as pd

from pipelines.catalogue import Catalogue
from pipelines.errors import SourceError
from pipelines.settings import Settings
from pipelines.sources.base import (
    ATTRIBUTION,
    LICENCE,
    CbsData,
    data_property_groups,
    map_cbs_keys,
    normalise_kwb,
)
from pipelines.sources.http import HttpClient, HttpPolicy, HttpStatusError, full_url
from pipelines.sources.wijkenbuurten import (
    LAYERS,
    check_gemeentecode,
    kwb_from_properties,
    select_gemeente,
    to_boundaries,
)

logger = logging.getLogger(__name__)

# Kerncijfers wijken en buurten, one CBS table per year (cbs.nl/nl-nl/cijfers/
# detail/<id>). 2025 (86165NED) is not in the stored cbs.nl pages; several
# independent public clients of CBS OData name it "Kerncijfers wijken en buurten
# 2025" (scripts reading ODataApi/ODataFeed .../86165NED), so it is listed.
KWB_TABLES: dict[int, str] = {
    2017: "83765NED",
    2018: "84286NED",
    2019: "84583NED",
    2020: "84799NED",
    2021: "85039NED",
    2022: "85318NED",
    2023: "85618NED",
    2024: "85984NED",
    2025: "86165NED",
}
PDOK_PAGE_SIZE = 1000
PDOK_OGC_FIRST_YEAR = 2023  # earlier buurtkaarten: the WFS (module docstring)
WFS_TYPENAME = "wijkenbuurten:buurten"
WFS_PAGE_SIZE = 1000
WFS_MAX_PAGES = 100
ONLINE_HINT = (
    "Without internet, use --source snapshot (bundled CBS 2024 data), or set "
    "KERNENKAART_PDOK_URL / KERNENKAART_CBS_URL to a reachable mirror."
)

Progress = Callable[[str], None]


class _YearUnavailable(Exception):
    """A KWB year could not be read; the message is the reason (internal)."""


@dataclass
class _Kwb:
    """KWB frames, provenance and source keys of the years loaded so far."""

    frames: list[pd.DataFrame] = field(default_factory=list)
    records: list[dict] = field(default_factory=list)
    keys: list[dict] = field(default_factory=list)
    unavailable: dict[int, str] = field(default_factory=dict)


def pdok_next(page: Any) -> str | None:
    """The ``href`` of the ``rel: next`` link of an OGC API Features page."""
    for link in page.get("links", []) if isinstance(page, dict) else []:
        if isinstance(link, dict) and link.get("rel") == "next" and link.get("href"):
            return str(link["href"])
    return None


def odata_next(page: Any) -> str | None:
    """The ``odata.nextLink`` of an OData v3 JSON page (``@odata.nextLink`` in v4)."""
    if not isinstance(page, dict):
        return None
    link = page.get("odata.nextLink") or page.get("@odata.nextLink")
    return str(link) if link else None


def odata_values(page: Any, url: str) -> list[dict]:
    """The ``value`` array of an OData JSON page, or SourceError."""
    values = page.get("value") if isinstance(page, dict) else None
    if not isinstance(values, list):
        raise SourceError(f"{url} answered JSON without a 'value' array (not OData).")
    return values


def odata_region_filter(region_key: str, gemeentecode: str) -> str:
    """``$filter`` for a gemeente, its wijken and its buurten (keys are padded)."""
    digits = gemeentecode[2:]
    return " or ".join(
        f"startswith({region_key},'{prefix}{digits}')" for prefix in ("GM", "WK", "BU")
    )


def odata_regions_filter(region_key: str, gemeentecodes: Sequence[str]) -> str:
    """``$filter`` for several gemeenten (a merged gemeente's predecessors)."""
    return " or ".join(odata_region_filter(region_key, c) for c in gemeentecodes)


def wfs_filter(gemeentecode: str) -> str:
    """FES XML filter on ``gemeentecode`` (PDOK's WFS ignores ``CQL_FILTER``)."""
    return (
        "<Filter><PropertyIsEqualTo><PropertyName>gemeentecode</PropertyName>"
        f"<Literal>{gemeentecode}</Literal></PropertyIsEqualTo></Filter>"
    )


def wfs_root(pdok_url: str) -> str:
    """PDOK's WFS root for ``pdok_url``: api.pdok.nl/cbs -> service.pdok.nl/cbs."""
    return pdok_url.rstrip("/").replace("//api.pdok.nl/", "//service.pdok.nl/")


def read_catalogue(catalogue: Catalogue) -> Catalogue:
    """The indicators a source reads: all but the computed ``aandeel`` ones."""
    return Catalogue(tuple(ind for ind in catalogue if not ind.derived))


def _message(exc: Exception) -> str:
    """An error's message without its hint (the hint is given once, not per year)."""
    return str(exc.args[0]).rstrip(".") if exc.args else str(exc)


def _record(dataset: str, location: str, year: int, **extra: Any) -> dict:
    return {
        "source": "online",
        "dataset": dataset,
        "location": location,
        "year": year,
        "licence": LICENCE,
        "attribution": ATTRIBUTION,
        "retrieved": datetime.now(UTC).isoformat(timespec="seconds"),
        **extra,
    }


def _codes_of(
    years: Sequence[int],
    gemeentecode: str,
    history_codes: Mapping[int, Sequence[str]] | None,
) -> dict[int, list[str]]:
    """The checked gemeentecodes to read per KWB year (default: the gemeente's)."""
    given = history_codes or {}
    codes = {y: list(given.get(y, [gemeentecode])) or [gemeentecode] for y in years}
    for year_codes in codes.values():
        for code in year_codes:
            check_gemeentecode(code)
    return codes


class OnlineSource:
    """PDOK boundaries and CBS KWB figures fetched over HTTP (see module docstring).

    Parameters
    ----------
    settings : Settings
        ``pdok_url``, ``cbs_url``, ``http_timeout``, ``http_retries``,
        ``http_backoff``.
    progress : callable, optional
        Called with a short English message after each page.
    transport : httpx.BaseTransport, optional
        For tests.
    """

    name = "online"

    def __init__(
        self,
        settings: Settings,
        *,
        progress: Progress | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.settings = settings
        self.progress = progress
        self.transport = transport

    def _say(self, message: str) -> None:
        logger.info(message)
        if self.progress is not None:
            self.progress(message)

    def load(
        self,
        gemeentecode: str,
        year: int,
        catalogue: Catalogue,
        *,
        years: Sequence[int] | None = None,
        history_codes: Mapping[int, Sequence[str]] | None = None,
    ) -> CbsData:
        """Fetch the boundaries of ``year`` and the KWB rows of many years.

        Parameters
        ----------
        gemeentecode : str
            The gemeente, e.g. ``GM1960``.
        year : int
            Indeling year of the boundaries (PDOK ``wijken-en-buurten-{year}``).
        catalogue : Catalogue
            Indicators to read (``aandeel`` ones are skipped).
        years : sequence of int, optional
            KWB years wanted; by default every year in :data:`KWB_TABLES`.
        history_codes : mapping of int to sequence of str, optional
            Gemeentecodes to read per KWB year; by default ``[gemeentecode]``.

        Returns
        -------
        CbsData
            Boundaries in EPSG:4326, ``kwb`` with a ``year`` column, ``history``
            buurten (EPSG:4326), ``source_keys`` and ``unavailable`` years.

        Raises
        ------
        SourceUnavailableError
            PDOK cannot be reached for the indeling year.
        SourceError
            PDOK answered in an unexpected format or lacks the gemeente, or no
            wanted KWB year could be read.
        """
        check_gemeentecode(gemeentecode)
        wanted = sorted(set(KWB_TABLES) if years is None else {int(y) for y in years})
        codes = _codes_of(wanted, gemeentecode, history_codes)
        read = read_catalogue(catalogue)
        policy = HttpPolicy.from_settings(self.settings)
        with HttpClient(policy, hint=ONLINE_HINT, transport=self.transport) as http:
            raws, provenance, warnings = self._pdok(http, gemeentecode, year)
            frames = {level: to_boundaries(raw, level) for level, raw in raws.items()}
            pdok_kwb = self._pdok_kwb(raws, read, warnings) if year in codes else None
            loaded = self._kwb_years(http, year, codes, read, pdok_kwb, warnings)
            kwb = _kwb_frame(loaded, read, _names(raws))
            history, records = self._history(
                http, year, kwb, frames["buurt"], codes, warnings
            )
        for message in warnings:
            logger.warning(message)
        return CbsData(
            buurten=frames["buurt"],
            wijken=frames["wijk"],
            gemeente=frames["gemeente"],
            kwb=_names_from_history(kwb, history),
            year=year,
            provenance=[*provenance, *loaded.records, *records],
            warnings=warnings,
            history=history,
            source_keys=loaded.keys,
            unavailable=loaded.unavailable,
        )

    # PDOK -----------------------------------------------------------------

    def _pdok(
        self, http: HttpClient, gemeentecode: str, year: int
    ) -> tuple[dict[str, gpd.GeoDataFrame], list[dict], list[str]]:
        raws: dict[str, gpd.GeoDataFrame] = {}
        provenance: list[dict] = []
        warnings: list[str] = []
        for level, collection in LAYERS.items():
            raw, url, pages = self._pdok_layer(http, level, gemeentecode, year)
            selected, problems = select_gemeente(
                raw, level, gemeentecode, f"PDOK {collection} {year}", ONLINE_HINT
            )
            warnings.extend(problems)
            if selected.empty:
                raise SourceError(
                    f"PDOK {collection} {year} has no {collection} of {gemeentecode}."
                )
            raws[level] = selected
            provenance.append(
                _record(
                    f"CBS wijk- en buurtkaart {year}, {collection} "
                    "(PDOK OGC API Features)",
                    url,
                    year,
                    features=len(selected),
                    pages=pages,
                )
            )
        return raws, provenance, warnings

    def _pdok_layer(
        self, http: HttpClient, level: str, gemeentecode: str, year: int
    ) -> tuple[gpd.GeoDataFrame, str, int]:
        """One OGC API collection of one gemeente: raw frame (EPSG:4326), URL, pages."""
        collection = LAYERS[level]
        url = (
            f"{self.settings.pdok_url.rstrip('/')}/wijken-en-buurten-{year}"
            f"/ogc/v1/collections/{collection}/items"
        )
        params = {"f": "json", "limit": PDOK_PAGE_SIZE, "gemeentecode": gemeentecode}
        features, pages = self._pdok_features(http, url, params, collection, year)
        if not features:
            raise SourceError(
                f"{full_url(url, params)} returned no {collection} for {gemeentecode}.",
                hint="Check the gemeentecode and that it existed in that year.",
            )
        frame = gpd.GeoDataFrame.from_features(features, crs=4326)  # CRS84 lon/lat
        return frame, full_url(url, params), pages

    def _pdok_features(
        self, http: HttpClient, url: str, params: dict, collection: str, year: int
    ) -> tuple[list[dict], int]:
        features: list[dict] = []
        pages = 0
        try:
            for page in http.iter_pages(url, params, pdok_next):
                batch = page.get("features") if isinstance(page, dict) else None
                if not isinstance(batch, list):
                    raise SourceError(
                        f"{full_url(url, params)} page {pages + 1} is not a GeoJSON "
                        "FeatureCollection (no 'features' array)."
                    )
                features.extend(batch)
                pages += 1
                self._say(f"PDOK {collection}: page {pages}, {len(features)} features")
        except HttpStatusError as exc:
            if exc.status == 404:
                raise SourceError(
                    f"PDOK has no wijken-en-buurten-{year} collection {collection} "
                    f"({exc.url} answered 404).",
                    hint="PDOK publishes recent years only; try another --year, "
                    "or --source files with the CBS GeoPackage.",
                ) from exc
            raise
        return features, pages

    def _pdok_kwb(
        self,
        raws: dict[str, gpd.GeoDataFrame],
        catalogue: Catalogue,
        warnings: list[str],
    ) -> pd.DataFrame:
        parts = []
        for level in ("gemeente", "wijk", "buurt"):
            part, missing = kwb_from_properties(raws[level], catalogue)
            if missing and level == "buurt":
                warnings.append(
                    f"PDOK properties lack indicators: {', '.join(missing)}."
                )
            parts.append(part)
        return pd.concat(parts, ignore_index=True)

    # KWB years ------------------------------------------------------------

    def _kwb_years(
        self,
        http: HttpClient,
        year: int,
        codes: dict[int, list[str]],
        catalogue: Catalogue,
        pdok_kwb: pd.DataFrame | None,
        warnings: list[str],
    ) -> _Kwb:
        """Every wanted year; a year that cannot be read goes to ``unavailable``."""
        loaded = _Kwb()
        for kwb_year, year_codes in codes.items():
            fallback = pdok_kwb if kwb_year == year else None
            try:
                frame, record, keys = self._kwb_year(
                    http, kwb_year, year_codes, catalogue, fallback, warnings
                )
            except _YearUnavailable as exc:
                loaded.unavailable[kwb_year] = str(exc)
                warnings.append(f"KWB {kwb_year} not loaded: {exc}.")
                continue
            loaded.frames.append(frame.assign(year=kwb_year))
            loaded.records.append(record)
            loaded.keys.extend(keys)
        if codes and not loaded.frames:
            reasons = "; ".join(f"{y}: {r}" for y, r in loaded.unavailable.items())
            raise SourceError(
                f"No KWB year could be loaded from CBS OData ({reasons}).",
                hint=ONLINE_HINT,
            )
        return loaded

    def _kwb_year(
        self,
        http: HttpClient,
        kwb_year: int,
        codes: list[str],
        catalogue: Catalogue,
        pdok_kwb: pd.DataFrame | None,
        warnings: list[str],
    ) -> tuple[pd.DataFrame, dict, list[dict]]:
        """One year from CBS OData; the indeling year filled or replaced from PDOK."""
        try:
            frame, record, keys = self._odata(http, kwb_year, codes, catalogue)
        except _YearUnavailable as exc:
            if pdok_kwb is None:
                raise
            warnings.append(f"KWB figures taken from PDOK properties: {exc}.")
            location = (
                f"{self.settings.pdok_url.rstrip('/')}/wijken-en-buurten-{kwb_year}"
                "/ogc/v1"
            )
            return _from_pdok(kwb_year, pdok_kwb, catalogue, location, exc)
        if pdok_kwb is not None:
            frame, filled = combine_kwb(frame, pdok_kwb, catalogue, warnings)
            record["from_pdok"] = filled
            keys += _pdok_keys(kwb_year, filled, catalogue)
        return frame, record, keys

    def _odata(
        self,
        http: HttpClient,
        kwb_year: int,
        codes: list[str],
        catalogue: Catalogue,
    ) -> tuple[pd.DataFrame, dict, list[dict]]:
        """One year's table from CBS OData, or :class:`_YearUnavailable`."""
        table = KWB_TABLES.get(kwb_year)
        if table is None:
            raise _YearUnavailable(
                f"no CBS KWB table is known for {kwb_year} (KWB_TABLES)"
            )
        region, rename = self._odata_columns(http, table, catalogue)
        params = {
            "$format": "json",
            "$filter": odata_regions_filter(region, codes),
            "$select": ",".join([region, *rename]),
        }
        try:
            rows, location, root = self._typed_rows(http, table, params)
            frame = self._odata_frame(rows, region, rename, codes, location)
        except SourceError as exc:
            raise _YearUnavailable(
                f"CBS OData {table} failed: {_message(exc)}"
            ) from exc
        dataset = f"Kerncijfers wijken en buurten {kwb_year} ({table}), CBS OData v3"
        record = _record(dataset, location, kwb_year, kwb="cbs-odata", root=root)
        keys = [
            {"year": kwb_year, "indicator": ours, "table": table, "key": cbs}
            for cbs, ours in rename.items()
        ]
        return frame, record, keys

    def _odata_columns(
        self, http: HttpClient, table: str, catalogue: Catalogue
    ) -> tuple[str, dict[str, str]]:
        """Region key and CBS key -> catalogue key, from the table's DataProperties.

        A stem matching several columns that ``cbs_groep`` cannot resolve is a
        catalogue problem and raises :class:`SourceError` (not a missing year).
        """
        url = f"{self.settings.cbs_url.rstrip('/')}/ODataApi/odata/{table}"
        url += "/DataProperties"
        try:
            properties = [
                value
                for page in http.iter_pages(url, {"$format": "json"}, odata_next)
                for value in odata_values(page, url)
            ]
        except SourceError as exc:
            raise _YearUnavailable(
                f"CBS OData {table} failed: {_message(exc)}"
            ) from exc
        keys = [
            str(p["Key"])
            for p in properties
            if p.get("Type") == "Topic" and p.get("Key")
        ]
        region = next(
            (str(p["Key"]) for p in properties if p.get("Type") == "GeoDetail"),
            "WijkenEnBuurten",
        )
        where = f"CBS {table} DataProperties"
        groups = data_property_groups(properties)
        rename = map_cbs_keys(keys, catalogue, where, groups)
        if not rename:
            raise _YearUnavailable(
                f"{where} has none of the catalogue's 'cbs' keys (check the 'cbs' "
                "keys in geodata/indicators.toml)"
            )
        return region, rename

    def _typed_rows(
        self, http: HttpClient, table: str, params: dict
    ) -> tuple[list[dict], str, str]:
        rows: list[dict] = []
        for root in ("ODataApi", "ODataFeed"):
            url = (
                f"{self.settings.cbs_url.rstrip('/')}/{root}/odata/{table}/TypedDataSet"
            )
            location = full_url(url, params)
            no_retry = frozenset({500}) if root == "ODataApi" else frozenset()
            try:
                for page in http.iter_pages(url, params, odata_next, no_retry=no_retry):
                    rows.extend(odata_values(page, location))
                    self._say(f"CBS {table} ({root}): {len(rows)} rows")
                return rows, location, root
            except HttpStatusError as exc:
                if exc.status != 500 or root != "ODataApi":
                    raise
                logger.warning(
                    "%s answered HTTP 500; the ODataApi root does this when a result "
                    "would exceed 10,000 rows. Not retrying; asking the paged "
                    "ODataFeed root instead.",
                    location,
                )
                rows = []
        raise AssertionError("unreachable")  # pragma: no cover

    @staticmethod
    def _odata_frame(
        rows: list[dict],
        region: str,
        rename: dict[str, str],
        codes: list[str],
        where: str,
    ) -> pd.DataFrame:
        frame = pd.DataFrame(rows)
        if region not in frame.columns:
            raise SourceError(f"{where}: rows have no region key {region!r}.")
        frame["_code"] = frame[region].astype(str).str.strip()
        frame = frame[frame["_code"].str[2:6].isin({c[2:] for c in codes})]
        if frame.empty:
            raise SourceError(f"{where} returned no rows for {', '.join(codes)}.")
        absent = [key for key in rename if key not in frame.columns]
        if absent:
            raise SourceError(f"{where}: rows lack the columns {', '.join(absent)}.")
        return normalise_kwb(frame, "_code", rename, None)

    # Buurten of earlier years ---------------------------------------------

    def _history(
        self,
        http: HttpClient,
        year: int,
        kwb: pd.DataFrame,
        buurten: gpd.GeoDataFrame,
        codes: dict[int, list[str]],
        warnings: list[str],
    ) -> tuple[dict[int, gpd.GeoDataFrame], list[dict]]:
        """Buurten (EPSG:4326) of each KWB year whose buurtcodes are not today's.

        Returns the frames by year and their provenance records.
        """
        current = set(buurten["buurtcode"])
        history: dict[int, gpd.GeoDataFrame] = {}
        records: list[dict] = []
        for kwb_year in sorted(set(kwb["year"])) if not kwb.empty else []:
            rows = kwb[(kwb["year"] == kwb_year) & (kwb["level"] == "buurt")]
            if kwb_year == year or set(rows["code"]) <= current:
                continue
            try:
                old, record = self._old_buurten(
                    http, int(kwb_year), codes[kwb_year], warnings
                )
            except SourceError as exc:
                warnings.append(
                    f"Buurt boundaries of {kwb_year} could not be fetched "
                    f"({_message(exc)}); "
                    "its buurten can only be placed in kernen by a code table."
                )
                continue
            missing = sorted(set(rows["code"]) - set(old["buurtcode"]))
            if missing:
                warnings.append(
                    f"Buurt boundaries of {kwb_year} lack KWB buurten: "
                    f"{', '.join(missing)}."
                )
            history[int(kwb_year)] = old
            records.append(record)
        return history, records

    def _old_buurten(
        self, http: HttpClient, kwb_year: int, codes: list[str], warnings: list[str]
    ) -> tuple[gpd.GeoDataFrame, dict]:
        """Buurten of ``codes`` in ``kwb_year``: OGC API from 2023, WFS before."""
        parts, locations = [], []
        for code in codes:
            if kwb_year >= PDOK_OGC_FIRST_YEAR:
                raw, location, _ = self._pdok_layer(http, "buurt", code, kwb_year)
            else:
                raw, location = self._wfs_buurten(http, kwb_year, code)
            where = f"PDOK buurten {kwb_year} ({location})"
            selected, problems = select_gemeente(raw, "buurt", code, where, ONLINE_HINT)
            warnings.extend(problems)
            parts.append(to_boundaries(selected, "buurt"))
            locations.append(location)
        old = pd.concat(parts, ignore_index=True)[["buurtcode", "name", "geometry"]]
        old = gpd.GeoDataFrame(old, geometry="geometry", crs=4326)
        service = "OGC API Features" if kwb_year >= PDOK_OGC_FIRST_YEAR else "WFS"
        record = _record(
            f"CBS wijk- en buurtkaart {kwb_year}, buurten (PDOK {service})",
            " ".join(locations),
            kwb_year,
            features=len(old),
        )
        return old, record

    def _wfs_buurten(
        self, http: HttpClient, kwb_year: int, code: str
    ) -> tuple[gpd.GeoDataFrame, str]:
        """One gemeente's buurten from PDOK's WFS, paged, RD New -> EPSG:4326."""
        url = f"{wfs_root(self.settings.pdok_url)}/wijkenbuurten/{kwb_year}/wfs/v1_0"
        params: dict[str, str | int] = {
            "service": "WFS",
            "version": "2.0.0",
            "request": "GetFeature",
            "typeNames": WFS_TYPENAME,
            "outputFormat": "application/json",
            "srsName": "EPSG:28992",
            "count": WFS_PAGE_SIZE,
            "filter": wfs_filter(code),
        }
        location = full_url(url, params)
        features: list[dict] = []
        for _ in range(WFS_MAX_PAGES):
            page = http.get_json(url, {**params, "startIndex": len(features)})
            batch = _rd_new_features(page, location)
            features.extend(batch)
            self._say(f"PDOK WFS buurten {kwb_year} {code}: {len(features)} features")
            if len(batch) < WFS_PAGE_SIZE:
                break
        else:
            raise SourceError(f"More than {WFS_MAX_PAGES} pages at {location}.")
        if not features:
            raise SourceError(f"{location} returned no buurten for {code}.")
        frame = gpd.GeoDataFrame.from_features(features, crs=28992)
        return frame.to_crs(4326), location


def _rd_new_features(page: Any, where: str) -> list[dict]:
    """The features of a WFS GeoJSON page asked in EPSG:28992, or SourceError."""
    batch = page.get("features") if isinstance(page, dict) else None
    if not isinstance(batch, list):
        raise SourceError(f"{where} is not a GeoJSON FeatureCollection.")
    crs = page.get("crs")
    name = (
        str(crs.get("properties", {}).get("name", "")) if isinstance(crs, dict) else ""
    )
    if name and not name.endswith("28992"):
        raise SourceError(f"{where} answered in CRS {name!r}, not EPSG:28992.")
    return batch


def _from_pdok(
    year: int,
    pdok_kwb: pd.DataFrame,
    catalogue: Catalogue,
    location: str,
    reason: object,
) -> tuple[pd.DataFrame, dict, list[dict]]:
    """The indeling year's KWB frame, record and keys from PDOK properties."""
    record = _record(
        f"Kerncijfers wijken en buurten {year} (PDOK properties)",
        location,
        year,
        kwb="pdok",
        reason=str(reason),
    )
    return pdok_kwb, record, _pdok_keys(year, list(pdok_kwb.columns[3:]), catalogue)


def _pdok_keys(year: int, filled: list[str], catalogue: Catalogue) -> list[dict]:
    """Source keys of indicators of the indeling year filled from PDOK."""
    table = f"PDOK wijken-en-buurten-{year}"
    return [
        {"year": year, "indicator": k, "table": table, "key": catalogue.get(k).pdok}
        for k in filled
    ]


def _names(raws: dict[str, gpd.GeoDataFrame]) -> dict[str, str]:
    """Region code -> name from the indeling year's PDOK features."""
    return {
        code: name
        for raw in raws.values()
        for code, name in zip(raw["_code"], raw["_name"], strict=True)
    }


def _kwb_frame(
    loaded: _Kwb, catalogue: Catalogue, names: dict[str, str]
) -> pd.DataFrame:
    """All years in one frame: code, level, name, year, indicators (catalogue order).

    Rows whose name is their code get today's name where the code still exists.
    """
    if not loaded.frames:
        return pd.DataFrame(columns=["code", "level", "name", "year"])
    kwb = pd.concat(loaded.frames, ignore_index=True)
    unnamed = kwb["name"] == kwb["code"]
    kwb.loc[unnamed, "name"] = (
        kwb.loc[unnamed, "code"].map(names).fillna(kwb.loc[unnamed, "code"])
    )
    kwb["year"] = kwb["year"].astype(int)
    keys = [k for k in catalogue.keys if k in kwb.columns]
    return kwb[["code", "level", "name", "year", *keys]]


def _names_from_history(
    kwb: pd.DataFrame, history: dict[int, gpd.GeoDataFrame]
) -> pd.DataFrame:
    """Names of old buurten (still named by their code) from their boundaries."""
    old = {
        code: name
        for frame in history.values()
        for code, name in zip(frame["buurtcode"], frame["name"], strict=True)
    }
    if not old or kwb.empty:
        return kwb
    unnamed = kwb["name"] == kwb["code"]
    kwb = kwb.copy()
    kwb.loc[unnamed, "name"] = (
        kwb.loc[unnamed, "code"].map(old).fillna(kwb.loc[unnamed, "code"])
    )
    return kwb


def combine_kwb(
    odata: pd.DataFrame, pdok: pd.DataFrame, catalogue: Catalogue, warnings: list[str]
) -> tuple[pd.DataFrame, list[str]]:
    """CBS OData rows, with indicators and regions it lacks filled from PDOK.

    Returns the combined frame and the keys of indicators taken from PDOK.
    """
    filled = [k for k in pdok.columns[3:] if k not in odata.columns]
    if filled:
        odata = odata.merge(pdok[["code", *filled]], on="code", how="left")
        warnings.append(
            f"Indicators not in CBS OData, taken from PDOK: {', '.join(filled)}."
        )
    extra = pdok[~pdok["code"].isin(odata["code"])]
    if not extra.empty:
        warnings.append(
            f"Regions not in CBS OData, figures from PDOK: {', '.join(extra['code'])}."
        )
        odata = pd.concat([odata, extra], ignore_index=True)
    keys = [k for k in catalogue.keys if k in odata.columns]
    return odata[["code", "level", "name", *keys]].reset_index(drop=True), filled
