"""First drawn map: the Kaart against the issue's yardstick, loads interleaved.

This machine's speed drifts a lot from hour to hour, so comparing a run of
benchmarks/dashboard.py with a later run of benchmarks/tutorial_baseline.py
mixes two speeds. Here both apps are served side by side and their first loads
alternate (Kaart, yardstick, yardstick, Kaart, ...), each measured the same way:
wall-clock from ``page.goto`` until the page reports its map drawn (the Kaart:
the kernen in their colours, ``data-kk-geschilderd``; the yardstick: the map
loaded after Plotly's first plot), both polled every 10 ms in the page. Prints
the medians and their ratio, and the median of the ratios of the loads made
one after the other (Kaart and yardstick of the same round); the issue quotes
1.75 s for the yardstick.

Usage: python benchmarks/first_map_ab.py [--runs 10] [--gemeente west-betuwe]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.dashboard import ARGS, CHROMIUM, build_stores  # noqa: E402
from benchmarks.tutorial_baseline import DRAWN, serve, tutorial_app  # noqa: E402

KAART_DRAWN = """() => new Promise(resolve => {
  const wait = () => {
    const g = document.querySelector('#kaart .js-plotly-plot');
    if (g && g.getAttribute('data-kk-geschilderd')) return resolve(true);
    setTimeout(wait, 10);
  };
  wait();
})"""
ISSUE_YARDSTICK_S = 1.75


def load(browser, url: str, drawn: str) -> float:  # noqa: ANN001
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    started = time.perf_counter()
    page.goto(url)
    page.evaluate(drawn)
    elapsed = time.perf_counter() - started
    context.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--gemeente", default="west-betuwe")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from app import create_app
    from pipelines.settings import load_settings

    with tempfile.TemporaryDirectory(prefix="kk-ab-") as tmp:
        build_dir = Path(tmp)
        print("building stores ...", flush=True)
        build_stores(build_dir, synthetic=False)
        kaart = serve(create_app(load_settings(build_dir=build_dir)))
        kaart += f"/?gemeente={args.gemeente}&overlay=leefbaarheid"
        yardstick = serve(tutorial_app(build_dir, args.gemeente))
        cases = {"Kaart": (kaart, KAART_DRAWN), "yardstick": (yardstick, DRAWN)}
        times: dict[str, list[float]] = {name: [] for name in cases}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for url, drawn in cases.values():  # warm both servers
                load(browser, url, drawn)
            for i in range(args.runs):
                order = list(cases) if i % 2 == 0 else list(reversed(cases))
                for name in order:
                    times[name].append(load(browser, *cases[name]))
            browser.close()
    med = {name: statistics.median(t) for name, t in times.items()}
    for name, t in times.items():
        runs = ", ".join(f"{x:.2f}" for x in t)
        print(f"{name}: first drawn map {med[name]:.2f} s (runs: {runs})")
    ratio = med["Kaart"] / med["yardstick"]
    # Each Kaart load next to the yardstick load beside it in time: the
    # median of these ratios follows the machine's drift more closely.
    paired = statistics.median(k / y for k, y in zip(*times.values(), strict=True))
    print(
        f"Kaart / yardstick: {ratio:.2f} (medians), {paired:.2f} (median of the "
        f"{args.runs} paired loads); with the issue's {ISSUE_YARDSTICK_S} s for "
        f"the yardstick that is {ratio * ISSUE_YARDSTICK_S:.2f} s "
        f"({paired * ISSUE_YARDSTICK_S:.2f} s)"
    )


if __name__ == "__main__":
    main()
