"""Kaart screen in headless Chromium: draw, select, URL state, back/forward."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot, wait_for_map

pytestmark = pytest.mark.browser


def test_kaart_smoke_draws_map_and_legend(page, base_url: str) -> None:
    page.goto(f"{base_url}/?gemeente=buren&overlay=indicator")
    wait_for_map(page)
    assert "Kernenkaart Buren" in page.inner_text("h1")
    assert "Legenda" in page.inner_text("#legenda")
    assert page.locator("table.tabel tbody tr").count() > 0
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
