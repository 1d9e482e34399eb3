"""The ``online`` source: PDOK OGC API Features and CBS OData v3.

Boundaries come from PDOK's CBS wijken en buurten API::

    {pdok_url}/wijken-en-buurten-{year}/ogc/v1/collections/{gemeenten|wijken|buurten}
        /items?f=json&limit=1000&gemeentecode=GM0214

GeoJSON in CRS84 (lon/lat, stored as EPSG:4326), at most 1,000 features a
page; the next page is the ``links`` entry with ``rel: next``. The features
carry the KWB figures as properties (catalogue field ``pdok``; missing values
-99995/-99997).

KWB figures come from CBS StatLine OData v3 when it answers, because that is
the table itself (one per year, see :data:`KWB_TABLES`)::

    {cbs_url}/ODataApi/odata/{table}/DataProperties            column keys
    {cbs_url}/ODataApi/odata/{table}/TypedDataSet?$filter=...  rows of one gemeente

Columns are matched by key stem (``AantalInwoners_5`` -> ``AantalInwoners``),
never by position; region keys are space-padded to 10 characters and stripped.
The ``ODataApi`` root answers HTTP 500 when a result would exceed 10,000 rows.
That is deterministic, so it is not retried: the same query goes once to the
``ODataFeed`` root, which pages with ``odata.nextLink``.

Which figures win:

- CBS OData reachable: its rows are the KWB frame. Indicators the table lacks
  are filled from PDOK properties by region code, and regions OData lacks are
  added from PDOK; both are listed in the provenance and the warnings.
- CBS unreachable (or no table known for the year): the PDOK properties are
  the KWB frame, with a warning. Percentages PDOK publishes for counts
  (``pdok_percentage_van``) are converted: ``pct / 100 * base`` (unrounded).

The provenance entry of the KWB figures says which in its ``kwb`` field
(``cbs-odata`` or ``pdok``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import geopandas as gpd
import httpx
import pandas as pd

from pipelines.catalogue import Catalogue
from pipelines.errors import SourceError, SourceUnavailableError
from pipelines.settings import Settings
from pipelines.sources.base import (
    ATTRIBUTION,
    LICENCE,
    CbsData,
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

KWB_TABLES: dict[int, str] = {2022: "85318NED", 2023: "85618NED", 2024: "85984NED"}
PDOK_PAGE_SIZE = 1000
ONLINE_HINT = (
    "Without internet, use --source snapshot (bundled CBS 2024 data), or set "
    "KERNENKAART_PDOK_URL / KERNENKAART_CBS_URL to a reachable mirror."
)

Progress = Callable[[str], None]


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

    def load(self, gemeentecode: str, year: int, catalogue: Catalogue) -> CbsData:
        """Fetch boundaries (EPSG:4326) and KWB rows of one gemeente for ``year``.

        Raises
        ------
        SourceUnavailableError
            PDOK cannot be reached (CBS OData unreachable only falls back).
        SourceError
            A service answered in an unexpected format, or lacks the gemeente.
        """
        check_gemeentecode(gemeentecode)
        policy = HttpPolicy.from_settings(self.settings)
        with HttpClient(policy, hint=ONLINE_HINT, transport=self.transport) as http:
            raws, provenance, warnings = self._pdok(http, gemeentecode, year)
            frames = {level: to_boundaries(raw, level) for level, raw in raws.items()}
            pdok_kwb = self._pdok_kwb(raws, catalogue, warnings)
            kwb, record = self._kwb(
                http, gemeentecode, year, catalogue, pdok_kwb, warnings
            )
        provenance.append(record)
        for message in warnings:
            logger.warning(message)
        return CbsData(
            buurten=frames["buurt"],
            wijken=frames["wijk"],
            gemeente=frames["gemeente"],
            kwb=kwb,
            year=year,
            provenance=provenance,
            warnings=warnings,
        )

    # PDOK -----------------------------------------------------------------

    def _pdok(
        self, http: HttpClient, gemeentecode: str, year: int
    ) -> tuple[dict[str, gpd.GeoDataFrame], list[dict], list[str]]:
        raws: dict[str, gpd.GeoDataFrame] = {}
        provenance: list[dict] = []
        warnings: list[str] = []
        for level, collection in LAYERS.items():
            url = (
                f"{self.settings.pdok_url.rstrip('/')}/wijken-en-buurten-{year}"
                f"/ogc/v1/collections/{collection}/items"
            )
            params = {
                "f": "json",
                "limit": PDOK_PAGE_SIZE,
                "gemeentecode": gemeentecode,
            }
            features, pages = self._pdok_features(http, url, params, collection, year)
            where = f"PDOK {collection} {year}"
            if not features:
                raise SourceError(
                    f"{full_url(url, params)} returned no {collection} "
                    f"for {gemeentecode}.",
                    hint="Check the gemeentecode and that it existed in that year.",
                )
            frame = gpd.GeoDataFrame.from_features(features, crs=4326)  # CRS84 lon/lat
            raw, problems = select_gemeente(
                frame, level, gemeentecode, where, ONLINE_HINT
            )
            warnings.extend(problems)
            if raw.empty:
                raise SourceError(f"{where} has no {collection} of {gemeentecode}.")
            raws[level] = raw
            provenance.append(
                _record(
                    f"CBS wijk- en buurtkaart {year}, {collection} "
                    "(PDOK OGC API Features)",
                    full_url(url, params),
                    year,
                    features=len(raw),
                    pages=pages,
                )
            )
        return raws, provenance, warnings

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

    # CBS OData ------------------------------------------------------------

    def _kwb(
        self,
        http: HttpClient,
        gemeentecode: str,
        year: int,
        catalogue: Catalogue,
        pdok_kwb: pd.DataFrame,
        warnings: list[str],
    ) -> tuple[pd.DataFrame, dict]:
        table = KWB_TABLES.get(year)
        names = dict(zip(pdok_kwb["code"], pdok_kwb["name"], strict=True))
        reason = f"no CBS KWB table is known for {year} (KWB_TABLES)"
        if table is not None:
            try:
                odata, location, root = self._odata(
                    http, table, gemeentecode, catalogue
                )
            except (SourceUnavailableError, HttpStatusError) as exc:
                reason = f"CBS OData {table} failed: {exc}"
            else:
                odata["name"] = odata["code"].map(names).fillna(odata["name"])
                kwb, filled = combine_kwb(odata, pdok_kwb, catalogue, warnings)
                dataset = (
                    f"Kerncijfers wijken en buurten {year} ({table}), CBS OData v3"
                )
                return kwb, _record(
                    dataset,
                    location,
                    year,
                    kwb="cbs-odata",
                    root=root,
                    from_pdok=filled,
                )
        warnings.append(f"KWB figures taken from PDOK properties: {reason}.")
        dataset = f"Kerncijfers wijken en buurten {year} (PDOK properties)"
        location = (
            f"{self.settings.pdok_url.rstrip('/')}/wijken-en-buurten-{year}/ogc/v1"
        )
        return pdok_kwb, _record(dataset, location, year, kwb="pdok", reason=reason)

    def _odata(
        self, http: HttpClient, table: str, gemeentecode: str, catalogue: Catalogue
    ) -> tuple[pd.DataFrame, str, str]:
        base = f"{self.settings.cbs_url.rstrip('/')}/ODataApi/odata/{table}"
        url = f"{base}/DataProperties"
        properties = [
            value
            for page in http.iter_pages(url, {"$format": "json"}, odata_next)
            for value in odata_values(page, url)
        ]
        keys = [
            str(p["Key"])
            for p in properties
            if p.get("Type") == "Topic" and p.get("Key")
        ]
        region = next(
            (str(p["Key"]) for p in properties if p.get("Type") == "GeoDetail"),
            "WijkenEnBuurten",
        )
        rename = map_cbs_keys(keys, catalogue, f"CBS {table} DataProperties")
        if not rename:
            raise SourceError(
                f"CBS {table} DataProperties has none of the catalogue's 'cbs' keys.",
                hint="Check the 'cbs' keys in geodata/indicators.toml.",
            )
        params = {
            "$format": "json",
            "$filter": odata_region_filter(region, gemeentecode),
            "$select": ",".join([region, *rename]),
        }
        rows, location, root = self._typed_rows(http, table, params)
        return (
            self._odata_frame(rows, region, rename, gemeentecode, location),
            location,
            root,
        )

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
        gemeentecode: str,
        where: str,
    ) -> pd.DataFrame:
        frame = pd.DataFrame(rows)
        if region not in frame.columns:
            raise SourceError(f"{where}: rows have no region key {region!r}.")
        frame["_code"] = frame[region].astype(str).str.strip()
        frame = frame[frame["_code"].str[2:6] == gemeentecode[2:]]
        if frame.empty:
            raise SourceError(f"{where} returned no rows for {gemeentecode}.")
        absent = [key for key in rename if key not in frame.columns]
        if absent:
            raise SourceError(f"{where}: rows lack the columns {', '.join(absent)}.")
        return normalise_kwb(frame, "_code", rename, None)


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
