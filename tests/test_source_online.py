"""The online source against a local server answering in PDOK's and CBS's formats."""

from __future__ import annotations

import json
import socket
from dataclasses import replace

import numpy as np
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from pipelines.errors import SourceError, SourceUnavailableError
from pipelines.settings import Settings
from pipelines.sources.base import BUURT_COLUMNS, GEMEENTE_COLUMNS, WIJK_COLUMNS
from pipelines.sources.online import OnlineSource, odata_region_filter
from tests import cbs_fixtures as fx

pytestmark = pytest.mark.network

GM = "GM0214"
TABLE = "85984NED"
PDOK = "/pdok/wijken-en-buurten-2024/ogc/v1/collections"
CBS_API = f"/cbs/ODataApi/odata/{TABLE}"
CBS_FEED = f"/cbs/ODataFeed/odata/{TABLE}"
FIRST_PAGE = {"f": "json", "limit": "1000", "gemeentecode": GM}


def settings_for(server: HTTPServer, **overrides: object) -> Settings:
    values = {
        "pdok_url": server.url_for("/pdok"),
        "cbs_url": server.url_for("/cbs"),
        "http_timeout": 5.0,
        "http_retries": 3,
        "http_backoff": 0.001,
        **overrides,
    }
    return replace(Settings(), **values)


def serve_pdok(server: HTTPServer) -> None:
    """Gemeenten and wijken in one page, buurten in two (cursor-style next link)."""
    for level in ("gemeente", "wijk"):
        collection = fx.LAYER_FILES[level]
        server.expect_request(
            f"{PDOK}/{collection}/items", query_string=FIRST_PAGE
        ).respond_with_json(fx.pdok_page(fx.pdok_features(level, GM)))
    buurten = fx.pdok_features("buurt", GM)
    next_href = (
        server.url_for(f"{PDOK}/buurten/items")
        + f"?f=json&limit=1000&gemeentecode={GM}&cursor=Mj_20"
    )
    server.expect_request(
        f"{PDOK}/buurten/items", query_string=FIRST_PAGE
    ).respond_with_json(fx.pdok_page(buurten[:20], next_href))
    server.expect_request(
        f"{PDOK}/buurten/items", query_string={**FIRST_PAGE, "cursor": "Mj_20"}
    ).respond_with_json(fx.pdok_page(buurten[20:]))


def serve_properties(
    server: HTTPServer, shift: dict[str, str] | None = None
) -> list[dict]:
    properties = fx.data_properties(shift)
    server.expect_request(f"{CBS_API}/DataProperties").respond_with_json(
        fx.odata_page(server.url_for(CBS_API), "DataProperties", properties)
    )
    return properties


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


# Indicators read from the 2024 table (85984NED has no migratieachtergrond any more)
# and from PDOK properties; the computed aandelen are never read from a source.
NOT_IN_2024 = {"westerse_migratieachtergrond", "niet_westerse_migratieachtergrond"}
ODATA_KEYS = [k for k in fx.catalogue().read_keys if k not in NOT_IN_2024]
PDOK_KEYS = [i.key for i in fx.catalogue() if i.pdok and not i.derived]


def assert_kwb_matches(kwb, expected, keys) -> None:  # type: ignore[no-untyped-def]
    got = kwb.set_index("code").loc[expected["code"]]
    for key in keys:
        np.testing.assert_allclose(
            got[key].to_numpy(float),
            expected[key].to_numpy(float),
            rtol=1e-9,
            err_msg=key,
        )


def test_online_01_pdok_paging_and_cbs_odata(httpserver: HTTPServer) -> None:
    serve_pdok(httpserver)
    properties = serve_properties(httpserver)
    seen: list[dict] = []

    def typed(request: Request) -> Response:
        seen.append(dict(request.args))
        body = fx.odata_page(
            httpserver.url_for(CBS_API),
            "TypedDataSet",
            fx.odata_rows(fx.figures(GM), properties),
        )
        return Response(json.dumps(body), content_type="application/json")

    httpserver.expect_request(f"{CBS_API}/TypedDataSet").respond_with_handler(typed)
    messages: list[str] = []
    data = OnlineSource(settings_for(httpserver), progress=messages.append).load(
        GM, 2024, fx.catalogue(), years=[2024]
    )

    assert list(data.buurten.columns) == BUURT_COLUMNS
    assert list(data.wijken.columns) == WIJK_COLUMNS
    assert list(data.gemeente.columns) == GEMEENTE_COLUMNS
    assert len(data.buurten) == 39  # 20 + 19 over the page boundary
    assert data.buurten["buurtcode"].is_unique
    assert data.buurten.crs.to_epsg() == 4326
    assert set(data.buurten["wijkcode"]) == set(data.wijken["wijkcode"])
    assert data.gemeente.loc[0, "name"] == "Buren"
    assert any("page 2" in m for m in messages)
    # The OData query is per gemeente, on the padded region key.
    assert seen[0]["$filter"] == odata_region_filter("WijkenEnBuurten", GM)
    assert "startswith(WijkenEnBuurten,'BU0214')" in seen[0]["$filter"]
    # Figures come from OData; keys are stripped of their padding.
    kwb = data.kwb.set_index("code")
    assert kwb.loc["GM0214", "aantal_inwoners"] == 27773
    assert kwb.loc["WK021401", "aantal_inwoners"] == 4015
    assert kwb.loc["WK021401", "level"] == "wijk"
    assert kwb.loc["BU02140001", "name"] == "Buren Appelenboomgaard"
    assert np.isnan(kwb.loc["BU02140000", "aantal_inwoners"])  # null in OData
    expected = fx.figures(GM)
    assert_kwb_matches(data.kwb, expected, ODATA_KEYS)
    assert not NOT_IN_2024 & set(data.kwb.columns)
    assert (data.kwb["year"] == 2024).all()
    record = data.provenance[-1]
    assert record["kwb"] == "cbs-odata" and record["root"] == "ODataApi"
    assert (
        record["licence"] == "CC BY 4.0"
        and record["attribution"] == "Bron: CBS, Kadaster"
    )
    assert TABLE in record["dataset"]
    assert [p["pages"] for p in data.provenance[:3]] == [
        2,
        1,
        1,
    ]  # buurten, wijken, gemeenten
    assert [p["features"] for p in data.provenance[:3]] == [39, 7, 1]


def test_online_02_retries_a_503_then_succeeds(httpserver: HTTPServer) -> None:
    httpserver.expect_oneshot_request(f"{PDOK}/gemeenten/items").respond_with_data(
        "busy", status=503
    )
    serve_pdok(httpserver)
    properties = serve_properties(httpserver)
    httpserver.expect_request(f"{CBS_API}/TypedDataSet").respond_with_json(
        fx.odata_page(
            httpserver.url_for(CBS_API),
            "TypedDataSet",
            fx.odata_rows(fx.figures(GM), properties),
        )
    )
    data = OnlineSource(settings_for(httpserver)).load(
        GM, 2024, fx.catalogue(), years=[2024]
    )
    gemeente_calls = [
        r for r, _ in httpserver.log if r.path.endswith("/gemeenten/items")
    ]
    assert len(gemeente_calls) == 2
    assert data.gemeente.loc[0, "gemeentecode"] == GM


def test_online_03_persistent_503_is_unavailable(httpserver: HTTPServer) -> None:
    httpserver.expect_request(f"{PDOK}/buurten/items").respond_with_data(
        "busy", status=503
    )
    with pytest.raises(SourceUnavailableError) as info:
        OnlineSource(settings_for(httpserver, http_retries=2)).load(
            GM, 2024, fx.catalogue(), years=[2024]
        )
    assert "HTTP 503" in str(info.value) and "3 attempt" in str(info.value)
    assert len(httpserver.log) == 3


def test_online_04_unreachable_server_names_url_and_way_out() -> None:
    url = closed_port_url()
    settings = replace(
        Settings(),
        pdok_url=url,
        cbs_url=url,
        http_retries=1,
        http_backoff=0.001,
        http_timeout=2.0,
    )
    with pytest.raises(SourceUnavailableError) as info:
        OnlineSource(settings).load(GM, 2024, fx.catalogue(), years=[2024])
    message = str(info.value)
    assert f"{url}/wijken-en-buurten-2024/ogc/v1/collections/buurten/items" in message
    assert "--source snapshot" in message
    assert "KERNENKAART_PDOK_URL" in message and "KERNENKAART_CBS_URL" in message


def test_online_05_suffix_shift_still_maps_by_key(httpserver: HTTPServer) -> None:
    serve_pdok(httpserver)
    # Shift suffixes and swap two, so mapping by position would go wrong.
    shift = {
        "AantalInwoners_5": "AantalInwoners_6",
        "Mannen_6": "Mannen_5",
        "Koopwoningen_47": "Koopwoningen_48",
    }
    properties = serve_properties(httpserver, shift)
    rows = fx.odata_rows(fx.figures(GM), properties)
    assert "AantalInwoners_6" in rows[0] and "AantalInwoners_5" not in rows[0]
    httpserver.expect_request(f"{CBS_API}/TypedDataSet").respond_with_json(
        fx.odata_page(httpserver.url_for(CBS_API), "TypedDataSet", rows)
    )
    data = OnlineSource(settings_for(httpserver)).load(
        GM, 2024, fx.catalogue(), years=[2024]
    )
    kwb = data.kwb.set_index("code")
    assert kwb.loc["GM0214", "aantal_inwoners"] == 27773
    assert kwb.loc["GM0214", "mannen"] == 13953
    assert kwb.loc["BU02140003", "percentage_koopwoningen"] == 70.0


def test_online_06_odataapi_500_goes_once_to_paged_odatafeed(
    httpserver: HTTPServer,
) -> None:
    serve_pdok(httpserver)
    properties = serve_properties(httpserver)
    httpserver.expect_request(f"{CBS_API}/TypedDataSet").respond_with_data(
        "Er is een fout opgetreden: meer dan 10000 records.", status=500
    )
    rows = fx.odata_rows(fx.figures(GM), properties)
    feed = httpserver.url_for(CBS_FEED)

    def paged(request: Request) -> Response:
        token = request.args.get("$skiptoken")
        if token is None:
            link = f"{feed}/TypedDataSet?$format=json&$skiptoken=Id%2030"
            body = fx.odata_page(feed, "TypedDataSet", rows[:30], link)
        else:
            assert token == "Id 30"
            body = fx.odata_page(feed, "TypedDataSet", rows[30:])
        return Response(json.dumps(body), content_type="application/json")

    httpserver.expect_request(f"{CBS_FEED}/TypedDataSet").respond_with_handler(paged)
    data = OnlineSource(settings_for(httpserver)).load(
        GM, 2024, fx.catalogue(), years=[2024]
    )
    api_calls = [r for r, _ in httpserver.log if r.path == f"{CBS_API}/TypedDataSet"]
    feed_calls = [r for r, _ in httpserver.log if r.path == f"{CBS_FEED}/TypedDataSet"]
    assert len(api_calls) == 1  # deterministic: not retried
    assert len(feed_calls) == 2  # followed odata.nextLink
    assert len(data.kwb) == len(rows) == 1 + 7 + 39
    assert data.provenance[-1]["root"] == "ODataFeed"
    assert_kwb_matches(data.kwb, fx.figures(GM), ODATA_KEYS)


def test_online_07_cbs_unreachable_falls_back_to_pdok_figures(
    httpserver: HTTPServer,
) -> None:
    serve_pdok(httpserver)
    data = OnlineSource(
        settings_for(httpserver, cbs_url=closed_port_url(), http_retries=0)
    ).load(GM, 2024, fx.catalogue(), years=[2024])
    kwb = data.kwb.set_index("code")
    assert data.provenance[-1]["kwb"] == "pdok"
    assert any("PDOK properties" in w for w in data.warnings)
    assert np.isnan(kwb.loc["BU02140000", "aantal_inwoners"])  # -99997 in PDOK
    assert kwb.loc["WK021401", "aantal_inwoners"] == 4015
    assert np.isnan(kwb.loc["WK021401", "gemiddelde_woz"])  # -99997 in PDOK
    # PDOK publishes % 65+, we store a count: 25 % of 60 inwoners = 15.
    assert kwb.loc["BU02140001", "inwoners_65_plus"] == pytest.approx(15.0)
    assert_kwb_matches(data.kwb, fx.figures(GM), PDOK_KEYS)
    assert data.unavailable == {}  # the indeling year has its PDOK figures
    assert {k["table"] for k in data.source_keys} == {"PDOK wijken-en-buurten-2024"}


def test_online_08_unknown_gemeente_is_a_clear_error(httpserver: HTTPServer) -> None:
    httpserver.expect_request(f"{PDOK}/buurten/items").respond_with_json(
        fx.pdok_page([])
    )
    with pytest.raises(SourceError, match="returned no buurten for GM9999"):
        OnlineSource(settings_for(httpserver)).load("GM9999", 2024, fx.catalogue())
    with pytest.raises(SourceError, match="not a CBS gemeentecode"):
        OnlineSource(settings_for(httpserver)).load("0214", 2024, fx.catalogue())
