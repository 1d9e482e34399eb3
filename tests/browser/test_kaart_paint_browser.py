"""The Kaart's colours and hover label, painted in the browser (kernenkaart-kaart.js).

Expected colours come from the overlay modules in Python, for the same store, so
a wrong class, a wrong order of areas or a stale repaint fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from callbacks import screens
from layouts.overlays.base import NO_DATA
from pipelines.dashboard_data import ALL, Repository
from pipelines.settings import load_settings
from tests.browser.conftest import kern_point, wait_for_paint

pytestmark = pytest.mark.browser

UPDATE = re.compile(r".*/_dash-update-component.*")
COLOUR = (
    "([source, id]) => { const gd = document.querySelector('#kaart .js-plotly-plot');"
    " const m = gd._fullLayout.map._subplot.map;"
    " const s = m.getFeatureState({source, id}); return s ? s.c : null; }"
)


def expected(store_dir: Path, gemeente: str, **state: str) -> dict[str, str]:
    """Area code -> colour that the overlay modules give for ``state``."""
    settings = load_settings(build_dir=store_dir)
    repository = Repository(store_dir, "intern", settings.geodata_dir)
    data = repository.get(gemeente)
    full = {"jaar": ALL, "thema": ALL, "eigenaar": ALL, "regeling": ALL, **state}
    view = screens.overlay_view(data, full, repository.catalogue)
    colours = [view.palette[c] if c >= 0 else NO_DATA for c in view.classes]
    return dict(zip(view.codes, colours, strict=True))


def colour(page, source: str, code: str) -> str | None:  # noqa: ANN001
    return page.evaluate(COLOUR, [source, code])


def painted(page, want: dict[str, str], source: str = "kk-kernen") -> dict:  # noqa: ANN001
    """The painted colour of each area of ``want``, to compare with it."""
    return {code: colour(page, source, code) for code in want}


def wait_for_gemeente_paint(page, gemeente: str) -> None:  # noqa: ANN001
    """Wait until the Kaart shows colours of ``gemeente`` (its slug in the rev)."""
    page.wait_for_function(
        "(s) => { const g = document.querySelector('#kaart .js-plotly-plot');"
        " return g && (g.getAttribute('data-kk-geschilderd') || '')"
        ".includes('|' + s + '|'); }",
        arg=gemeente,
    )


def release(page, held: list, pattern: re.Pattern = UPDATE) -> None:  # noqa: ANN001
    """Let the held-back requests through and stop holding new ones."""
    for route in held:
        route.continue_()
    page.unroute(pattern)


def shown_overlay(page) -> str:  # noqa: ANN001
    """The overlay whose colours the Kaart shows."""
    label = page.get_attribute("#kaart .js-plotly-plot", "data-kk-geschilderd")
    return label.split(" ")[0]


def wait_until_held(page, held: list, what: str) -> None:  # noqa: ANN001
    """Wait (up to 5 s) until a held-back request is in ``held``."""
    for _ in range(50):
        if held:
            break
        page.wait_for_timeout(100)
    assert held, what


def wait_for_new_paint(page, before: str | None) -> None:  # noqa: ANN001
    """Wait until the Kaart has painted something other than ``before``."""
    page.wait_for_function(
        "(b) => { const g = document.querySelector('#kaart .js-plotly-plot');"
        " const v = g.getAttribute('data-kk-geschilderd'); return v && v !== b; }",
        arg=before,
    )


def test_first_display_is_painted_in_the_overlay_colours(
    page, base_url: str, store_dir: Path
) -> None:
    page.goto(f"{base_url}/?gemeente=west-betuwe&overlay=kernagenda")
    wait_for_paint(page, "kernagenda")
    want = expected(store_dir, "west-betuwe", overlay="kernagenda")
    assert painted(page, want) == want
    assert len(set(want.values())) > 2  # a real spread of classes, not one colour


def test_overlay_switch_repaints_before_the_server_answers(
    page, base_url: str, store_dir: Path
) -> None:
    page.goto(f"{base_url}/?gemeente=west-betuwe&overlay=kernagenda")
    wait_for_paint(page, "kernagenda")
    held = []
    page.route(UPDATE, lambda route: held.append(route))
    page.get_by_label("Leefbaarheidsbudget").check()
    wait_for_paint(page, "leefbaarheid")  # while every server answer is held
    want = expected(store_dir, "west-betuwe", overlay="leefbaarheid")
    assert painted(page, want) == want
    assert "% actiepunten" in page.inner_text("#legenda")  # server not answered yet
    wait_until_held(
        page, held, "the switch should also have asked the server (legend, table)"
    )
    release(page, held)
    page.wait_for_function(
        "() => document.querySelector('#legenda').innerText.includes('euro')"
    )
    assert page.console_log.app_errors() == []


def test_filter_switch_repaints_with_the_new_colours(
    page, base_url: str, store_dir: Path
) -> None:
    page.goto(f"{base_url}/?gemeente=west-betuwe&overlay=leefbaarheid")
    wait_for_paint(page, "leefbaarheid")
    before = page.get_attribute("#kaart .js-plotly-plot", "data-kk-geschilderd")
    page.select_option("#jaar-filter", "2020")
    wait_for_new_paint(page, before)
    want = expected(store_dir, "west-betuwe", overlay="leefbaarheid", jaar="2020")
    assert painted(page, want) == want
    alle = expected(store_dir, "west-betuwe", overlay="leefbaarheid")
    assert want != alle  # the filter really changes the map
    # only the overlays that use jaar came with the jaar switch; the others
    # keep the colours the page brought
    page.get_by_label("Kernagenda voortgang").check()
    wait_for_paint(page, "kernagenda")
    want = expected(store_dir, "west-betuwe", overlay="kernagenda", jaar="2020")
    assert painted(page, want) == want
    page.get_by_label("Gebieden").check()
    wait_for_paint(page, "gebieden")
    want = expected(store_dir, "west-betuwe", overlay="gebieden")
    assert painted(page, want) == want


def test_wijk_level_indicator_paints_wijken_and_clears_kernen(
    page, base_url: str, store_dir: Path
) -> None:
    # Buren's bevolkingsdichtheid of 2017: wijk figures only (no buurten)
    page.goto(
        f"{base_url}/?gemeente=buren&overlay=indicator"
        "&indicator=bevolkingsdichtheid&cbsjaar=2017"
    )
    wait_for_paint(page, "indicator")
    want = expected(
        store_dir,
        "buren",
        overlay="indicator",
        indicator="bevolkingsdichtheid",
        cbsjaar="2017",
    )
    code = next(iter(want))
    assert code.startswith("WK")
    assert painted(page, want, "kk-wijken") == want
    assert colour(page, "kk-kernen", "maurik") == "rgba(0,0,0,0)"
    visible = page.evaluate(
        "() => document.querySelector('#kaart .js-plotly-plot')._fullLayout.map"
        "._subplot.map.getLayoutProperty('kk-wijken-grens', 'visibility')"
    )
    assert visible == "visible"


def test_hover_label_names_kern_and_overlay_figures(
    page, base_url: str, store_dir: Path
) -> None:
    page.goto(f"{base_url}/?gemeente=buren&overlay=leefbaarheid")
    wait_for_paint(page, "leefbaarheid")
    point = kern_point(page, "Maurik")
    page.mouse.move(point[0] - 5, point[1] - 5)
    page.mouse.move(point[0], point[1])
    tip = page.locator(".kk-hover")
    tip.wait_for(state="visible", timeout=10000)
    text = tip.inner_text()
    assert text.startswith("Maurik")
    # drawn beside the mouse, inside the map (not clipped below it)
    box, label = page.locator("#kaart").bounding_box(), tip.bounding_box()
    assert (
        box["y"] <= label["y"]
        and label["y"] + label["height"] <= box["y"] + box["height"]
    )
    assert (
        abs(label["x"] - point[0]) < 60
        or abs(label["x"] + label["width"] - point[0]) < 60
    )
    assert "toegekend" in text
    assert tip.get_attribute("role") == "tooltip"
    page.mouse.move(5, 5)
    tip.wait_for(state="hidden", timeout=10000)


def test_back_and_forward_repaint_the_overlay_of_the_url(
    page, base_url: str, store_dir: Path
) -> None:
    page.goto(f"{base_url}/?gemeente=west-betuwe&overlay=kernagenda")
    wait_for_paint(page, "kernagenda")
    page.get_by_label("Leefbaarheidsbudget").check()
    wait_for_paint(page, "leefbaarheid")
    page.wait_for_function("() => location.search.includes('overlay=leefbaarheid')")
    page.go_back()
    wait_for_paint(page, "kernagenda")
    want = expected(store_dir, "west-betuwe", overlay="kernagenda")
    assert painted(page, want) == want
    page.go_forward()
    wait_for_paint(page, "leefbaarheid")
    want = expected(store_dir, "west-betuwe", overlay="leefbaarheid")
    assert painted(page, want) == want
    assert page.console_log.app_errors() == []


def test_gemeente_switch_and_back_repaints_each_gemeente(
    page, base_url: str, store_dir: Path
) -> None:
    # The kernen layer is part of the map style: a new gemeente brings a new
    # style, and coming back must paint again (not trust colours set before).
    page.goto(f"{base_url}/?gemeente=west-betuwe&overlay=kernagenda")
    wait_for_paint(page, "kernagenda")
    page.select_option("#gemeente-kiezer", "buren")
    page.wait_for_function("() => location.search.includes('gemeente=buren')")
    wait_for_gemeente_paint(page, "buren")
    want = expected(store_dir, "buren", overlay=shown_overlay(page))
    assert painted(page, want) == want
    page.go_back()
    wait_for_gemeente_paint(page, "west-betuwe")
    want = expected(store_dir, "west-betuwe", overlay="kernagenda")
    assert painted(page, want) == want
    assert page.console_log.app_errors() == []


def test_selected_kern_is_outlined_and_a_map_click_moves_it(
    page, base_url: str
) -> None:
    state = (
        "([id]) => { const gd = document.querySelector('#kaart .js-plotly-plot');"
        " const m = gd._fullLayout.map._subplot.map;"
        " return !!(m.getFeatureState({source: 'kk-kernen', id}) || {}).s; }"
    )
    page.goto(f"{base_url}/?gemeente=buren&overlay=kernagenda&kern=asch")
    wait_for_paint(page, "kernagenda")
    page.wait_for_function(state, arg=["asch"])
    # the outline (with the selection) is part of the map style, under the
    # names that Plotly draws
    layers = (
        "() => document.querySelector('#kaart .js-plotly-plot')._fullLayout.map"
        "._subplot.map.getLayersOrder()"
    )
    page.wait_for_function(
        f"() => ({layers})().includes('plotly-trace-layer-namen-symbol')"
        f" && ({layers})().includes('kk-kernen-grens')"
    )
    order = page.evaluate(layers)
    assert order.index("kk-kernen-vlak") < order.index("kk-kernen-grens")
    assert order.index("kk-kernen-grens") < order.index(
        "plotly-trace-layer-namen-symbol"
    )
    point = kern_point(page, "Maurik")
    page.mouse.click(point[0], point[1])
    page.wait_for_selector("text=Gekozen kern: Maurik", timeout=10000)
    page.wait_for_function(state, arg=["maurik"])
    assert not page.evaluate(state, ["asch"])
    assert "kern=maurik" in page.url
    assert page.console_log.app_errors() == []


def test_filter_switch_repaints_without_waiting_for_dash(
    page, base_url: str, store_dir: Path
) -> None:
    # the script asks /kaart-kleuren/ itself: the map changes while every Dash
    # callback answer (URL, legend, table) is held back
    page.goto(f"{base_url}/?gemeente=west-betuwe&overlay=leefbaarheid")
    wait_for_paint(page, "leefbaarheid")
    before = page.get_attribute("#kaart .js-plotly-plot", "data-kk-geschilderd")
    held = []
    page.route(UPDATE, lambda route: held.append(route))
    page.select_option("#jaar-filter", "2021")
    wait_for_new_paint(page, before)
    want = expected(store_dir, "west-betuwe", overlay="leefbaarheid", jaar="2021")
    assert painted(page, want) == want
    assert "jaar=2021" not in page.url  # sync has not answered yet
    release(page, held)
    page.wait_for_function("() => location.search.includes('jaar=2021')")
    assert page.console_log.app_errors() == []


KLEUREN = re.compile(r".*/kaart-kleuren/.*")


def _hold_colours_and_change_jaar(page) -> list:  # noqa: ANN001
    """Change the jaar with the script's colour request held back."""
    held: list = []
    page.route(KLEUREN, lambda route: held.append(route))
    page.select_option("#jaar-filter", "2022")
    wait_until_held(
        page, held, "a jaar change should ask /kaart-kleuren/ for new colours"
    )
    return held


def _release_colours(page, held: list) -> None:  # noqa: ANN001
    with page.expect_response(KLEUREN):
        release(page, held, KLEUREN)
    page.wait_for_timeout(500)  # the script has handled the late answer


def test_late_colours_of_another_gemeente_are_dropped(
    page, base_url: str, store_dir: Path
) -> None:
    page.goto(f"{base_url}/?gemeente=west-betuwe&overlay=leefbaarheid")
    wait_for_paint(page, "leefbaarheid")
    held = _hold_colours_and_change_jaar(page)
    page.select_option("#gemeente-kiezer", "buren")
    wait_for_gemeente_paint(page, "buren")
    _release_colours(page, held)
    want = expected(store_dir, "buren", overlay=shown_overlay(page))
    assert painted(page, want) == want
    assert page.console_log.app_errors() == []


def test_back_drops_the_colours_of_the_page_left(
    page, base_url: str, store_dir: Path
) -> None:
    page.goto(f"{base_url}/?gemeente=west-betuwe&overlay=leefbaarheid")
    wait_for_paint(page, "leefbaarheid")
    held = _hold_colours_and_change_jaar(page)
    page.wait_for_function("() => location.search.includes('jaar=2022')")
    page.go_back()
    # the router renders the page of the URL again (jaar: alle)
    page.wait_for_function(
        "() => document.querySelector('#jaar-filter').value === 'alle'"
    )
    page.wait_for_timeout(500)
    _release_colours(page, held)
    want = expected(store_dir, "west-betuwe", overlay="leefbaarheid")
    assert want != expected(
        store_dir, "west-betuwe", overlay="leefbaarheid", jaar="2022"
    )
    assert painted(page, want) == want
    assert page.console_log.app_errors() == []


def test_filter_change_before_the_map_is_plotted_is_painted(
    page, base_url: str, store_dir: Path
) -> None:
    # dcc.Graph's plot code is held back, so the controls are there before
    # the map: a jaar chosen then must still be the jaar the map shows.
    held: list = []
    page.route(re.compile(r".*/async-graph\.js.*"), lambda route: held.append(route))
    page.goto(f"{base_url}/?gemeente=west-betuwe&overlay=leefbaarheid")
    page.wait_for_selector("#jaar-filter")
    wait_until_held(page, held, "the page should load dcc.Graph's plot code")
    page.select_option("#jaar-filter", "2022")
    page.wait_for_function("() => location.search.includes('jaar=2022')")
    for route in held:
        route.continue_()
    wait_for_paint(page, "leefbaarheid")
    want = expected(store_dir, "west-betuwe", overlay="leefbaarheid", jaar="2022")
    page.wait_for_function(
        "() => document.querySelector('#legenda').innerText.includes('2022')"
    )
    page.wait_for_timeout(500)
    assert painted(page, want) == want
    assert page.console_log.app_errors() == []
