"""Browser fixtures: stores built into a tmp folder, the app served in a thread, Chromium."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from exports.render import CHROMIUM_ARGS
from pipelines.build import build_gemeente
from pipelines.gemeente import resolve_gemeenten
from pipelines.settings import PROJECT_ROOT, load_settings
from tests.net import free_port

CHROMIUM = os.environ.get("KERNENKAART_CHROMIUM", "/usr/bin/chromium")
ARGS = CHROMIUM_ARGS  # one list of headless flags, shared with exports
SCREENSHOTS = PROJECT_ROOT / "test-output" / "screenshots"
RECORDS = PROJECT_ROOT / "data" / "voorbeelddata"


@pytest.fixture(scope="session")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both gemeenten, intern and openbaar, from the snapshot (+ voorbeelddata)."""
    build_dir = tmp_path_factory.mktemp("stores")
    settings = load_settings(build_dir=build_dir)
    records = RECORDS if RECORDS.exists() else None
    for config in resolve_gemeenten(settings.gemeenten_dir, "all"):
        for audience in ("intern", "openbaar") if records else ("intern",):
            build_gemeente(
                settings, config, "snapshot", records_dir=records, audience=audience
            )
    return build_dir


def _serve(build_dir: Path, audience: str) -> str:
    from waitress.server import create_server

    from app import create_app

    settings = load_settings(build_dir=build_dir, audience=audience)
    app = create_app(settings)
    port = free_port()
    server = create_server(app.server, host="127.0.0.1", port=port, threads=6)
    threading.Thread(target=server.run, daemon=True).start()
    return f"http://127.0.0.1:{port}"


@pytest.fixture(scope="session")
def base_url(store_dir: Path) -> str:
    return _serve(store_dir, "intern")


@pytest.fixture(scope="session")
def public_url(store_dir: Path) -> str:
    return _serve(store_dir, "openbaar")


@pytest.fixture(scope="session")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


class ConsoleLog(list):
    """Console errors of the app (failed requests to outside servers excluded)."""

    def app_errors(self) -> list[str]:
        return [m for m in self if "service.pdok.nl" not in m and "ERR_" not in m]


@pytest.fixture
def page(browser) -> Iterator:  # noqa: ANN001
    context = browser.new_context(
        viewport={"width": 1280, "height": 800}, locale="nl-NL"
    )
    pg = context.new_page()
    log = ConsoleLog()
    pg.on("console", lambda m: log.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: log.append(f"pageerror: {e}"))
    pg.console_log = log
    yield pg
    context.close()


def wait_for_map(pg) -> None:  # noqa: ANN001
    """Wait until MapLibre has drawn the map (style, geometry and labels loaded)."""
    pg.wait_for_selector(".js-plotly-plot .maplibregl-canvas", timeout=20000)
    pg.wait_for_function(
        "() => { const d = document.querySelector('.js-plotly-plot');"
        " const m = d && d._fullLayout && d._fullLayout.map && d._fullLayout.map._subplot;"
        " return m && m.map && m.map.loaded(); }",
        timeout=20000,
    )


def wait_for_paint(pg, overlay: str, timeout: int = 20000) -> None:  # noqa: ANN001
    """Wait until the Kaart shows ``overlay``'s colours (assets/kernenkaart-kaart.js)."""
    pg.wait_for_function(
        "(o) => { const g = document.querySelector('#kaart .js-plotly-plot');"
        " const v = g && g.getAttribute('data-kk-geschilderd');"
        " return !!v && v.startsWith(o + ' '); }",
        arg=overlay,
        timeout=timeout,
    )


def kern_point(pg, name: str) -> tuple[float, float]:  # noqa: ANN001
    """Page coordinates of a kern's name on the Kaart (its label point)."""
    x, y = pg.evaluate(
        "(name) => { const d = document.querySelector('#kaart .js-plotly-plot');"
        " const m = d._fullLayout.map._subplot.map;"
        " const t = d.data.find((t) => t.uid === 'namen');"
        " const i = t.text.indexOf(name);"
        " const p = m.project([t.lon[i], t.lat[i]]);"
        " const r = m.getCanvas().getBoundingClientRect();"
        " return [r.left + p.x, r.top + p.y]; }",
        name,
    )
    return x, y


def screenshot(pg, name: str) -> None:  # noqa: ANN001
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
