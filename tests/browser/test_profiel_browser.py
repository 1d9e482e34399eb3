"""Kernprofiel: a kern's own figures over the years, its age structure, axe."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot, wait_for_map

pytestmark = pytest.mark.browser

MAURIK = "/kern/maurik?gemeente=buren"
HAAFTEN = "/kern/haaften?gemeente=west-betuwe"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _open(page, url: str) -> None:  # noqa: ANN001
    page.goto(url)
    page.wait_for_selector("#profiel-kerncijfers")
    wait_for_map(page)


def test_profiel_01_maurik_inwoners_over_the_years(page, base_url: str) -> None:
    _open(page, base_url + MAURIK)
    card = page.locator(".kengetal:has(h4:text-is('Aantal inwoners'))")
    text = card.inner_text()
    assert "5.000 inwoners" in text and "kern, 2024" in text
    assert "2017: 4.135 · 2024: 5.000 (+21 %)" in text
    assert "gemeente Buren: 27.773" in text
    source = page.inner_text("#profiel-kerncijfers .bron")
    assert source.startswith("Bron: CBS, Kerncijfers wijken en buurten 2017")
    assert "optelling van buurten tot kernen" in source
    assert page.console_log.app_errors() == []


def test_profiel_02_age_structure_kern_against_gemeente(page, base_url: str) -> None:
    _open(page, base_url + MAURIK)
    section = page.locator("section.leeftijd")
    assert "Leeftijdsopbouw (2024)" in section.inner_text()
    table = section.locator("table")
    rows = table.locator("tbody tr").all_inner_texts()
    assert len(rows) == 5 and rows[0].startswith("0-15 jaar")
    kern_pct = [float(r.split("\t")[2].rstrip("%").replace(",", ".")) for r in rows]
    assert sum(kern_pct) == pytest.approx(100, abs=0.3)
    assert "gemeente Buren" in section.locator("figure").inner_text()


def test_profiel_03_moved_border_and_wijk_figure_say_so(page, base_url: str) -> None:
    _open(page, base_url + HAAFTEN)
    inwoners = page.locator(".kengetal:has(h4:text-is('Aantal inwoners'))")
    assert "2017: grens verschoven (Haaften, overlap 45 %)" in inwoners.inner_text()
    woningen = page.locator(
        ".kengetal:has(h4:text-is('Woningvoorraad in wijk Haaften'))"
    )
    assert "Cijfer van de hele wijk" in woningen.inner_text()
    page.click("text=Alle CBS-cijfers van Haaften")
    assert page.locator("#profiel-alle-cijfers table").is_visible()


@pytest.mark.parametrize("width", [1280, 375])
def test_profiel_04_axe_and_no_sideways_scroll(page, base_url: str, width: int) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.set_viewport_size({"width": width, "height": 800})
    _open(page, base_url + MAURIK)
    page.click("text=Alle CBS-cijfers van Maurik")  # check the full table too
    page.wait_for_timeout(300)
    screenshot(page, f"kernprofiel-maurik-{width}")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    serious = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x) {v['nodes'][0]['target']}"
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]
    assert serious == [], serious
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.console_log.app_errors() == []
