"""Headless Chromium, offline: HTML to PDF (Playwright) and figures to images (kaleido).

Both use the Debian Chromium at ``/usr/bin/chromium`` (override with the
environment variable ``KERNENKAART_CHROMIUM``); nothing is downloaded. A
:class:`Renderer` keeps one browser and one kaleido process open, so a batch
pays the start-up once; every function also works without one (it then starts
and stops its own browser, which is what a single download from the app does).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import TracebackType
from typing import Any

from pipelines.errors import KernenkaartError

logger = logging.getLogger(__name__)

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
FIGURE_TIMEOUT = 60.0
PAGE_MARGIN = {"top": "17mm", "bottom": "17mm", "left": "14mm", "right": "14mm"}
_kaleido_lock = threading.Lock()


class ExportError(KernenkaartError):
    """An export could not be produced (browser missing, kern unknown, ...)."""


def chromium_path() -> str:
    """The Chromium executable: ``KERNENKAART_CHROMIUM`` or ``/usr/bin/chromium``."""
    path = os.environ.get("KERNENKAART_CHROMIUM", "/usr/bin/chromium")
    if not Path(path).exists():
        raise ExportError(
            f"Chromium not found at {path}.",
            hint="Install Debian's chromium (apt-get install chromium) or set "
            "KERNENKAART_CHROMIUM to its path.",
        )
    return path


def _kaleido_options() -> dict[str, Any]:
    # mathjax=False: its default is a CDN script, which offline only costs time.
    return {"path": chromium_path(), "mathjax": False, "timeout": FIGURE_TIMEOUT}


class Renderer:
    """One Playwright Chromium (PDF) and one kaleido server (figures), reused.

    Playwright's sync API refuses to run in a thread whose asyncio loop is
    running (a notebook, a test session that already drives a browser, an
    async server). All browser work therefore runs in one worker thread that
    this renderer owns; callers may use it from any thread.

    Use as a context manager::

        with Renderer() as r:
            pdf = r.pdf(html)
            png = r.figure(fig, "png", 1920, 1080)
    """

    def __init__(self) -> None:
        self._playwright: Any = None
        self._browser: Any = None
        self._kaleido_started = False
        self._worker: ThreadPoolExecutor | None = None

    def _in_worker(self, func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run ``func`` in this renderer's browser thread and return its result."""
        if self._worker is None:
            self._worker = ThreadPoolExecutor(1, thread_name_prefix="kernenkaart-pdf")
        return self._worker.submit(func, *args, **kwargs).result()

    def __enter__(self) -> Renderer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _ensure_browser(self) -> Any:
        if self._browser is None:
            from playwright.sync_api import sync_playwright

            self._playwright = sync_playwright().start()
            try:
                self._browser = self._playwright.chromium.launch(
                    executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
                )
            except Exception:
                self._playwright.stop()
                self._playwright = None
                raise
        return self._browser

    def pdf(
        self,
        html: str,
        *,
        header: str = "",
        footer: str = "",
        landscape: bool = False,
    ) -> bytes:
        """Print a self-contained HTML document to A4 PDF (print CSS applies).

        ``header`` and ``footer`` are Chromium header/footer templates repeated
        on every page (they may use ``<span class="pageNumber">``).
        """
        return self._in_worker(
            self._pdf, html, header=header, footer=footer, landscape=landscape
        )

    def _pdf(self, html: str, *, header: str, footer: str, landscape: bool) -> bytes:
        page = self._ensure_browser().new_page()
        try:
            # block every network request: documents are self-contained
            page.route("**/*", _block_network)
            page.set_content(html, wait_until="load")
            return page.pdf(
                format="A4",
                landscape=landscape,
                print_background=True,
                display_header_footer=bool(header or footer),
                header_template=header or "<span></span>",
                footer_template=footer or "<span></span>",
                margin=PAGE_MARGIN,
            )
        finally:
            page.close()

    def screenshot(self, html: str, width: int = 1240, height: int = 1754) -> bytes:
        """PNG of an HTML document as printed (for looking at a page)."""
        return self._in_worker(self._screenshot, html, width, height)

    def _screenshot(self, html: str, width: int, height: int) -> bytes:
        page = self._ensure_browser().new_page(
            viewport={"width": width, "height": height}
        )
        try:
            page.route("**/*", _block_network)
            page.emulate_media(media="print")
            page.set_content(html, wait_until="load")
            return page.screenshot(full_page=True)
        finally:
            page.close()

    def figure(
        self,
        figure: dict[str, Any],
        fmt: str = "png",
        width: int = 1920,
        height: int = 1080,
        scale: float = 1.0,
    ) -> bytes:
        """Render a Plotly figure dict with kaleido (server kept for this renderer)."""
        import kaleido

        with _kaleido_lock:
            if not self._kaleido_started and not kaleido._global_server.is_running():
                kaleido.start_sync_server(**_kaleido_options(), silence_warnings=True)
                self._kaleido_started = True
        opts = {"format": fmt, "width": width, "height": height, "scale": scale}
        return _as_bytes(kaleido.calc_fig_sync(figure, opts=opts))

    def close(self) -> None:
        """Stop the browser and the kaleido server this renderer started."""
        if self._worker is not None:
            self._in_worker(self._close_browser)
            self._worker.shutdown()
            self._worker = None
        if self._kaleido_started:
            import kaleido

            kaleido.stop_sync_server(silence_warnings=True)
            self._kaleido_started = False

    def _close_browser(self) -> None:
        if self._browser is not None:
            self._browser.close()
            self._browser = None
        if self._playwright is not None:
            self._playwright.stop()
            self._playwright = None


def _block_network(route: Any) -> None:
    """Allow data: and about: URLs; abort everything else (offline by design)."""
    url = route.request.url
    if url.startswith(("data:", "about:")):
        route.continue_()
    else:
        logger.debug("blocked request from print page: %s", url)
        route.abort()


def _as_bytes(data: Any) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else bytes(data)


def render_figure(
    figure: dict[str, Any],
    fmt: str = "png",
    width: int = 1920,
    height: int = 1080,
    scale: float = 1.0,
    renderer: Renderer | None = None,
) -> bytes:
    """A Plotly figure as PNG/SVG/PDF bytes via kaleido and the local Chromium."""
    if renderer is not None:
        return renderer.figure(figure, fmt, width, height, scale)
    import kaleido

    opts = {"format": fmt, "width": width, "height": height, "scale": scale}
    return _as_bytes(kaleido.calc_fig_sync(figure, opts=opts, kopts=_kaleido_options()))


def html_to_pdf(
    html: str, renderer: Renderer | None = None, *, header: str = "", footer: str = ""
) -> bytes:
    """Print an HTML document to A4 PDF with headless Chromium (offline)."""
    if renderer is not None:
        return renderer.pdf(html, header=header, footer=footer)
    with Renderer() as own:
        return own.pdf(html, header=header, footer=footer)
