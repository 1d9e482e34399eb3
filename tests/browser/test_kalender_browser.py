"""Jaarkalender in Chromium: keyboard-only filters, the Gebied page, axe at two widths."""

from __future__ import annotations

import os
from datetime import date

import pytest

from pipelines.settings import PROJECT_ROOT
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser
TODAY = date(2026, 2, 5)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    import callbacks.kalender as ck

    monkeypatch.setattr(ck, "today", lambda: TODAY)


def _tab_to(page, element_id: str, limit: int = 80) -> None:  # noqa: ANN001
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == (
            element_id
        ):
            return
    raise AssertionError(f"#{element_id} not reached with Tab")


def _choose(page, element_id: str, label: str) -> None:  # noqa: ANN001
    """Pick an option of a focused native select with the keyboard only."""
    for _ in range(60):
        chosen = page.evaluate(
            "(id) => { const s = document.getElementById(id);"
            " return s.options[s.selectedIndex].text; }",
            element_id,
        )
        if chosen == label:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{label} not found in #{element_id}")


def test_kalender_filtered_by_kern_and_soort_keyboard_only(page, base_url):  # noqa: ANN001
    page.goto(base_url + "/kalender?gemeente=west-betuwe")
    page.wait_for_selector(".kalender-item")
    assert "Nog 23 dagen tot de deadline voor nieuwe actiepunten" in page.inner_text(
        ".kalender-nu"
    )
    _tab_to(page, "kalender-kern")
    _choose(page, "kalender-kern", "Beesd")
    page.wait_for_function("() => location.search.includes('kern=beesd')")
    _tab_to(page, "kalender-soort", 5)
    _choose(page, "kalender-soort", "Markt")
    page.wait_for_function("() => location.search.includes('soort=markt')")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.kalender-item .soort')]"
        ".every((s) => s.textContent === 'Markt')"
    )
    items = page.locator(".kalender-item")
    assert items.count() >= 1
    assert all("Beesd" in t for t in items.all_inner_texts())
    assert page.evaluate("document.activeElement.id") == "kalender-soort"  # focus kept
    # the link keeps the filters: reloading shows the same selection
    page.reload()
    page.wait_for_selector(".kalender-item")
    assert page.input_value("#kalender-kern") == "beesd"
    assert page.input_value("#kalender-soort") == "markt"
    # Abonneren opens with the keyboard and shows the feed URL
    _tab_to(page, "kalender-periode")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    feed = page.input_value("#kalender-feed-adres")
    assert feed.endswith("/kalender/west-betuwe/kern/beesd.ics?soort=markt")
    assert "Outlook" in page.inner_text(".abonneren-inhoud")
    assert page.console_log.app_errors() == []


def test_gebied_page_shows_next_gebiedstafel(page, base_url):  # noqa: ANN001
    page.goto(base_url + "/gebied/beesd-en-tricht?gemeente=west-betuwe")
    page.wait_for_selector(".volgende-gebiedstafel")
    text = page.inner_text(".volgende-gebiedstafel")
    assert "di 10 maart 2026, 19:30-21:30" in text and "over 33 dagen" in text
    assert "Breng deze" in page.inner_text("body")


@pytest.mark.parametrize("width", [1280, 375])
def test_kalender_axe(page, base_url, width):  # noqa: ANN001
    from axe_playwright_python.sync_playwright import Axe

    page.set_viewport_size({"width": width, "height": 800})
    page.goto(base_url + "/kalender?gemeente=west-betuwe&kern=beesd")
    page.wait_for_selector(".kalender-item")
    page.wait_for_timeout(400)
    screenshot(page, f"kalender-{width}")
    if os.environ.get("KERNENKAART_DOCS_SCREENSHOTS") and width == 1280:
        page.screenshot(
            path=str(PROJECT_ROOT / "docs" / "screenshots" / "kalender.png")
        )
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    serious = [
        f"{v['id']}: {v['help']} {v['nodes'][0]['target']}"
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]
    assert serious == [], serious
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.console_log.app_errors() == []
