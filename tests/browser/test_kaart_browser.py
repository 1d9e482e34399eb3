"""Kaart screen in headless Chromium: draw, select, URL state, back/forward."""

from __future__ import annotations

from pathlib import Path

import pytest

from layouts import format as fmt
from tests.browser.conftest import kern_point, screenshot, wait_for_map, wait_for_paint

pytestmark = pytest.mark.browser


def test_kaart_smoke_draws_map_and_legend(page, base_url: str) -> None:
    page.goto(f"{base_url}/?gemeente=buren&overlay=indicator")
    wait_for_map(page)
    assert "Kernenkaart Buren" in page.inner_text("h1")
    assert "Legenda" in page.inner_text("#legenda")
    assert page.locator("table.tabel tbody tr").count() > 0
    # choosing a gemeente opens its Kaart at once: the label says so first
    picker = page.get_by_role("combobox", name="Gemeente (opent meteen haar kaart)")
    assert picker.get_attribute("id") == "gemeente-kiezer"
    screenshot(page, "kaart-smoke-1280")
    assert page.console_log.app_errors() == []


def test_kaart_table_button_selects_kern_and_back_restores(page, base_url: str) -> None:
    page.goto(f"{base_url}/?gemeente=buren&overlay=indicator")
    wait_for_map(page)
    page.get_by_role("button", name="Lienden", exact=True).click()
    page.wait_for_selector("text=Gekozen kern: Lienden")
    assert "kern=lienden" in page.url
    page.get_by_role("button", name="Maurik", exact=True).click()
    page.wait_for_selector("text=Gekozen kern: Maurik")
    page.go_back()
    page.wait_for_selector("text=Gekozen kern: Lienden")
    assert "kern=lienden" in page.url
    assert page.console_log.app_errors() == []


OVERLAY_LEGENDS = {
    "Kernagenda voortgang": "% actiepunten gerealiseerd",
    "Leefbaarheidsbudget": "euro toegekend",
    "Maatschappelijke opgaven (CBS-cijfers)": "Aantal inwoners",
    "Ruimtelijke opgaven": "aantal open opgaven",
    "Gebieden": "Gebieden en wie ze bedient",
}


def test_every_overlay_switches_legend_table_and_url(
    page, base_url: str, store_dir: Path
) -> None:
    page.goto(f"{base_url}/?gemeente=buren")
    wait_for_map(page)
    for label, legend_text in OVERLAY_LEGENDS.items():
        page.get_by_label(label).check()
        page.wait_for_function(
            "(t) => document.querySelector('#legenda').innerText.includes(t)"
            " && document.querySelector('#kern-tabel caption').innerText.includes(t)",
            arg=legend_text,
        )
    assert "overlay=gebieden" in page.url
    page.get_by_label("Maatschappelijke opgaven (CBS-cijfers)").check()
    # Buren's buurt figures give kern figures for the latest year
    page.wait_for_selector("#kern-tabel tr:has-text('Lienden')")
    row = page.locator("#kern-tabel tbody tr", has_text="Lienden").first
    lienden = kern_value(store_dir, "buren", "lienden", "aantal_inwoners", 2024)
    assert fmt.number(lienden, 0) in row.inner_text()
    legend = page.inner_text("#legenda")
    assert "Cijfers per kern, 2024" in legend and "Cijfers per wijk" not in legend
    assert page.console_log.app_errors() == []


def kern_value(store_dir: Path, gemeente: str, kern: str, key: str, year: int) -> float:
    """The kern figure of ``year`` in the built store (what the table must show)."""
    from pipelines.dashboard_data import Repository
    from pipelines.dashboard_data.indicators import indicator_values
    from pipelines.settings import load_settings

    settings = load_settings(build_dir=store_dir)
    data = Repository(store_dir, "intern", settings.geodata_dir).get(gemeente)
    values = indicator_values(data, key, year)
    assert values.level == "kern"
    return float(values.frame.set_index("code").loc[kern, "value"])


def test_change_since_2017_legend_table_and_url(
    page, base_url: str, store_dir: Path
) -> None:
    page.goto(f"{base_url}/?gemeente=buren&overlay=indicator&indicator=aantal_inwoners")
    wait_for_map(page)
    page.get_by_label("Weergave").select_option("verandering")
    page.wait_for_function(
        "() => document.querySelector('#legenda').innerText"
        ".includes('Verandering 2017-2024, per kern')"
    )
    assert "weergave=verandering" in page.url and "sinds=2017" in page.url
    assert page.get_by_label("Verandering sinds").is_visible()
    legend = page.inner_text("#legenda")
    assert "(vrijwel) geen verandering" in legend
    before = kern_value(store_dir, "buren", "maurik", "aantal_inwoners", 2017)
    after = kern_value(store_dir, "buren", "maurik", "aantal_inwoners", 2024)
    row = page.locator("#kern-tabel tbody tr", has_text="Maurik").first
    page.wait_for_function(
        "(t) => [...document.querySelectorAll('#kern-tabel tbody tr')]"
        ".some(r => r.innerText.includes('Maurik') && r.innerText.includes(t))",
        arg=fmt.signed_number(after - before, 0),
    )
    text = row.inner_text()
    assert fmt.number(before, 0) in text and fmt.number(after, 0) in text
    # back to the figures of one year: 'sinds' hides again, the URL drops it
    page.get_by_label("Weergave").select_option("waarde")
    page.wait_for_function(
        "() => document.querySelector('#legenda').innerText"
        ".includes('Cijfers per kern, 2024')"
    )
    assert "sinds=" not in page.url
    assert page.console_log.app_errors() == []


def _column(page, index: int) -> list[str]:
    """The text of one column of the table's body (0 is the kern)."""
    return page.eval_on_selector_all(
        "#kern-tabel tbody tr",
        "(rows, i) => rows.map(r => r.children[i].innerText.trim())",
        index,
    )


def _number(text: str) -> float:
    return float(text.replace(".", "").replace(",", "."))


def test_table_sorts_by_a_column_and_back(page, base_url: str) -> None:
    page.goto(f"{base_url}/?gemeente=buren&overlay=kernagenda")
    wait_for_map(page)
    header = page.locator("#kern-tabel th", has_text="% gerealiseerd")
    index = (
        page.locator("#kern-tabel thead th")
        .all_inner_texts()
        .index(header.inner_text())
    )
    assert header.get_attribute("aria-sort") == "none"
    kernen = _column(page, 0)
    assert kernen == sorted(kernen, key=str.lower)  # by name to begin with

    header.get_by_role("button").click()
    page.wait_for_function(
        "() => document.querySelector('#kern-tabel th[aria-sort=ascending]')"
    )
    values = [_number(v) for v in _column(page, index)]
    assert values == sorted(values) and values[0] < values[-1]
    assert "▲" in header.inner_text()

    header.get_by_role("button").click()  # the same header again: reversed
    page.wait_for_function(
        "() => document.querySelector('#kern-tabel th[aria-sort=descending]')"
    )
    assert [_number(v) for v in _column(page, index)] == sorted(values, reverse=True)
    assert "▼" in header.inner_text()
    # the kern buttons still select on the map after a sort
    first = _column(page, 0)[0]
    page.get_by_role("button", name=first, exact=True).click()
    page.wait_for_selector(f"text=Gekozen kern: {first}")
    page.wait_for_selector("#kern-tabel tr.gekozen")
    assert [_number(v) for v in _column(page, index)] == sorted(values, reverse=True)
    assert page.console_log.app_errors() == []


def test_filter_changes_url_and_values(page, base_url: str) -> None:
    page.goto(f"{base_url}/?gemeente=west-betuwe&overlay=kernagenda")
    wait_for_map(page)
    before = page.inner_text("#kern-tabel tbody")
    page.goto(f"{base_url}/?gemeente=west-betuwe&overlay=kernagenda&thema=wonen")
    wait_for_map(page)
    assert page.inner_text("#kern-tabel tbody") != before
    assert "wonen" in page.inner_text(f"#{'thema-veld'}")


def test_shared_url_reproduces_state(page, base_url: str) -> None:
    url = f"{base_url}/?gemeente=buren&overlay=leefbaarheid&jaar=2023&kern=maurik"
    page.goto(url)
    wait_for_map(page)
    assert "Gekozen kern: Maurik" in page.inner_text("#kern-samenvatting")
    assert "2023" in page.inner_text("#legenda")
    assert page.locator("#kern-tabel tr.gekozen").inner_text().startswith("Maurik")
    screenshot(page, "kaart-leefbaarheid-1280")


def test_shared_url_needs_no_callback_on_load(page, base_url: str) -> None:
    """The layout comes with the screen of the URL in it (router.initial_layout)."""
    calls: list[str] = []
    page.on(
        "request",
        lambda r: calls.append(r.url) if "_dash-update-component" in r.url else None,
    )
    page.goto(f"{base_url}/?gemeente=buren&overlay=leefbaarheid&kern=maurik")
    wait_for_paint(page, "leefbaarheid")
    assert "Gekozen kern: Maurik" in page.inner_text("#kern-samenvatting")
    assert calls == []


def test_map_worker_starts_with_the_page_not_with_the_map(page, base_url: str) -> None:
    """MapLibre's worker is asked for while the page loads (jsbuild/maplibre-gl.js),
    before Dash renders the map and loads dcc.Graph's chunk; the map uses it."""
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url.rsplit("/", 1)[-1]))
    page.goto(f"{base_url}/?gemeente=buren&overlay=leefbaarheid")
    wait_for_paint(page, "leefbaarheid")
    worker = [
        i for i, name in enumerate(asked) if name.startswith("maplibre-gl-worker")
    ]
    graph = [i for i, name in enumerate(asked) if name.startswith("async-graph")]
    assert len(worker) == 1, asked
    assert graph and worker[0] < graph[0], asked
    assert not [name for name in asked if name.startswith("blob:")]
    assert page.console_log.app_errors() == []


def test_layout_without_referer_is_rendered_by_the_router(page, base_url: str) -> None:
    """Without the page URL (no Referer), the layout is the bare shell; the URL
    that dcc.Location sets when it mounts has the router render the screen."""
    bare: list[bool] = []

    def without_referer(route) -> None:  # noqa: ANN001
        headers = dict(route.request.headers)
        headers.pop("referer", None)
        response = route.fetch(headers=headers)
        bare.append("Kernenkaart Buren" not in response.text())
        route.fulfill(response=response)

    page.route("**/_dash-layout", without_referer)
    page.goto(f"{base_url}/?gemeente=buren&overlay=leefbaarheid&kern=maurik")
    wait_for_paint(page, "leefbaarheid")
    assert bare == [True]
    assert "Gekozen kern: Maurik" in page.inner_text("#kern-samenvatting")
    assert "Kernenkaart Buren" in page.inner_text("h1")
    # the script read the selection from the page the router rendered
    page.wait_for_function(
        "() => { const gd = document.querySelector('#kaart .js-plotly-plot');"
        " const m = gd._fullLayout.map._subplot.map;"
        " return !!(m.getFeatureState({source: 'kk-kernen', id: 'maurik'}) || {}).s; }"
    )
    assert page.console_log.app_errors() == []


def test_trimmed_referer_still_shows_the_screen_of_the_url(page, base_url: str) -> None:
    """A Referer trimmed to the origin pre-renders another screen; the page
    script sets the URL of the address bar and the router renders that one."""

    prerendered: list[bool] = []

    def trimmed(route) -> None:  # noqa: ANN001
        headers = dict(route.request.headers)
        headers["referer"] = f"{base_url}/"
        response = route.fetch(headers=headers)
        prerendered.append("Gekozen kern: Maurik" in response.text())
        route.fulfill(response=response)

    page.route("**/_dash-layout", trimmed)
    page.goto(f"{base_url}/?gemeente=buren&overlay=leefbaarheid&kern=maurik")
    page.wait_for_selector("text=Gekozen kern: Maurik", timeout=20000)
    assert prerendered == [False]  # the layout came for "/", not for this URL
    wait_for_paint(page, "leefbaarheid")
    assert "Kernenkaart Buren" in page.inner_text("h1")
    assert "gemeente=buren" in page.url and "kern=maurik" in page.url
    assert page.console_log.app_errors() == []


def test_profile_link_from_summary(page, base_url: str) -> None:
    page.goto(f"{base_url}/?gemeente=buren&overlay=kernagenda&kern=asch")
    wait_for_map(page)
    page.get_by_role("link", name="Kernprofiel van Asch bekijken").click()
    page.wait_for_selector("h1:has-text('Kernprofiel Asch')")
    assert "/kern/asch" in page.url
    assert "Kernagenda" in page.inner_text("main")
    assert page.console_log.app_errors() == []


def test_keyboard_only_pick_kern_from_table(page, base_url: str) -> None:
    page.goto(f"{base_url}/?gemeente=buren&overlay=kernagenda")
    wait_for_map(page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Naar de inhoud"
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Beusichem":
            break
    else:
        pytest.fail("Tab never reached the Beusichem button in the table")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Gekozen kern: Beusichem")
    assert "kern=beusichem" in page.url
    # the table is drawn anew with Beusichem chosen; the focus stays on its
    # button (pressed now), so the next Tab goes on to the row after it
    page.wait_for_selector("#kern-tabel tr.gekozen")
    focus = "document.activeElement.getAttribute('aria-pressed') + ' ' + "
    focus += "document.activeElement.textContent"
    page.wait_for_function(f"() => {focus} === 'true Beusichem'")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Buren"
    # sorting keeps the focus on the sort button too (back past Beusichem and
    # Asch to the last column's header)
    for _ in range(3):
        page.keyboard.press("Shift+Tab")
    before = page.evaluate("document.activeElement.getAttribute('title')")
    assert before.startswith("Sorteer op")
    page.keyboard.press("Enter")
    page.wait_for_selector("#kern-tabel th[aria-sort=ascending]")
    page.wait_for_function(
        "(t) => document.activeElement.getAttribute('title') === t", arg=before
    )


def test_map_click_selects_kern(page, base_url: str) -> None:
    page.goto(f"{base_url}/?gemeente=buren&overlay=kernagenda")
    wait_for_map(page)
    point = kern_point(page, "Maurik")
    page.mouse.click(point[0], point[1])
    page.wait_for_selector("text=Gekozen kern: Maurik", timeout=10000)


def test_public_build_has_no_personal_data(page, public_url: str) -> None:
    page.goto(f"{public_url}/kern/asch?gemeente=buren")
    page.wait_for_selector("h1:has-text('Kernprofiel Asch')")
    text = page.inner_text("main")
    assert "Openbare versie" in text
    assert "Voorbeeld Persoon" not in text
    assert "@example.org" not in text


def test_pdok_background_is_optional_and_offline_safe(page, base_url: str) -> None:
    page.route("https://service.pdok.nl/**", lambda route: route.abort())  # offline
    page.goto(f"{base_url}/?gemeente=buren&overlay=gebieden")
    wait_for_map(page)
    page.get_by_label("Achtergrondkaart PDOK (internet nodig)").check()
    page.wait_for_selector("#kaart-bronvermelding:has-text('PDOK')")
    assert "achtergrond=pdok" in page.url
    page.wait_for_timeout(1000)
    page.get_by_role("button", name="Asch", exact=True).click()
    page.wait_for_selector("text=Gekozen kern: Asch")
    assert page.console_log.app_errors() == []


def test_gemeente_picker_switches_gemeente(page, base_url: str) -> None:
    page.goto(f"{base_url}/?gemeente=buren&overlay=kernagenda")
    wait_for_map(page)
    page.select_option("#gemeente-kiezer", "west-betuwe")
    page.wait_for_selector("h1:has-text('Kernenkaart West Betuwe')")
    wait_for_map(page)
    assert "gemeente=west-betuwe" in page.url
    assert page.get_by_role("button", name="Geldermalsen", exact=True).count() == 1
    assert page.console_log.app_errors() == []


def test_gebiedsmakelaar_finds_their_gebied(page, base_url: str) -> None:
    """From the Kaart (chosen kern) or the menu to a gebied; its URL alone works."""
    page.goto(f"{base_url}/?gemeente=west-betuwe&overlay=gebieden&kern=beesd")
    wait_for_map(page)
    page.get_by_role("link", name="Gebied Beesd en Tricht bekijken").click()
    page.wait_for_selector("h1:has-text('Gebied Beesd en Tricht')")
    assert "/gebied/beesd-en-tricht?gemeente=west-betuwe" in page.url
    page.get_by_role("link", name="Gebieden", exact=True).click()
    page.wait_for_selector("h1:has-text('Gebieden van West Betuwe')")
    links = page.locator("main table a")
    assert links.count() == 7
    assert "Acquoy, Beesd, Buurmalsen, Rhenoy, Tricht" in page.inner_text("main table")
    # a shared link without ?gemeente= finds the one gemeente with that gebied
    page.goto(f"{base_url}/gebied/linge-deil")
    page.wait_for_selector("h1:has-text('Gebied Linge-Deil')")
    assert "Deil" in page.inner_text("main")
    assert page.console_log.app_errors() == []


FILL = """() => {
  const gd = document.querySelector('#kaart .js-plotly-plot');
  const map = gd._fullLayout.map._subplot.map;
  const [w, s, e, n] = gd.layout.meta.kk_bounds;
  const ne = map.project([e, n]), sw = map.project([w, s]);
  const box = map.getContainer().getBoundingClientRect();
  return {inside: sw.x >= 0 && sw.y <= box.height && ne.x <= box.width && ne.y >= 0,
          fill: Math.max((ne.x - sw.x) / box.width, (sw.y - ne.y) / box.height)};
}"""


@pytest.mark.parametrize("width", [1280, 375])
def test_gemeente_fills_the_map_at_any_size(page, base_url: str, width: int) -> None:
    """The map is fitted to its real size: whole gemeente, not lost in a corner."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{base_url}/?gemeente=west-betuwe")
    wait_for_map(page)
    shown = page.evaluate(FILL)
    assert shown["inside"], shown
    assert shown["fill"] > 0.8, shown
    if width == 1280:  # a projector-sized map in presentation mode: fitted again
        page.get_by_role("button", name="Presentatiemodus").click()
        page.wait_for_function(f"() => ({FILL})().fill > 0.8 && ({FILL})().inside")


NAMES_SHOWN = """() => {
  const map = document.querySelector('#kaart .js-plotly-plot')._fullLayout.map._subplot.map;
  if (!map.getLayer('plotly-trace-layer-namen-symbol')) return [];
  const shown = map.queryRenderedFeatures({layers: ['plotly-trace-layer-namen-symbol']});
  return [...new Set(shown.map((f) => f.properties.text))].sort();
}"""


@pytest.mark.parametrize(("width", "at_least"), [(1280, 16), (375, 14)])
def test_kern_names_make_room_for_each_other(
    page, base_url: str, width: int, at_least: int
) -> None:
    """Names that would collide move beside their kern instead of being left out."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{base_url}/?gemeente=buren")
    wait_for_map(page)
    # Buren has 16 kernen; Ingen, Zoelmond and Kerk-Avezaath used to be left out
    try:
        page.wait_for_function(f"() => ({NAMES_SHOWN})().length >= {at_least}")
    finally:
        shown = page.evaluate(NAMES_SHOWN)
    assert len(shown) >= at_least, shown
    if width == 1280:
        assert {"Ingen", "Zoelmond", "Kerk-Avezaath"} <= set(shown)


def test_map_buttons_are_dutch_local_and_visible_with_the_keyboard(
    page, base_url: str
) -> None:
    page.goto(f"{base_url}/?gemeente=buren")
    wait_for_map(page)
    titles = page.eval_on_selector_all(
        "#kaart .modebar-btn", "bs => bs.map(b => b.getAttribute('data-title'))"
    )
    # Dutch; no bare-map image (the export is under the map) and no button
    # that would send the data to an outside server
    assert titles == ["Verschuiven", "Inzoomen", "Uitzoomen", "Hele gemeente tonen"]
    page.focus("#kaart .maplibregl-canvas")
    # the ring is drawn inside the map's frame, which clips anything outside
    ring = "(s => s.outlineWidth + ' ' + s.outlineOffset)"
    ring += "(getComputedStyle(document.activeElement))"
    assert page.evaluate(ring) == "3px -3px"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('data-title')") == (
        "Verschuiven"
    )
    group = "getComputedStyle(document.activeElement.parentElement).opacity"
    page.wait_for_function(f"() => {group} === '1'")


def test_kernprofiel_map_is_a_picture_not_a_tab_stop(page, base_url: str) -> None:
    page.goto(f"{base_url}/kern/beesd?gemeente=west-betuwe")
    page.wait_for_selector("#profiel-kaart .maplibregl-canvas", timeout=30000)
    picture = page.locator("[role=img]", has=page.locator("#profiel-kaart"))
    assert "Beesd" in picture.get_attribute("aria-label")
    canvas = page.locator("#profiel-kaart .maplibregl-canvas")
    assert canvas.get_attribute("tabindex") == "-1"
