"""The online source over several KWB years, against a local PDOK/CBS stand-in.

The stand-in answers in the services' formats: OGC API Features pages, CBS
OData v3 JSON (``odata.nextLink``), CBS's 404 for an unknown table, and PDOK's
WFS GeoJSON in RD New. The 2017 figures and buurtkaart are the real extracts of
Buren and of West Betuwe's predecessors (Geldermalsen, Lingewaal, Neerijnen).
"""

from __future__ import annotations

import json
import re
from dataclasses import replace

import httpx
import numpy as np
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from pipelines.catalogue import Catalogue
from pipelines.errors import SourceError
from pipelines.sources import online
from pipelines.sources.online import KWB_TABLES, OnlineSource, odata_region_filter
from tests import cbs_fixtures as fx
from tests.test_source_online import (
    ODATA_KEYS,
    assert_kwb_matches,
    closed_port_url,
    serve_pdok,
    serve_properties,
    settings_for,
)

pytestmark = pytest.mark.network

GM = "GM0214"
WEST_BETUWE = "GM1960"
PREDECESSORS = ["GM0236", "GM0733", "GM0304"]  # Geldermalsen, Lingewaal, Neerijnen
API = "/cbs/ODataApi/odata"
API_2024 = f"{API}/85984NED"
API_2017 = f"{API}/83765NED"
WFS_2017 = "/pdok/wijkenbuurten/2017/wfs/v1_0"
KEYS_2017 = list(fx.KWB_2017_KEYS.values())
# The real 83765NED and 85984NED both say AantalInwoners_5; shift it in 2017 so
# that a key taken from one year's table cannot pass for the other's.
SHIFT_2017 = {"AantalInwoners_5": "AantalInwoners_7"}


def json_response(body: object, status: int = 200) -> Response:
    return Response(json.dumps(body), status=status, content_type="application/json")


def serve_pdok_one_page(server: HTTPServer, gemeentecode: str) -> None:
    """The indeling year's three collections of ``gemeentecode``, one page each."""
    for level, collection in fx.LAYER_FILES.items():
        server.expect_request(
            f"/pdok/wijken-en-buurten-2024/ogc/v1/collections/{collection}/items",
            query_string={"f": "json", "limit": "1000", "gemeentecode": gemeentecode},
        ).respond_with_json(fx.pdok_page(fx.pdok_features(level, gemeentecode)))


def serve_2024(server: HTTPServer, gemeentecode: str, name: str) -> list[dict]:
    """85984NED with the real DataProperties; returns the $filter of each query."""
    properties = serve_properties(server)
    rows = fx.odata_rows(fx.figures(gemeentecode), properties, name)
    seen: list[dict] = []

    def typed(request: Request) -> Response:
        seen.append(dict(request.args))
        url = server.url_for(API_2024)
        return json_response(fx.odata_page(url, "TypedDataSet", rows))

    server.expect_request(f"{API_2024}/TypedDataSet").respond_with_handler(typed)
    return seen


def serve_2017(
    server: HTTPServer, codes: tuple[str, ...], page_size: int = 10_000
) -> list[dict]:
    """83765NED: the 2017 layout, rows of ``codes`` paged by ``page_size``."""
    properties = fx.data_properties_2017(SHIFT_2017)
    server.expect_request(f"{API_2017}/DataProperties").respond_with_json(
        fx.odata_page(server.url_for(API_2017), "DataProperties", properties)
    )
    rows = fx.typed_rows_2017(codes, SHIFT_2017)
    seen: list[dict] = []

    def typed(request: Request) -> Response:
        seen.append(dict(request.args))
        start = int(request.args.get("$skiptoken", "0"))
        url = server.url_for(f"{API_2017}/TypedDataSet")
        more = start + page_size < len(rows)
        link = f"{url}?$format=json&$skiptoken={start + page_size}" if more else None
        page = rows[start : start + page_size]
        base = server.url_for(API_2017)
        return json_response(fx.odata_page(base, "TypedDataSet", page, link))

    server.expect_request(f"{API_2017}/TypedDataSet").respond_with_handler(typed)
    return seen


def serve_unknown_tables(server: HTTPServer) -> None:
    """Every other table answers 404, as CBS does for a table it does not have."""
    server.expect_request(re.compile(rf"{API}/\w+/DataProperties")).respond_with_data(
        "<h1>404 - Resource niet gevonden</h1>", status=404
    )


def serve_wfs_2017(server: HTTPServer) -> list[dict]:
    """PDOK's WFS of 2017: GeoJSON in RD New, filtered by gemeentecode, paged."""
    seen: list[dict] = []

    def get_feature(request: Request) -> Response:
        args = dict(request.args)
        seen.append(args)
        code = re.search(r"<Literal>(GM\d{4})</Literal>", args["filter"]).group(1)
        collection = fx.wfs_buurten_2017(code)
        start, count = int(args.get("startIndex", 0)), int(args["count"])
        collection["features"] = collection["features"][start : start + count]
        return json_response(collection)

    server.expect_request(WFS_2017).respond_with_handler(get_feature)
    return seen


def by_year(data, year: int):  # type: ignore[no-untyped-def]
    return data.kwb[data.kwb["year"] == year]


def keys_of(data, indicator: str) -> dict[int, str]:  # type: ignore[no-untyped-def]
    return {
        k["year"]: k["key"] for k in data.source_keys if k["indicator"] == indicator
    }


def test_years_01_keys_differ_per_year_paging_and_404(httpserver: HTTPServer) -> None:
    serve_pdok(httpserver)
    serve_2024(httpserver, GM, "Buren")
    seen_2017 = serve_2017(httpserver, (GM,), page_size=20)
    serve_unknown_tables(httpserver)

    data = OnlineSource(settings_for(httpserver)).load(GM, 2024, fx.catalogue())

    assert data.years == [2017, 2024]
    assert len(seen_2017) == 3  # 1 + 7 + 39 rows in pages of 20, odata.nextLink
    assert_kwb_matches(by_year(data, 2017), fx.figures_2017(GM), KEYS_2017)
    assert_kwb_matches(by_year(data, 2024), fx.figures(GM), ODATA_KEYS)
    kwb_2017 = by_year(data, 2017).set_index("code")
    assert kwb_2017.loc["GM0214", "aantal_inwoners"] == 26348
    assert kwb_2017.loc["BU02140001", "gemiddelde_woz"] == 227
    assert kwb_2017.loc["BU02140001", "name"] == "Buren Appelenboomgaard"
    assert by_year(data, 2024).set_index("code").loc["GM0214", "aantal_inwoners"] == (
        27773
    )
    # The same variable under different CBS keys, recorded per year and table.
    assert keys_of(data, "gemiddelde_woz") == {
        2017: "GemiddeldeWoningwaarde_35",
        2024: "GemiddeldeWOZWaardeVanWoningen_39",
    }
    assert keys_of(data, "aantal_inwoners") == {
        2017: "AantalInwoners_7",
        2024: "AantalInwoners_5",
    }
    assert {(k["year"], k["table"]) for k in data.source_keys} == {
        (2017, "83765NED"),
        (2024, "85984NED"),
    }
    assert not any(k["indicator"].startswith("aandeel") for k in data.source_keys)
    # Every other known table answered 404: reported, with a warning each.
    assert set(data.unavailable) == set(KWB_TABLES) - {2017, 2024}
    assert "84583NED" in data.unavailable[2019] and "404" in data.unavailable[2019]
    assert any(w.startswith("KWB 2019 not loaded") for w in data.warnings)
    assert data.history == {}  # Buren kept its buurtcodes since 2017
    assert [p["year"] for p in data.provenance if "kwb" in p] == [2017, 2024]


def test_years_02_reused_stem_resolved_by_cbs_groep(httpserver: HTTPServer) -> None:
    serve_pdok(httpserver)
    properties = serve_properties(httpserver)
    figs = fx.figures(GM)
    figs["herkomst_nederland"] = (0.8 * figs["aantal_inwoners"]).round()
    figs["herkomst_europa"] = (0.1 * figs["aantal_inwoners"]).round()
    rows = fx.odata_rows(figs, properties)
    assert rows[0]["Nederland_20"] == rows[0]["Nederland_17"] + fx.DECOY
    seen: list[dict] = []

    def typed(request: Request) -> Response:
        seen.append(dict(request.args))
        return json_response(fx.odata_page("x", "TypedDataSet", rows))

    httpserver.expect_request(f"{API_2024}/TypedDataSet").respond_with_handler(typed)

    data = OnlineSource(settings_for(httpserver)).load(
        GM, 2024, fx.catalogue(), years=[2024]
    )

    assert_kwb_matches(data.kwb, figs, ["herkomst_nederland", "herkomst_europa"])
    assert keys_of(data, "herkomst_nederland") == {2024: "Nederland_17"}
    assert keys_of(data, "herkomst_europa") == {2024: "EuropaExclusiefNederland_18"}
    selected = seen[0]["$select"].split(",")
    assert "Nederland_17" in selected and "Nederland_20" not in selected
    # Without the group the stem is ambiguous: a catalogue error, not a lost year.
    cat = fx.catalogue()
    unsure = replace(cat.get("herkomst_nederland"), cbs_groep=None)
    broken = Catalogue(tuple(unsure if i.key == unsure.key else i for i in cat))
    with pytest.raises(SourceError, match="Nederland_17, Nederland_20"):
        OnlineSource(settings_for(httpserver)).load(GM, 2024, broken, years=[2024])


def test_years_03_history_codes_and_wfs_buurtkaart(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(online, "WFS_PAGE_SIZE", 20)  # Geldermalsen: 33 = 20 + 13
    serve_pdok_one_page(httpserver, WEST_BETUWE)
    seen_2024 = serve_2024(httpserver, WEST_BETUWE, "West Betuwe")
    seen_2017 = serve_2017(httpserver, tuple(PREDECESSORS))
    seen_wfs = serve_wfs_2017(httpserver)

    data = OnlineSource(settings_for(httpserver)).load(
        WEST_BETUWE,
        2024,
        fx.catalogue(),
        years=[2017, 2024],
        history_codes={2017: PREDECESSORS, 2018: PREDECESSORS},
    )

    # 2017 is read for the predecessors, 2024 for West Betuwe itself.
    assert seen_2017[0]["$filter"] == " or ".join(
        odata_region_filter("WijkenEnBuurten", gm) for gm in PREDECESSORS
    )
    assert "1960" not in seen_2017[0]["$filter"]
    assert seen_2024[0]["$filter"] == odata_region_filter("WijkenEnBuurten", "GM1960")
    expected = fx.figures_2017(*PREDECESSORS)
    assert len(by_year(data, 2017)) == len(expected) == 3 + 12 + 66
    assert_kwb_matches(by_year(data, 2017), expected, KEYS_2017)
    # Their buurtcodes are not today's: the 2017 buurtkaart comes from the WFS.
    old = data.history[2017]
    assert list(old.columns) == ["buurtcode", "name", "geometry"]
    assert old.crs.to_epsg() == 4326
    buurten_2017 = set(expected.loc[expected["level"] == "buurt", "code"])
    assert set(old["buurtcode"]) == buurten_2017 and old["buurtcode"].is_unique
    west, south, east, north = old.total_bounds  # RD New became lon/lat
    assert 4.9 < west < east < 5.5 and 51.7 < south < north < 52.0
    assert by_year(data, 2017).set_index("code").loc["BU02360000", "name"] == (
        "Geldermalsen Centrum"
    )
    # One query per predecessor, paged by startIndex (33 and 21 buurten > 20).
    asked = [(re.search(r"GM\d{4}", a["filter"])[0], a["startIndex"]) for a in seen_wfs]
    assert asked == [
        ("GM0236", "0"),
        ("GM0236", "20"),
        ("GM0733", "0"),
        ("GM0304", "0"),
        ("GM0304", "20"),
    ]
    assert {a["typeNames"] for a in seen_wfs} == {"wijkenbuurten:buurten"}
    assert {a["srsName"] for a in seen_wfs} == {"EPSG:28992"}
    assert {a["outputFormat"] for a in seen_wfs} == {"application/json"}
    assert 2024 not in data.history
    assert any("PDOK WFS" in p["dataset"] for p in data.provenance)
    assert not any("Buurt boundaries" in w for w in data.warnings)


def test_years_04_missing_buurtkaart_is_a_warning(httpserver: HTTPServer) -> None:
    serve_pdok_one_page(httpserver, WEST_BETUWE)
    serve_2017(httpserver, tuple(PREDECESSORS))
    httpserver.expect_request(WFS_2017).respond_with_data("Not Found", status=404)

    data = OnlineSource(settings_for(httpserver)).load(
        WEST_BETUWE,
        2024,
        fx.catalogue(),
        years=[2017],
        history_codes={2017: PREDECESSORS},
    )

    assert data.years == [2017] and data.history == {}
    assert any(
        w.startswith("Buurt boundaries of 2017 could not be fetched") and "404" in w
        for w in data.warnings
    )
    assert len(data.buurten) == 66  # the indeling year's boundaries still load


class RefuseTable(httpx.BaseTransport):
    """Connection refused for one CBS table; every other request goes through."""

    def __init__(self, table: str) -> None:
        self.table = table
        self.inner = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.table in request.url.path:
            raise httpx.ConnectError("[Errno 111] Connection refused", request=request)
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


def test_years_05_offline_extra_year_is_unavailable(httpserver: HTTPServer) -> None:
    serve_pdok(httpserver)
    serve_2024(httpserver, GM, "Buren")
    settings = settings_for(httpserver, http_retries=1)

    data = OnlineSource(settings, transport=RefuseTable("85618NED")).load(
        GM, 2024, fx.catalogue(), years=[2023, 2024]
    )

    assert data.years == [2024]
    assert "Cannot reach" in data.unavailable[2023]
    assert "Connection refused" in data.unavailable[2023]
    assert any(w.startswith("KWB 2023 not loaded") for w in data.warnings)
    assert_kwb_matches(data.kwb, fx.figures(GM), ODATA_KEYS)
    assert [p["kwb"] for p in data.provenance if "kwb" in p] == ["cbs-odata"]


def test_years_06_cbs_offline_indeling_year_from_pdok(httpserver: HTTPServer) -> None:
    serve_pdok(httpserver)
    settings = settings_for(httpserver, cbs_url=closed_port_url(), http_retries=0)

    data = OnlineSource(settings).load(GM, 2024, fx.catalogue(), years=[2023, 2024])

    assert data.years == [2024] and list(data.unavailable) == [2023]
    assert "ConnectError" in data.unavailable[2023]
    assert data.provenance[-1]["kwb"] == "pdok"
    assert np.isclose(
        data.kwb.set_index("code").loc["WK021401", "aantal_inwoners"], 4015
    )
    # Without the indeling year there is no PDOK fallback: nothing loads, say so.
    with pytest.raises(SourceError, match="No KWB year could be loaded") as info:
        OnlineSource(settings).load(GM, 2024, fx.catalogue(), years=[2017, 2023])
    assert "2017: CBS OData 83765NED failed" in str(info.value)


def test_years_07_recoded_buurt_2023_from_ogc_api(httpserver: HTTPServer) -> None:
    # A 2023 table in which one buurt still had an older code (real 2023 layout
    # stand-in: the 85984NED DataProperties); its boundaries come from PDOK's
    # wijken-en-buurten-2023 OGC API, like the indeling year's.
    serve_pdok(httpserver)
    api_2023 = f"{API}/85618NED"
    properties = fx.data_properties()
    httpserver.expect_request(f"{api_2023}/DataProperties").respond_with_json(
        fx.odata_page(httpserver.url_for(api_2023), "DataProperties", properties)
    )
    figs = fx.figures(GM).replace({"code": {"BU02140001": "BU02140019"}})
    rows = fx.odata_rows(figs, properties)
    httpserver.expect_request(f"{api_2023}/TypedDataSet").respond_with_json(
        fx.odata_page(httpserver.url_for(api_2023), "TypedDataSet", rows)
    )
    features = fx.pdok_features("buurt", GM)
    for feature in features:
        if feature["properties"]["buurtcode"] == "BU02140001":
            feature["properties"]["buurtcode"] = "BU02140019"
            feature["properties"]["buurtnaam"] = "Buren Appelenboomgaard (oud)"
    httpserver.expect_request(
        "/pdok/wijken-en-buurten-2023/ogc/v1/collections/buurten/items",
        query_string={"f": "json", "limit": "1000", "gemeentecode": GM},
    ).respond_with_json(fx.pdok_page(features))

    data = OnlineSource(settings_for(httpserver)).load(
        GM, 2024, fx.catalogue(), years=[2023]
    )

    old = data.history[2023]
    assert old.crs.to_epsg() == 4326 and len(old) == 39
    assert "BU02140019" in set(old["buurtcode"])
    kwb = data.kwb.set_index("code")
    assert kwb.loc["BU02140019", "name"] == "Buren Appelenboomgaard (oud)"
    assert kwb.loc["BU02140019", "aantal_inwoners"] == 60  # figures(): 50 + 10 * 1
    assert kwb.loc["BU02140002", "name"] == "Buren Tielseweg"  # today's name
    assert any("OGC API" in p["dataset"] and p["year"] == 2023 for p in data.provenance)
