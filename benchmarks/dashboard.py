"""Dashboard benchmark: first drawn map and overlay switch, time and bytes.

Starts ``kernenkaart serve`` in a subprocess on a free port for (1) the two
voorbeelddata gemeenten and (2) a synthetic national-scale store (14,000
buurten in 2,500 kernen, from benchmarks/synthetic.py), drives headless
Debian Chromium with Playwright and prints medians over several runs:

* first load: from navigation start until MapLibre has drawn a frame with
  the kernen in the overlay's colours (the performance mark 'kk-geschilderd'
  that assets/kernenkaart-kaart.js sets then), and the bytes on the wire for
  everything the page loaded (CDP encodedDataLength); also until Plotly's kern
  names are drawn too (they come after MapLibre's "load" event);
* switches (overlay, filter, indicator): from the click until a frame with the
  new colours is drawn, and until the legend and table show it too (seen by
  MutationObservers, no polling), and the bytes of the callback responses.

Usage: python benchmarks/dashboard.py [--runs 5] [--skip-synthetic]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from exports.render import CHROMIUM_ARGS  # noqa: E402 - after the path setup
from tests.net import free_port  # noqa: E402

CHROMIUM = os.environ.get("KERNENKAART_CHROMIUM", "/usr/bin/chromium")
ARGS = CHROMIUM_ARGS  # one list of headless flags, shared with exports
# The Kaart is drawn when assets/kernenkaart-kaart.js has painted the overlay's
# colours and MapLibre has drawn a frame with them (its GeoJSON loaded).
MAP_READY = (
    "() => { const g = document.querySelector('#kaart .js-plotly-plot');"
    " return !!(g && g.getAttribute('data-kk-geschilderd')); }"
)
DRAWN_AT = "() => performance.getEntriesByName('kk-geschilderd')[0].startTime"
# The map is complete when Plotly's kern names are drawn too (they come after
# the map's "load" event). Plotly.react is wrapped as plotly.js defines itself,
# so nothing runs during the load; after the plot, every frame MapLibre draws
# checks whether the names' source is loaded, and marks 'kk-namen' once.
NAMES_HOOK = """(() => {
  let real;
  const watch = (gd) => {
    const map = gd && gd._fullLayout && gd._fullLayout.map;
    const m = map && map._subplot && map._subplot.map;
    if (!m || m._kkBench || !gd.closest('#kaart')) return;
    m._kkBench = true;
    const names = 'source-namen-symbol';  // Plotly's source of trace uid 'namen'
    const done = () => {
      if (!m.getSource(names) || !m.isSourceLoaded(names)) return;
      m.off('render', done);
      performance.mark('kk-namen');
    };
    m.on('render', done);
  };
  Object.defineProperty(window, 'Plotly', { configurable: true, enumerable: true,
    get() { return real; },
    set(v) {
      real = v;
      for (const f of ['newPlot', 'react']) {
        const original = v[f];
        v[f] = function (gd) {
          const result = original.apply(this, arguments);
          Promise.resolve(result).then(() => watch(gd));
          return result;
        };
      }
    } });
})();"""
NAMES_DRAWN = "() => performance.getEntriesByName('kk-namen').length > 0"
NAMES_AT = "() => performance.getEntriesByName('kk-namen')[0].startTime"
SWITCH = """async ([selector, value]) => {
  // Observers, not polling: a polling loop would compete with the page for
  // the main thread and slow down what it measures.
  const gd = document.querySelector('#kaart .js-plotly-plot');
  const table = document.querySelector('#kern-tabel');
  const caption = () => table.querySelector('caption').innerText;
  const captionBefore = caption();
  const changed = (target, options, done) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(
      'nothing changed after 30 s: ' + selector + ' ' + value)), 30000);
    const observer = new MutationObserver(() => {
      if (done()) { observer.disconnect(); clearTimeout(timer); resolve(); }
    });
    observer.observe(target, options);
  });
  const before = gd.getAttribute('data-kk-geschilderd');
  const painted = changed(gd, { attributes: true },
    () => gd.getAttribute('data-kk-geschilderd') !== before);
  const tabled = changed(table, { childList: true, subtree: true, characterData: true },
    () => caption() !== captionBefore);
  const t0 = performance.now();
  const el = document.querySelector(selector);
  if (el.tagName === 'SELECT') {
    const proto = HTMLSelectElement.prototype;
    const setter = Object.getOwnPropertyDescriptor(proto, 'value').set;
    // "#3": the fourth option of the select, whatever its value (options 0 and
    // 1 are the empty placeholder and 'alle'; past the end it wraps around)
    const n = el.options.length;
    const pick = (i) => el.options[2 + (i - 2) % (n - 2)].value;
    const v = value.startsWith('#') ? pick(Number(value.slice(1))) : value;
    setter.call(el, v);
    el.dispatchEvent(new Event('change', { bubbles: true }));
  } else { el.click(); }
  await painted;
  const tMap = performance.now() - t0;
  await tabled;
  return [tMap, performance.now() - t0];
}"""


def build_stores(build_dir: Path, synthetic: bool) -> None:
    from pipelines.build import build_gemeente
    from pipelines.gemeente import resolve_gemeenten
    from pipelines.settings import load_settings

    settings = load_settings(build_dir=build_dir)
    records = ROOT / "data" / "voorbeelddata"
    for config in resolve_gemeenten(settings.gemeenten_dir, "all"):
        build_gemeente(
            settings,
            config,
            "snapshot",
            records_dir=records if records.exists() else None,
            audience="intern",
        )
    if synthetic:
        from benchmarks.synthetic import build_synthetic_store

        build_synthetic_store(build_dir)


def start_server(build_dir: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    cmd = [
        sys.executable,
        "-c",
        "from cli import main; main()",
        "serve",
        "--build-dir",
        str(build_dir),
        "--port",
        str(port),
    ]
    proc = subprocess.Popen(
        cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    url = f"http://127.0.0.1:{port}"
    import urllib.request

    for _ in range(300):
        try:
            urllib.request.urlopen(url + "/healthz", timeout=1)
            return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not start: " + proc.stderr.read().decode()[-2000:])


class Meter:
    """Counts bytes on the wire (CDP Network.loadingFinished encodedDataLength)."""

    def __init__(self, context, page) -> None:  # noqa: ANN001
        self.total = 0
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
        cdp.on("Network.loadingFinished", self._finished)

    def _finished(self, event: dict) -> None:
        self.total += int(event.get("encodedDataLength", 0))


def first_load(browser, url: str) -> tuple[float, int, float]:  # noqa: ANN001
    """Seconds to the first drawn map, bytes, seconds until the names are drawn."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.add_init_script(NAMES_HOOK)
    meter = Meter(context, page)
    page.goto(url)
    # Polling slowly, not to compete with the page; the time itself is the
    # page's own mark (set when the frame is drawn), from navigation start.
    page.wait_for_function(MAP_READY, timeout=60000, polling=200)
    page.wait_for_function(NAMES_DRAWN, timeout=60000, polling=200)
    elapsed = page.evaluate(DRAWN_AT) / 1000
    names = page.evaluate(NAMES_AT) / 1000
    page.wait_for_timeout(300)  # late glyph/geojson responses still count as bytes
    context.close()
    return elapsed, meter.total, names


def switches(  # noqa: ANN001
    browser, url: str, steps: list[tuple[str, str]], runs: int, settle_ms: int
) -> list:
    """Time ``runs`` switches; each starts on a quiet page (``settle_ms`` after
    the table showed the previous one, so its late answers are in)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    meter = Meter(context, page)
    page.goto(url)
    page.wait_for_function(MAP_READY, timeout=60000, polling=10)
    page.wait_for_timeout(500)
    out = []
    for i in range(runs):
        selector, value = steps[i % len(steps)]
        before = meter.total
        t_map, t_all = page.evaluate(SWITCH, [selector, value])
        page.wait_for_timeout(settle_ms)
        out.append((t_map / 1000, t_all / 1000, meter.total - before))
    context.close()
    return out


def report(name: str, loads: list, kinds: dict[str, list]) -> None:
    med = statistics.median
    print(f"\n{name}")
    print(
        f"  first drawn map: {med(t for t, _, _ in loads):.2f} s, "
        f"{med(b for _, b, _ in loads) / 1e6:.2f} MB transferred "
        f"(runs: {', '.join(f'{t:.2f}' for t, _, _ in loads)}); "
        f"kern names drawn too: {med(n for _, _, n in loads):.2f} s"
    )
    for kind, switch in kinds.items():
        print(
            f"  {kind}: map repainted in {med(s[0] for s in switch) * 1000:.0f} ms "
            f"(legend and table too: {med(s[1] for s in switch) * 1000:.0f} ms), "
            f"{med(s[2] for s in switch) / 1000:.1f} KB transferred"
        )


def overlay_steps(*keys: str) -> list[tuple[str, str]]:
    return [(f"#overlay-kiezer input[value='{k}']", "") for k in keys]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-synthetic", action="store_true")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="kk-bench-") as tmp:
        build_dir = Path(tmp)
        print("building stores ...", flush=True)
        build_stores(build_dir, not args.skip_synthetic)
        proc, url = start_server(build_dir)
        switch_kinds = {
            "overlay switch": overlay_steps("kernagenda", "leefbaarheid"),
            # every switch to a year not shown before (no cached answer)
            "filter switch (jaar)": [("#jaar-filter", f"#{i}") for i in range(2, 10)],
        }
        cases = [
            ("West Betuwe (voorbeelddata, 26 kernen)", "west-betuwe", "leefbaarheid"),
            ("Buren (voorbeelddata, 16 kernen)", "buren", "leefbaarheid"),
        ]
        synthetic_kinds = {
            "overlay switch": overlay_steps("gebieden", "indicator"),
            "indicator switch": [
                ("#indicator-kiezer", k) for k in ("woningvoorraad", "aantal_inwoners")
            ],
        }
        if not args.skip_synthetic:
            cases.append(
                (
                    "Synthetic national scale (14,000 buurten, 2,500 kernen)",
                    "synthetisch",
                    "indicator",
                )
            )
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(
                    executable_path=CHROMIUM, headless=True, args=ARGS
                )
                first_load(browser, f"{url}/?gemeente=buren")  # warm server caches
                for name, slug, start in cases:
                    page_url = f"{url}/?gemeente={slug}&overlay={start}"
                    loads = [first_load(browser, page_url) for _ in range(args.runs)]
                    synthetic = slug == "synthetisch"
                    kinds = synthetic_kinds if synthetic else switch_kinds
                    settle = 1500 if synthetic else 400
                    measured = {
                        kind: switches(browser, page_url, steps, args.runs * 2, settle)
                        for kind, steps in kinds.items()
                    }
                    report(name, loads, measured)
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    main()
