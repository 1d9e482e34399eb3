"""Every screen: axe (WCAG 2.0/2.1 A+AA), screenshots at 1280 and 375 px, no JS errors."""

from __future__ import annotations

import os
import re

import pytest

from pipelines.settings import PROJECT_ROOT
from tests.browser.conftest import screenshot, wait_for_map

pytestmark = pytest.mark.browser

SCREENS = {
    "kaart": "/?gemeente=west-betuwe&overlay=kernagenda&kern=beesd",
    "kaart-indicator": "/?gemeente=buren&overlay=indicator",
    "kaart-verandering": "/?gemeente=west-betuwe&overlay=indicator"
    "&indicator=aantal_inwoners&weergave=verandering&sinds=2017",
    "kernprofiel": "/kern/beesd?gemeente=west-betuwe",
    "gebied": "/gebied/beesd-en-tricht?gemeente=west-betuwe",
    "gebieden": "/gebied?gemeente=west-betuwe",
    "monitor": "/monitor?gemeente=buren",
    "vergelijk": "/vergelijk?gemeente=west-betuwe&kernen=beesd,asperen,heukelum",
    # Vergelijken/Monitor: CBS (estimates, predecessors, no household figures)
    "vergelijk-cbs": "/vergelijk?gemeente=buren&kernen=maurik,lienden",
    "monitor-west-betuwe": "/monitor?gemeente=west-betuwe",
    "over": "/over?gemeente=buren",
    "toegankelijkheid": "/toegankelijkheid",
    # the analist's screen (the intern server without login is the analist's)
    "datakwaliteit": "/datakwaliteit?gemeente=west-betuwe",
}
DOCS = {
    "kaart",
    "kaart-indicator",
    "kernprofiel",
    "gebied",
    "monitor",
    "vergelijk",
    "over",
}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _open(page, url: str, name: str) -> None:  # noqa: ANN001
    page.goto(url)
    page.wait_for_selector("h1")
    if name.startswith("kaart") or name == "kernprofiel":
        wait_for_map(page)
    page.wait_for_timeout(500)


@pytest.mark.parametrize("name", list(SCREENS))
def test_screen_axe_and_screenshots(page, base_url: str, name: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    _open(page, base_url + SCREENS[name], name)
    screenshot(page, f"{name}-1280")
    if os.environ.get("KERNENKAART_DOCS_SCREENSHOTS") and name in DOCS:
        # README pictures: the first screen of each page at 1280x800
        page.screenshot(path=str(PROJECT_ROOT / "docs" / "screenshots" / f"{name}.png"))
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    serious = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x) {v['nodes'][0]['target']}"
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]
    assert serious == [], serious
    page.set_viewport_size({"width": 375, "height": 800})
    page.wait_for_timeout(400)
    screenshot(page, f"{name}-375")
    assert (
        page.evaluate("document.documentElement.scrollWidth") <= 375
    )  # no sideways scroll
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert page.console_log.app_errors() == []


def test_voorbeelddata_banner_on_every_screen(page, base_url: str) -> None:
    for name, path in SCREENS.items():
        if name == "toegankelijkheid":
            continue
        _open(page, base_url + path, name)
        assert "Voorbeelddata" in page.inner_text("body"), name


BAR_SCREENS = {
    "monitor-buren": "/monitor?gemeente=buren",
    "monitor-west-betuwe": "/monitor?gemeente=west-betuwe",
    "kernprofiel": "/kern/beesd?gemeente=west-betuwe",
}


def _rendered_bars(page) -> list[list[tuple[float, float]]]:  # noqa: ANN001
    """(value, rendered bar length in px) per bar row, one list per chart."""
    charts = []
    for figure in page.locator(".staafgrafiek").all():
        rows = []
        for number in figure.locator(".staaf-getal").all():
            text = number.inner_text().strip()
            if not text[:1].isdigit():
                continue  # a missing value: no bar to measure
            parts = number.locator("xpath=..").locator(".staaf").all()
            length = sum(p.bounding_box()["width"] for p in parts)
            value = text.removesuffix("%").replace(".", "").replace(",", ".")
            rows.append((float(value), length))
        charts.append(rows)
    return charts


@pytest.mark.parametrize("width", [1280, 375])
def test_screen_bars_proportional_to_their_numbers(
    page, base_url: str, width: int
) -> None:
    """A bar for 100 is longer than one for 99; lengths follow the numbers."""
    page.set_viewport_size({"width": width, "height": 800})
    compared = 0
    for name, path in BAR_SCREENS.items():
        page.goto(base_url + path)
        page.wait_for_selector(".staafgrafiek .staaf")
        for rows in _rendered_bars(page):
            top_value, top_length = max(rows)
            for value, length in rows:
                # exactly proportional, up to the bars' 1px borders
                expected = top_length * value / top_value
                assert abs(length - expected) <= 2.5, (name, width, value, length)
                for other, other_length in rows:
                    if value > other:
                        assert length > other_length, (name, width, value, other)
                        compared += 1
    assert compared > 100


def test_unknown_kern_is_a_404_that_says_so_and_links_on(page, base_url: str) -> None:
    response = page.goto(base_url + "/kern/atlantis?gemeente=buren")
    assert response.status == 404
    page.wait_for_selector("h1:text('Niet gevonden')")
    page.wait_for_function("() => document.title === 'Niet gevonden - Kernenkaart'")
    assert "De gemeente Buren heeft geen kern 'atlantis'." in page.inner_text("main")
    page.click("main >> text=Naar de kaart")
    page.wait_for_selector("#kaart")
    # the only console error is the browser reporting the 404 itself
    errors = page.console_log.app_errors()
    assert all("status of 404" in e for e in errors), errors


def test_vergelijk_kernen_by_keyboard_and_back(page, base_url: str) -> None:
    warnings = []
    page.on(
        "console", lambda m: warnings.append(m.text) if m.type == "warning" else None
    )
    page.goto(base_url + "/kern/beesd?gemeente=west-betuwe")
    # from a profile: the kern and the other kernen of its gebied are ticked
    page.click("text=Beesd vergelijken met de kernen van gebied Beesd en Tricht")
    page.wait_for_selector("h1:text('Kernen vergelijken: West Betuwe')")
    page.wait_for_function("() => document.title.startsWith('Kernen vergelijken')")
    assert page.is_checked("#vergelijk-kernen input[value='beesd']")
    assert page.is_checked("#vergelijk-kernen input[value='tricht']")
    # keyboard only: tick Asperen, then press the button
    page.focus("#vergelijk-kernen input[value='asperen']")
    page.keyboard.press("Space")
    page.focus("#vergelijk-knop")
    page.keyboard.press("Enter")
    page.wait_for_url(
        re.compile(r".*/vergelijk\?gemeente=west-betuwe&kernen=beesd,.*,asperen$")
    )
    chosen = page.url.split("kernen=")[1].split(",")
    assert "tricht" in chosen and len(chosen) >= 3
    table = page.locator(
        f"table:has(caption:text('{len(chosen)} kernen van West Betuwe'))"
    )
    table.wait_for()
    rows = [
        r.split("\t")[0].strip() for r in table.locator("tbody tr").all_inner_texts()
    ]
    assert rows[0] == "Beesd" and rows[-1] == "Asperen" and len(rows) == len(chosen)
    # the focus stays on the button, so Tab goes on to the comparison
    page.wait_for_function("() => document.activeElement.id === 'vergelijk-knop'")
    page.go_back()
    page.wait_for_selector(f"caption:text('{len(chosen) - 1} kernen van West Betuwe')")
    assert page.console_log.app_errors() == []
    assert not [w for w in warnings if "Kernenkaart" in w], warnings


def test_monitor_cbs_indicator_by_keyboard_keeps_focus_and_url(
    page, base_url: str
) -> None:
    """Arrow keys choose the indicator: the URL keeps it, the focus stays put."""
    page.goto(base_url + "/monitor?gemeente=west-betuwe")
    page.wait_for_selector("#monitor-cbs-kernen .veelvoud")
    assert page.locator("#monitor-cbs-kernen .veelvoud").count() == 26
    assert "Inwoners per kern, 2017 en 2024" in page.inner_text("#monitor-cbs-kernen")
    page.focus("#monitor-cbs-indicator input[value='aantal_inwoners']")
    page.keyboard.press("ArrowRight")
    page.wait_for_url(re.compile(r".*indicator=aandeel_65_plus$"))
    page.wait_for_function(
        "() => document.querySelector('#monitor-cbs-kernen h3')"
        ".textContent.startsWith('Aandeel 65+ per kern')"
    )
    assert page.evaluate("document.activeElement.value") == "aandeel_65_plus"
    geldermalsen = page.locator(
        ".veelvoud:has(h3:has-text('Geldermalsen'))"
    ).inner_text()
    assert "2017" in geldermalsen and "2024" in geldermalsen and "%" in geldermalsen
    page.go_back()
    page.wait_for_function(
        "() => document.querySelector('#monitor-cbs-kernen h3')"
        ".textContent.startsWith('Inwoners per kern')"
    )
    assert page.console_log.app_errors() == []
