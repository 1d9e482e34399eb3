"""create_app with the Flask test client: headers, compression, routes, callbacks."""

from __future__ import annotations

from contextvars import copy_context
from pathlib import Path

import pytest
from dash._callback_context import context_value
from dash._utils import AttributeDict

from pipelines.build import build_gemeente
from pipelines.gemeente import resolve_gemeenten
from pipelines.settings import load_settings


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory):
    from app import create_app

    build_dir = tmp_path_factory.mktemp("app-stores")
    settings = load_settings(build_dir=build_dir)
    config = resolve_gemeenten(settings.gemeenten_dir, "buren")[0]
    build_gemeente(settings, config, "snapshot")
    return create_app(settings)


@pytest.fixture
def client(app):
    return app.server.test_client()


def run_callback(app, func, *args, triggered: list[str] | None = None):
    """Call an undecorated callback inside a Dash callback context."""

    def call():
        context_value.set(
            AttributeDict(
                triggered_inputs=[{"prop_id": p, "value": 1} for p in triggered or []]
            )
        )
        with app.server.test_request_context("/_dash-update-component", method="POST"):
            return func(*args)

    return copy_context().run(call)


def test_index_has_security_headers_and_lang(client) -> None:
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self' 'sha256-" in csp
    assert "worker-src 'self' blob:" in csp
    assert "frame-ancestors 'self'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert "geolocation=()" in response.headers["Permissions-Policy"]
    assert b'<html lang="nl">' in response.data
    # callback answers: nosniff, not the document policies (bytes on every switch)
    layout = client.get("/_dash-layout")
    assert layout.headers["X-Content-Type-Options"] == "nosniff"
    assert "X-Frame-Options" not in layout.headers
    assert "Content-Security-Policy" not in layout.headers


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/", 200),
        ("/?gemeente=buren&overlay=indicator", 200),
        ("/kern/maurik", 200),
        ("/kern/maurik/?gemeente=buren", 200),
        ("/over", 200),
        ("/monitor?gemeente=buren", 200),
        ("/gebied", 200),
        ("/vergelijk?gemeente=buren&kernen=asch,maurik", 200),
        ("/toegankelijkheid", 200),
        ("/kern/atlantis", 404),
        ("/gebied/atlantis", 404),
        ("/kaart", 404),
        ("/robots.txt", 404),
    ],
)
def test_unknown_pages_answer_404_with_the_page(client, path: str, status: int) -> None:
    response = client.get(path)
    assert response.status_code == status
    # the page all the same: it says what was not found (tests/browser)
    assert b'<html lang="nl">' in response.data
    assert "Content-Security-Policy" in response.headers


def test_page_loads_what_the_map_needs_early_and_nothing_unused(client) -> None:
    import re

    from app import MAPLIBRE_JS, MAPLIBRE_WORKER, PLOTLY_JS

    page = client.get("/").get_data(as_text=True)
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', page)
    # MapLibre and plotly.js are plain scripts before Dash's (no lazy load
    # after the layout), MapLibre first: plotly.js takes it from window
    assert scripts[0].startswith("/assets/vendor/maplibre-gl.min.js?v=")
    assert "/plotly/package_data/plotly.min.js?v=" in scripts[1]
    renderer = next(i for i, s in enumerate(scripts) if "dash_renderer" in s)
    assert renderer > 1
    # unused scripts are left out; the layout and callbacks are preloaded
    assert not [s for s in scripts if "polyfill" in s or "dash_table" in s]
    assert not [s for s in scripts if "/vendor/" in s and "maplibre-gl.min" not in s]
    assert '<link rel="preload" href="/_dash-layout" as="fetch" crossorigin>' in page
    assert 'href="/_dash-dependencies" as="fetch"' in page
    # both built scripts, behind V8's hint to compile them while they stream in
    hint = b"//# allFunctionsCalledOnLoad\n"
    for url, built in zip(scripts[:2], (MAPLIBRE_JS, PLOTLY_JS), strict=True):
        response = client.get(url)
        assert response.status_code == 200
        assert "max-age=31536000" in response.headers["Cache-Control"]
        assert response.get_data() == hint + built.read_bytes()
    # MapLibre's worker: its versioned URL on the script tag, cached for a year
    worker = re.search(r'data-worker="([^"]+)"', page).group(1)
    assert worker.startswith("/assets/vendor/maplibre-gl-worker.min.js?m=")
    response = client.get(worker)
    assert response.status_code == 200
    assert "max-age=31536000" in response.headers["Cache-Control"]
    assert response.get_data() == MAPLIBRE_WORKER.read_bytes()
    # the app's own assets are versioned too (Flask would send them "no-cache")
    css = re.search(r'href="(/assets/kernenkaart.css\?m=[^"]+)"', page).group(1)
    assert "max-age=31536000" in client.get(css).headers["Cache-Control"]
    assert (
        "max-age=3600" in client.get("/assets/kernenkaart.css").headers["Cache-Control"]
    )


def test_responses_are_compressed_with_brotli(client) -> None:
    response = client.get("/_dash-layout", headers={"Accept-Encoding": "br, gzip"})
    assert response.headers.get("Content-Encoding") in {"br", None}
    big = client.get(
        "/_dash-component-suites/dash/dcc/dash_core_components.js",
        headers={"Accept-Encoding": "br, gzip"},
    )
    assert big.headers["Content-Encoding"] == "br"


def test_geojson_route_is_cached_when_versioned(app, client) -> None:
    repo = app.server.extensions["kernenkaart"]["repo"]
    version = repo.get("buren").version
    response = client.get(f"/geo/buren/kernen.json?v={version}")
    assert response.status_code == 200
    assert "immutable" in response.headers["Cache-Control"]
    assert b'"kern_slug":"asch"' in response.get_data() or response.headers.get(
        "Content-Encoding"
    )
    assert client.get("/geo/buren/kernen.json").headers["Cache-Control"] == "no-cache"
    assert client.get("/geo/nergens/kernen.json").status_code == 404
    assert client.get("/geo/buren/geheim.json").status_code == 404


def test_router_renders_kaart_with_kern_level_legend(app) -> None:
    from callbacks.router import route

    page, nav, banner, _foot, rendered = run_callback(
        app,
        route,
        "/",
        "?gemeente=buren&overlay=indicator",
        {},
        triggered=["url.pathname"],
    )
    text = str(page)
    assert "Kernenkaart Buren" in text
    # Buren's buurt figures give kern figures for the latest year
    assert "Cijfers per kern, 2024. Bron: CBS, Kerncijfers wijken en buurten." in text
    assert "Cijfers per wijk" not in text
    assert "'cbsjaar': '2024'" in text  # the year is in the state (and the URL)
    assert rendered["gemeente"] == "buren"
    # no voorbeelddata in a CBS-only store; an intern server without login
    # says so (access/, tests/test_access_*.py)
    assert "Voorbeelddata" not in str(banner)
    assert "Geen login" in str(banner)


def test_router_renders_kaart_wijk_legend_for_a_year_without_buurten(app) -> None:
    from callbacks.router import route

    # Buren's bevolkingsdichtheid of 2017: wijk figures only, shown per wijk
    page, *_ = run_callback(
        app,
        route,
        "/",
        "?gemeente=buren&overlay=indicator&indicator=bevolkingsdichtheid&cbsjaar=2017",
        {},
        triggered=["url.pathname"],
    )
    text = str(page)
    assert "Cijfers per wijk: voor 2017 zijn er" in text
    assert "Kernen in deze wijk" in text  # the table lists wijken
    assert "2017 (alleen per wijk)" in text  # the year choice says so


def test_router_renders_the_change_view(app) -> None:
    from callbacks.router import route

    page, *_ = run_callback(
        app,
        route,
        "/",
        "?gemeente=buren&overlay=indicator&indicator=aantal_inwoners"
        "&weergave=verandering&sinds=2017",
        {},
        triggered=["url.pathname"],
    )
    text = str(page)
    assert "Verandering 2017-2024, per kern." in text
    assert "(vrijwel) geen verandering" in text
    assert "Niet gevonden" not in text


def test_router_says_which_values_of_a_link_it_could_not_use(app) -> None:
    from callbacks.router import route

    def kaart(search: str) -> str:
        page, *_ = run_callback(app, route, "/", search, {}, triggered=["url.pathname"])
        return str(page)

    text = kaart("?gemeente=onbekend&overlay=indicator&jaar=1999&kern=nergens")
    assert "Kernenkaart Buren" in text  # the one gemeente there is
    assert (
        "Niet gevonden in deze kernenkaart, en daarom niet toegepast: "
        "gemeente 'onbekend', jaar '1999', kern 'nergens'." in text
    )
    assert "Niet gevonden" not in kaart("?gemeente=buren&overlay=indicator")


def test_router_skips_when_the_kaart_wrote_the_query(app) -> None:
    from dash.exceptions import PreventUpdate

    from callbacks.router import route

    rendered = {"path": "/", "gemeente": "buren", "search": "?gemeente=buren&kern=asch"}
    with pytest.raises(PreventUpdate):
        run_callback(
            app,
            route,
            "/",
            "?gemeente=buren&kern=asch",
            rendered,
            triggered=["url.search"],
        )


# A normalised Kaart state of Buren (callbacks/state.py KEYS but presentatie)
KAART_STATE = {
    "gemeente": "buren",
    "overlay": "indicator",
    "indicator": "aantal_inwoners",
    "jaar": "alle",
    "thema": "alle",
    "eigenaar": "alle",
    "regeling": "alle",
    "cbsjaar": "2024",
    "weergave": "waarde",
    "sinds": "",
    "kern": None,
    "achtergrond": None,
}


def test_map_update_sends_only_what_changes(app, client) -> None:
    import json
    from urllib.parse import urlencode

    import plotly.utils
    from dash import no_update

    from callbacks import screens
    from callbacks.kaart import update_map
    from callbacks.screens import COLOUR_KEYS
    from layouts import overlays

    state = {**KAART_STATE, "overlay": "kernagenda", "sinds": "2017", "kern": "asch"}
    # Overlay switch: no figure patch, no colours (the browser has them).
    previous = {**state, "overlay": "leefbaarheid"}
    patch, legend, summary, message, attribution, *hidden = run_callback(
        app, update_map, state, previous
    )
    assert patch is no_update
    assert "Geen registraties voor deze gemeente" in str(message)
    # shown: jaar, thema, eigenaar (the indicator and CBS year fields hidden)
    assert hidden == [True, True, True, True, False, False, False, True]

    # Indicator (or filter) change: ``sync`` sends no colours; the browser asks
    # /kaart-kleuren/ with the controls and the rev of the colours it has, and
    # gets the overlays that use the changed filter (no geometry).
    previous = {**state, "indicator": "bevolkingsdichtheid"}
    patch, *_ = run_callback(app, update_map, state, previous)
    assert patch is no_update
    repo = app.server.extensions["kernenkaart"]["repo"]
    data = repo.get("buren")
    with app.server.test_request_context("/"):
        page = screens.paint(data, previous, repo.catalogue)
    assert page["controls"]["jaar"] == "jaar-filter"

    def ask(shown_rev: str | None, **controls: str) -> dict:
        query = {k: controls.get(k, state[k]) for k in COLOUR_KEYS}
        if shown_rev:
            query["rev"] = shown_rev
        response = client.get(f"{page['colours_url']}&{urlencode(query)}")
        assert response.status_code == 200
        assert "max-age" in response.headers["Cache-Control"]
        return response.get_json()

    paint = ask(page["rev"])
    assert "aantal_inwoners" in paint["hover_url"]
    assert paint["rev"].endswith("|".join(state[k] for k in COLOUR_KEYS))
    assert set(paint["views"]) == {"indicator"}
    sent = json.dumps(paint)
    assert "coordinates" not in sent and len(sent) < 6000
    assert "kern_codes" not in paint and "controls" not in paint  # came with the page
    areas = {"kern": 16, "wijk": 7}  # Buren's kernen and wijken
    for view in paint["views"].values():
        assert len(view["classes"]) == areas[view["level"]]
        assert all(0 <= c < len(view["colours"]) for c in view["classes"])
    # not known what the browser shows (or another store version): every overlay
    assert set(ask(None)["views"]) == set(overlays.REGISTRY)
    assert set(ask("oud|" + page["rev"].split("|", 1)[1])["views"]) == set(
        overlays.REGISTRY
    )
    # nothing the colours depend on changed: no views, the same rev
    same = ask(paint["rev"])
    assert same["views"] == {} and same["rev"] == paint["rev"]
    # a jaar change concerns the overlays that use jaar
    jaar = screens.paint(data, state, repo.catalogue, changed={"jaar"})
    assert set(jaar["views"]) == {"kernagenda", "leefbaarheid"}
    assert client.get("/kaart-kleuren/elders.json").status_code == 404

    # Another kern selected: no figure patch (the browser marks it from the
    # state); the background switched on: a small patch of the layers only.
    previous = {**state, "kern": "buren"}
    patch, *_ = run_callback(app, update_map, state, previous)
    assert patch is no_update
    pdok = {**state, "achtergrond": "pdok"}
    patch, *_ = run_callback(app, update_map, pdok, state)
    ops = json.dumps(patch.to_plotly_json(), cls=plotly.utils.PlotlyJSONEncoder)
    assert "geojson" not in ops and "service.pdok.nl" in ops
    assert len(ops) < 3000


def test_map_click_selects_the_clicked_kern() -> None:
    from callbacks.kaart import clicked_kern

    assert clicked_kern({"kern": "asch", "n": 3}) == "asch"
    assert clicked_kern(None) is None
    assert clicked_kern({"kern": 5}) is None


def test_hover_text_is_served_per_overlay_and_filters(client) -> None:
    url = "/kaart-hover/buren.json?overlay=indicator&indicator=aantal_inwoners"
    payload = client.get(url).get_json()
    assert payload["overlay"] == "indicator"
    assert len(payload["texts"]) == len(payload["names"]) == 16  # Buren's kernen
    maurik = payload["texts"][payload["names"].index("Maurik")]
    assert "inwoners" in maurik
    assert client.get("/kaart-hover/bestaat-niet.json").status_code == 404


def test_other_screens_render(app) -> None:
    from callbacks.router import route

    for path, expected in [
        ("/kern/asch", "Kernprofiel Asch"),
        ("/monitor", "Monitor Buren"),
        ("/over", "Bron: CBS, Kadaster"),
        ("/toegankelijkheid", "Toegankelijkheidsverklaring"),
        ("/kern/bestaat-niet", "Niet gevonden"),
        ("/onzin", "Niet gevonden"),
    ]:
        page, *_ = run_callback(
            app, route, path, "?gemeente=buren", {}, triggered=["url.pathname"]
        )
        assert expected in str(page), path


def test_vergelijk_shows_the_kernen_of_the_url_in_its_order(app) -> None:
    from callbacks.router import route
    from callbacks.vergelijk import compare_search

    page, *_ = run_callback(
        app,
        route,
        "/vergelijk",
        "?gemeente=buren&kernen=maurik,asch,atlantis&kernen=maurik",
        {},
        triggered=["url.pathname"],
    )
    text = str(page)
    assert "Kernen vergelijken: Buren" in text
    assert text.index("/kern/maurik?") < text.index("/kern/asch?")  # order kept
    assert text.count("/kern/maurik?") == 1  # named twice, shown once
    assert "niet vergeleken: 'atlantis'" in text
    search = run_callback(app, compare_search, 1, ["asch", "maurik"], "/vergelijk", "")
    assert search == "?gemeente=buren&kernen=asch,maurik"
    # nothing ticked: no empty kernen= in the URL
    assert (
        run_callback(app, compare_search, 1, [], "/vergelijk", "") == "?gemeente=buren"
    )
    # names typed by hand: any case, spaces around them
    page, *_ = run_callback(
        app,
        route,
        "/vergelijk",
        "?gemeente=buren&kernen=MAURIK,%20Asch%20",
        {},
        triggered=["url.pathname"],
    )
    assert "/kern/maurik?" in str(page) and "/kern/asch?" in str(page)
    assert "niet vergeleken" not in str(page)


def test_links_keep_the_gemeente(app) -> None:
    """Footer, 404 and Over links keep ?gemeente= (else they open the default)."""
    from callbacks.router import route

    for path, link in [
        ("/monitor", "/toegankelijkheid?gemeente=buren"),  # footer
        ("/kern/atlantis", "'/?gemeente=buren'"),  # 404: back to this gemeente
        ("/toegankelijkheid", "'/?gemeente=buren'"),
        ("/over", "/toegankelijkheid?gemeente=buren"),
    ]:
        page, _nav, _banner, foot, _record = run_callback(
            app, route, path, "?gemeente=buren", {}, triggered=["url.pathname"]
        )
        assert link in str(page) + str(foot), path
        assert "/over?gemeente=buren" in str(foot), path


def test_layout_contains_the_shell_ids(app) -> None:
    from layouts import ids
    from layouts.shell import shell

    text = str(shell())
    for component_id in (ids.URL, ids.PAGE, ids.NAV, ids.BANNER, ids.RENDERED):
        assert f"id='{component_id}'" in text or f'id="{component_id}"' in text


def test_prerendered_layout_holds_the_page_url(client) -> None:
    """With the page URL (Referer) the layout has the screen and the URL, so the
    router is not called on load; without it, the bare shell leaves the URL to
    dcc.Location, whose change calls the router (prevent_initial_call)."""

    def location(layout: dict) -> dict:
        first = layout["props"]["children"][0]
        assert first["type"] == "Location"
        return first["props"]

    url = "http://localhost/kern/asch?gemeente=buren"
    layout = client.get("/_dash-layout", headers={"Referer": url}).get_json()
    props = location(layout)
    assert props["pathname"] == "/kern/asch"
    assert props["search"] == "?gemeente=buren"
    assert "Asch" in str(layout)
    bare = location(client.get("/_dash-layout").get_json())
    assert "pathname" not in bare and "search" not in bare


def test_serve_threads_and_staleness(tmp_path: Path) -> None:
    from cli.production import thread_count, worker_count
    from cli.serve import stale_stores

    settings = load_settings(build_dir=tmp_path)
    assert thread_count(settings, "waitress") >= 4
    assert worker_count(settings, "waitress") == 1
    assert worker_count(settings, "gunicorn") >= 1
    assert stale_stores(settings, ["buren"], ("intern",))


def test_cbs_controls_follow_the_indicator_and_the_view(app, client) -> None:
    from dash import no_update

    from callbacks.kaart import cbs_controls, update_map

    state = {**KAART_STATE, "indicator": "bevolkingsdichtheid"}
    previous = {**state, "indicator": "aantal_inwoners", "sinds": "2017"}
    years, views, since, *values = run_callback(app, cbs_controls, state, previous)
    assert [o["label"] for o in years] == ["2024", "2017 (alleen per wijk)"]
    assert views[1]["disabled"] is True  # no earlier year per kern
    assert values == ["2024", "waarde", ""]
    assert run_callback(app, cbs_controls, state, state) == (no_update,) * 6
    # the change view shows the 'sinds' field; the value view hides it
    change = {**state, "indicator": "aantal_inwoners", "weergave": "verandering"}
    *_, hidden = run_callback(app, update_map, {**change, "sinds": "2017"}, state)[:9]
    assert hidden is False  # sinds-veld
    *_, hidden = run_callback(app, update_map, state, change)[:9]
    assert hidden is True
    # the browser's colour request carries the view: diverging classes
    query = (
        "cbsjaar=2024&weergave=verandering&sinds=2017&indicator=aantal_inwoners"
        "&jaar=alle&thema=alle&eigenaar=alle&regeling=alle"
    )
    paint = client.get(f"/kaart-kleuren/buren.json?{query}").get_json()
    assert paint["views"]["indicator"]["colours"][1:] == [
        "#f1a340",
        "#fee0b6",
        "#f7f7f7",
        "#d8daeb",
        "#998ec3",
    ]
