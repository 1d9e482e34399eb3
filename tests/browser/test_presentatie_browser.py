"""Presentation mode and the profile PDF download in headless Chromium."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot, wait_for_map

pytestmark = pytest.mark.browser


def legend_title(page) -> str:  # noqa: ANN001
    return page.inner_text("#legenda .legenda-titel")


def test_presentatie_url_flag_keys_and_escape(page, base_url: str) -> None:
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{base_url}/?gemeente=buren&overlay=kernagenda&presentatie=1")
    wait_for_map(page)
    assert not page.locator(".bediening").is_visible()
    assert not page.locator("#kern-tabel").is_visible()
    box = page.locator("#kaart").bounding_box()
    assert box and box["height"] > 800 and box["width"] > 1200
    screenshot(page, "presentatie-1920")
    before = legend_title(page)
    page.locator("body").press("ArrowRight")
    page.wait_for_function(
        "(t) => document.querySelector('#legenda .legenda-titel').innerText !== t",
        arg=before,
    )
    assert "overlay=leefbaarheid" in page.url or legend_title(page) != before
    assert "presentatie=1" in page.url
    page.locator("body").press("Escape")
    page.wait_for_selector(".bediening", state="visible")
    assert "presentatie" not in page.url
    assert (
        page.get_by_role("button", name="Presentatiemodus").get_attribute(
            "aria-pressed"
        )
        == "false"
    )
    assert page.console_log.app_errors() == []


def test_presentatie_on_a_phone_shows_the_map_full_width(page, base_url: str) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{base_url}/?gemeente=west-betuwe&presentatie=1")
    wait_for_map(page)
    box = page.locator("#kaart").bounding_box()
    assert box and box["width"] > 320 and box["height"] > 300, box
    legend = page.locator("#legenda").bounding_box()
    assert legend and legend["y"] >= box["y"] + box["height"] - 1  # under the map
    screenshot(page, "presentatie-375")


def test_presentatie_toggle_and_no_keys_in_form_controls(page, base_url: str) -> None:
    page.goto(f"{base_url}/?gemeente=buren&overlay=kernagenda")
    wait_for_map(page)
    before = legend_title(page)
    # a checkbox, not a select: arrow keys on a focused <select> change its value
    # (here: the gemeente), which would navigate away mid-test
    page.locator("input[type=checkbox]").first.focus()
    page.keyboard.press("ArrowRight")  # not in presentation mode, and in a form
    page.get_by_role("button", name="Presentatiemodus").click()
    page.wait_for_selector(".kaart-pagina.presentatie")
    assert "presentatie=1" in page.url
    assert legend_title(page) == before
    assert page.console_log.app_errors() == []


def test_profiel_pdf_download(page, base_url: str) -> None:
    page.goto(f"{base_url}/kern/lienden?gemeente=buren")
    button = page.get_by_role("button", name="Download profiel (PDF)")
    with page.expect_download(timeout=60000) as info:
        button.click()
    download = info.value
    assert download.suggested_filename.startswith("kernprofiel-lienden-")
    with open(download.path(), "rb") as fh:
        assert fh.read(4) == b"%PDF"
