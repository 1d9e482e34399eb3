"""`kernenkaart build --source online` end to end against a local PDOK/CBS server.

The addresses come from KERNENKAART_PDOK_URL / KERNENKAART_CBS_URL, as a
gemeente behind a proxy or mirror would set them.
"""

from __future__ import annotations

import json

import pytest
from pytest_httpserver import HTTPServer
from typer.testing import CliRunner
from werkzeug import Request, Response

from cli import app
from pipelines.store import read_layer, read_metadata
from tests import cbs_fixtures as fx
from tests.test_source_online import CBS_API, GM, serve_pdok, serve_properties

pytestmark = pytest.mark.network


def test_cli_online_build_aggregates_buurt_figures_to_kernen(
    httpserver: HTTPServer, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serve_pdok(httpserver)
    properties = serve_properties(httpserver)

    def typed(request: Request) -> Response:
        rows = fx.odata_rows(fx.figures(GM), properties)
        body = fx.odata_page(httpserver.url_for(CBS_API), "TypedDataSet", rows)
        return Response(json.dumps(body), content_type="application/json")

    httpserver.expect_request(f"{CBS_API}/TypedDataSet").respond_with_handler(typed)
    monkeypatch.setenv("KERNENKAART_PDOK_URL", httpserver.url_for("/pdok"))
    monkeypatch.setenv("KERNENKAART_CBS_URL", httpserver.url_for("/cbs"))
    monkeypatch.setenv("KERNENKAART_HTTP_BACKOFF", "0.001")
    out = tmp_path / "build"
    result = CliRunner().invoke(
        app,
        [
            "build",
            "--gemeente",
            "buren",
            "--source",
            "online",
            "--years",
            "2023-2024",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    # the year the local server does not serve is reported, 2024 still builds
    assert "2023" in result.output
    store = out / "buren-intern.gpkg"
    indicators = read_layer(store, "indicators")
    kern = indicators[
        (indicators.level == "kern") & (indicators.indicator == "aantal_inwoners")
    ]
    figures = fx.figures(GM).set_index("code")["aantal_inwoners"]
    # kern Asch = buurten BU02140003 + BU02140008, summed from the served figures
    expected = figures[["BU02140003", "BU02140008"]].sum(min_count=1)
    assert kern.set_index("code").loc["asch", "value"] == pytest.approx(expected)
    assert len(kern) == 16 and set(kern["year"]) == {2024}
    meta = read_metadata(store)
    assert meta["years"] == [2024] and "2023" in meta["years_unavailable"]
    # the figures are CBS OData's, not the PDOK fallback
    cbs = [s for s in meta["sources"] if "85984NED" in s.get("dataset", "")]
    assert cbs and cbs[0]["kwb"] == "cbs-odata"
    assert meta["source"] == "online"
    assert any(httpserver.url_for("/pdok") in s["location"] for s in meta["sources"])


def test_cli_online_offline_gives_a_clear_message(tmp_path, monkeypatch) -> None:
    from tests.test_source_online import closed_port_url

    monkeypatch.setenv("KERNENKAART_PDOK_URL", closed_port_url())
    monkeypatch.setenv("KERNENKAART_CBS_URL", closed_port_url())
    monkeypatch.setenv("KERNENKAART_HTTP_RETRIES", "1")
    monkeypatch.setenv("KERNENKAART_HTTP_BACKOFF", "0.001")
    result = CliRunner().invoke(
        app,
        ["build", "--gemeente", "buren", "--source", "online", "--out", str(tmp_path)],
    )
    assert result.exit_code == 1
    assert "--source snapshot" in result.output and "Traceback" not in result.output
    assert not list(tmp_path.glob("*.gpkg"))
