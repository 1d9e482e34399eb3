"""The issue's yardstick, measured on this machine: a tutorial-style Dash map.

The issue compares the Kaart with "a typical tutorial-style Dash app" on the
same data (1.75 s to the first map, 6.8 MB; an overlay switch resends the
whole figure). Timings depend on the machine, so this script builds that app
here and measures it exactly like benchmarks/dashboard.py measures ours:

* ``px.choropleth_map`` with the kernen GeoJSON inline in the figure, a
  ``dcc.RadioItems`` for the overlay and a callback that returns a new figure;
  Dash defaults (no compression, the full plotly.js bundle), served by
  waitress;
* first load: until Plotly has drawn the map (its ``plotly_afterplot`` after
  the MapLibre sources loaded); switch: click until the next afterplot and an
  idle map; bytes from CDP, as in benchmarks/dashboard.py.

Usage: python benchmarks/tutorial_baseline.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.dashboard import (  # noqa: E402 - after the path setup
    ARGS,
    CHROMIUM,
    Meter,
    build_stores,
    free_port,
)

DRAWN = """() => new Promise(resolve => {
  const wait = () => {
    const gd = document.querySelector('.js-plotly-plot');
    if (!gd || !gd.on) return setTimeout(wait, 10);
    const m = gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
    if (m && m.map && m.map.loaded() && gd._drawnOnce) return resolve(true);
    if (!gd._hooked) {
      gd._hooked = true;
      gd.on('plotly_afterplot', () => { gd._drawnOnce = true; });
    }
    setTimeout(wait, 10);
  };
  wait();
})"""
SWITCH = """async (value) => {
  const gd = document.querySelector('.js-plotly-plot');
  const t0 = performance.now();
  const plotted = new Promise(res => gd.once('plotly_afterplot', res));
  document.querySelector(`input[value='${value}']`).click();
  await plotted;
  const m = gd._fullLayout.map._subplot.map;
  await new Promise(res => { if (m.loaded()) res(); else m.once('idle', res); });
  return performance.now() - t0;
}"""


def tutorial_app(build_dir: Path, gemeente: str):  # noqa: ANN201 - a Dash app
    """The app as a tutorial would write it (deliberately naive)."""
    import geopandas as gpd
    import plotly.express as px
    from dash import Dash, Input, Output, dcc, html

    from pipelines.dashboard_data import (
        Filters,
        Repository,
        kernagenda_per_kern,
        leefbaarheid_per_kern,
    )
    from pipelines.settings import load_settings

    settings = load_settings(build_dir=build_dir)
    data = Repository(build_dir, "intern", settings.geodata_dir).get(gemeente)
    kernen = gpd.read_file(data.path, layer="kernen_display").to_crs(4326)
    kernen = kernen.set_index("kern_slug")
    lon_min, lat_min, lon_max, lat_max = kernen.total_bounds
    values = {
        "kernagenda": kernagenda_per_kern(data, Filters()).set_index("kern_slug")[
            "pct_gerealiseerd"
        ],
        "leefbaarheid": leefbaarheid_per_kern(data, Filters()).set_index("kern_slug")[
            "euro_toegekend"
        ],
    }
    app = Dash(__name__)

    def figure(overlay: str):  # noqa: ANN202
        frame = kernen.assign(waarde=values[overlay])
        return px.choropleth_map(
            frame,
            geojson=frame.geometry.__geo_interface__,
            locations=frame.index,
            color="waarde",
            hover_name="name",
            map_style="white-bg",
            center={"lat": (lat_min + lat_max) / 2, "lon": (lon_min + lon_max) / 2},
            zoom=10,
        )

    app.layout = html.Div(
        [
            dcc.RadioItems(list(values), "kernagenda", id="overlay"),
            dcc.Graph(id="kaart", figure=figure("kernagenda")),
        ]
    )
    app.callback(Output("kaart", "figure"), Input("overlay", "value"))(figure)
    return app


def serve(app) -> str:  # noqa: ANN001
    import logging

    from waitress.server import create_server

    logging.getLogger("waitress.queue").setLevel(logging.ERROR)

    port = free_port()
    server = create_server(app.server, host="127.0.0.1", port=port, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    return f"http://127.0.0.1:{port}"


def measure(browser, url: str, runs: int) -> tuple[list, list]:  # noqa: ANN001
    loads = []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        meter = Meter(context, page)
        started = time.perf_counter()
        page.goto(url)
        page.evaluate(DRAWN)
        loads.append((time.perf_counter() - started, meter.total))
        context.close()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    meter = Meter(context, page)
    page.goto(url)
    page.evaluate(DRAWN)
    page.wait_for_timeout(500)
    switches = []
    for i in range(runs * 2):
        before = meter.total
        elapsed = page.evaluate(SWITCH, ("leefbaarheid", "kernagenda")[i % 2])
        page.wait_for_timeout(400)
        switches.append((elapsed / 1000, meter.total - before))
    context.close()
    return loads, switches


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    med = statistics.median
    with tempfile.TemporaryDirectory(prefix="kk-tutorial-") as tmp:
        build_dir = Path(tmp)
        print("building stores ...", flush=True)
        build_stores(build_dir, synthetic=False)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for gemeente in ("west-betuwe", "buren"):
                url = serve(tutorial_app(build_dir, gemeente))
                loads, switches = measure(browser, url, args.runs)
                print(f"\ntutorial-style app, {gemeente}")
                print(
                    f"  first drawn map: {med(t for t, _ in loads):.2f} s, "
                    f"{med(b for _, b in loads) / 1e6:.2f} MB transferred"
                )
                print(
                    f"  overlay switch: {med(t for t, _ in switches) * 1000:.0f} ms, "
                    f"{med(b for _, b in switches) / 1000:.1f} KB transferred"
                )
            browser.close()


if __name__ == "__main__":
    main()
