"""Benchmark the build: time and peak memory per gemeente and at national scale.

Run: ``python -m benchmarks.build [--repeat 3]``. Each case runs in a fresh
subprocess so its peak resident memory (ru_maxrss) is its own. Prints a table.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# "<gemeente>-2024": the single-year build of before (years=[2024]) beside the
# build of every snapshot year; "synthetic-3y": three years, the first with an
# earlier indeling for 10 % of the buurten (allocated by area).
CASES = (
    "west-betuwe-2024",
    "west-betuwe",
    "buren-2024",
    "buren",
    "synthetic",
    "synthetic-3y",
)


def run_case(case: str, build_dir: Path) -> dict:
    """Run one build in this process and return its figures (called in a child)."""
    from pipelines.build import build_gemeente, cbs_layers
    from pipelines.catalogue import load_catalogue
    from pipelines.gemeente import resolve_gemeenten
    from pipelines.settings import load_settings
    from pipelines.store import store_path, write_store

    settings = load_settings(build_dir=build_dir)
    started = time.perf_counter()
    if case.startswith("synthetic"):
        from benchmarks.synthetic import make_synthetic

        years = (2017, 2022, 2024) if case == "synthetic-3y" else (2024,)
        config, data = make_synthetic(years=years)
        generated = time.perf_counter()
        catalogue = load_catalogue(settings.geodata_dir / "indicators.toml")
        layers, _ = cbs_layers(data, config, catalogue)
        write_store(
            store_path(build_dir, "synthetisch", "intern"), layers, {"synthetic": True}
        )
        n_buurten, n_kernen = len(layers["buurten"]), len(layers["kernen"])
        started = generated  # time the build, not the generator
    else:
        slug = case.partition("-2024")[0]
        config = resolve_gemeenten(settings.gemeenten_dir, slug)[0]
        records = Path(__file__).resolve().parent.parent / "data" / "voorbeelddata"
        result = build_gemeente(
            settings,
            config,
            "snapshot",
            years=[2024] if case.endswith("-2024") else None,
            records_dir=records if records.exists() else None,
        )
        n_buurten, n_kernen = result.n_buurten, result.n_kernen
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "case": case,
        "seconds": seconds,
        "peak_mb": peak_mb,
        "buurten": n_buurten,
        "kernen": n_kernen,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cases", nargs="*", default=list(CASES))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--build-dir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_case(args.child, Path(args.build_dir))))
        return
    print(
        f"{'case':<14}{'buurten':>9}{'kernen':>8}"
        f"{'build s (median)':>18}{'peak MB':>10}"
    )
    for case in args.cases:
        runs = []
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory() as tmp:
                out = subprocess.run(
                    [
                        sys.executable,
                        "-m",
                        "benchmarks.build",
                        "--child",
                        case,
                        "--build-dir",
                        tmp,
                    ],
                    check=True,
                    capture_output=True,
                    text=True,
                )
                runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
        secs = statistics.median(r["seconds"] for r in runs)
        peak = max(r["peak_mb"] for r in runs)
        r0 = runs[0]
        print(
            f"{case:<14}{r0['buurten']:>9}{r0['kernen']:>8}{secs:>18.2f}{peak:>10.0f}"
        )


if __name__ == "__main__":
    main()
