"""Kernprofiel server render: time to build the page of every kern, with trends.

The goal (issue 16): the Kernprofiel page with its kerncijfers and their
development renders on the server in at most 100 ms for a gemeente. Measured
as the router does it (``callbacks.pages.render`` inside a request), after one
warm-up render per kern so the stores are loaded; prints median, p90 and max
per gemeente over every kern and ``--runs`` rounds.

Usage: python -m benchmarks.profiel [--runs 5] [--build-dir build]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def render_times(app, slug: str, kernen: list[str], runs: int) -> list[float]:  # noqa: ANN001
    """Milliseconds per render of each kern's profile, ``runs`` rounds."""
    from callbacks import pages

    out = []
    with app.server.test_request_context("/_dash-update-component", method="POST"):
        for kern in kernen:  # warm-up: loads the store and its caches
            pages.render(f"/kern/{kern}", f"?gemeente={slug}")
        for _ in range(runs):
            for kern in kernen:
                start = time.perf_counter()
                pages.render(f"/kern/{kern}", f"?gemeente={slug}")
                out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--build-dir", type=Path, default=None)
    args = parser.parse_args()

    from app import create_app
    from pipelines.settings import load_settings

    settings = load_settings(build_dir=args.build_dir)
    app = create_app(settings)
    repo = app.server.extensions["kernenkaart"]["repo"]
    print(f"{'gemeente':<14}{'kernen':>7}{'median ms':>11}{'p90 ms':>9}{'max ms':>9}")
    for slug in repo.slugs():
        with app.server.app_context():
            kernen = list(repo.get(slug).kernen["kern_slug"])
        times = sorted(render_times(app, slug, kernen, args.runs))
        p90 = times[int(0.9 * (len(times) - 1))]
        print(
            f"{slug:<14}{len(kernen):>7}{statistics.median(times):>11.1f}"
            f"{p90:>9.1f}{times[-1]:>9.1f}"
        )


if __name__ == "__main__":
    main()
