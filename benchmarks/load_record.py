"""Record what a real browser asks of the server on a visit (for benchmarks/load.py).

Headless Debian Chromium (Playwright, a fresh profile so the first visit is
cold) opens the Kaart, switches overlays, opens a Kernprofiel and goes back to
the Kaart with a kern chosen. Every request the server sees is kept, per
step: method, path, the headers that matter, the body of POSTs (Dash's
``/_dash-update-component``), the status, and when it started and ended. A
request the browser would answer from its own cache (a URL fetched before in
the session whose answer was still fresh by its Cache-Control) is left out,
so a step holds what the server really gets.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from benchmarks.dashboard import ARGS, CHROMIUM

KEEP_HEADERS = (
    "accept",
    "accept-encoding",
    "accept-language",
    "content-type",
    "referer",
    "user-agent",
    "x-csrftoken",
)
PAINTED = (
    "() => { const g = document.querySelector('#kaart .js-plotly-plot');"
    " return !!(g && g.getAttribute('data-kk-geschilderd'))"
    " && document.querySelectorAll('#kern-tabel tbody tr').length > 0; }"
)
GEMEENTE = "west-betuwe"
KERN = "beesd"


def legend_shows(text: str) -> str:
    return (
        "() => document.querySelector('#legenda').innerText.includes("
        + json.dumps(text)
        + ")"
    )


class Recorder:
    """Collects the requests of one browser context, step by step."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.steps: list[dict[str, Any]] = []
        self._current: list[Any] = []
        self._fresh: dict[str, float] = {}  # url -> until when the cache holds it

    def attach(self, context: Any) -> None:
        context.on("requestfinished", self._seen)
        context.on("requestfailed", self._seen)

    def _seen(self, request: Any) -> None:
        self._current.append(request)

    def step(self, name: str, action: Any, page: Any) -> None:
        self._current.clear()
        started = time.time()
        action()
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(1000)  # late fetches (hover text, glyphs)
        requests = [self._entry(r, started) for r in list(self._current)]
        kept = [r for r in requests if r is not None]
        kept.sort(key=lambda r: r["start"])
        self.steps.append({"name": name, "requests": kept})
        print(f"  {name}: {len(kept)} requests to the server", flush=True)

    def _entry(self, request: Any, started: float) -> dict[str, Any] | None:
        if not request.url.startswith(self.base):
            return None
        timing = request.timing
        start = timing["startTime"] / 1000
        if self._cached(request.url, start):
            return None
        response = request.response() if request.failure is None else None
        self._remember(request.url, response, start)
        headers = request.all_headers()
        path = urlsplit(request.url)
        return {
            "method": request.method,
            "path": path.path + (f"?{path.query}" if path.query else ""),
            "headers": {
                k: self._local(v) for k, v in headers.items() if k in KEEP_HEADERS
            },
            "body": request.post_data,
            "status": response.status if response else 0,
            "start": round(start - started, 4),
            "end": round(start - started + max(timing["responseEnd"], 0) / 1000, 4),
        }  # fmt: skip

    def _local(self, value: str) -> str:
        return value.replace(self.base, "{origin}")

    def _cached(self, url: str, at: float) -> bool:
        return self._fresh.get(url, 0.0) > at

    def _remember(self, url: str, response: Any, at: float) -> None:
        if response is None:
            return
        control = response.headers.get("cache-control", "")
        match = re.search(r"max-age=(\d+)", control)
        if match and "no-cache" not in control and "no-store" not in control:
            self._fresh[url] = at + int(match.group(1))


def record(base: str, out: Path) -> dict[str, Any]:
    """Drive Chromium through the visit on ``base``; write the recording to ``out``."""
    from playwright.sync_api import sync_playwright

    recorder = Recorder(base)
    kaart = f"{base}/?gemeente={GEMEENTE}"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        recorder.attach(context)
        page = context.new_page()
        cbs = "Maatschappelijke opgaven (CBS-cijfers)"
        steps = [
            ("kaart_eerste_bezoek", lambda: page.goto(kaart), PAINTED),
            ("overlay_leefbaarheidsbudget",
             lambda: page.get_by_label("Leefbaarheidsbudget").check(),
             legend_shows("euro toegekend")),
            ("overlay_maatschappelijke_opgaven",
             lambda: page.get_by_label(cbs).check(),
             legend_shows("Aantal inwoners")),
            ("kernprofiel_beesd",
             lambda: page.goto(f"{base}/kern/{KERN}?gemeente={GEMEENTE}"),
             "() => document.body.innerText.includes('Beesd')"),
            ("kaart_met_kern",
             lambda: page.goto(f"{kaart}&overlay=kernagenda&kern={KERN}"), PAINTED),
        ]  # fmt: skip
        for name, action, ready in steps:

            def act(action: Any = action, ready: str = ready) -> None:
                action()
                page.wait_for_function(ready, timeout=60000)

            recorder.step(name, act, page)
        browser.close()
    recording = {
        "recorded_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "browser": "Debian chromium (headless, Playwright), fresh profile",
        "steps": recorder.steps,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(recording, indent=1, ensure_ascii=False) + "\n")
    return recording
