"""Benchmark: the export batch for West Betuwe (all kern profiles + gebiedstafels).

Builds the West Betuwe store (snapshot + voorbeelddata, intern) in a temporary
folder, then runs :func:`exports.export_all` a few times and prints the median
wall time. Offline; uses /usr/bin/chromium.

    .venv/bin/python -m benchmarks.export [--runs 3] [--gemeente west-betuwe]
"""

from __future__ import annotations

import argparse
import logging
import statistics
import tempfile
import time
from pathlib import Path

from exports import export_all
from pipelines.build import build_gemeente
from pipelines.catalogue import load_catalogue
from pipelines.dashboard_data import load_gemeente_data
from pipelines.gemeente import resolve_gemeenten
from pipelines.settings import PROJECT_ROOT, load_settings


def main() -> None:
    """Run the batch ``--runs`` times and print each time and the median."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--gemeente", default="west-betuwe")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(build_dir=Path(tmp) / "build")
        config = resolve_gemeenten(settings.gemeenten_dir, args.gemeente)[0]
        result = build_gemeente(
            settings,
            config,
            "snapshot",
            records_dir=PROJECT_ROOT / "data" / "voorbeelddata",
            audience="intern",
        )
        data = load_gemeente_data(result.path)
        catalogue = load_catalogue(settings.geodata_dir / "indicators.toml")
        times = []
        for run in range(1, args.runs + 1):
            out = Path(tmp) / f"out{run}"
            started = time.perf_counter()
            batch = export_all(data, catalogue, out)
            seconds = time.perf_counter() - started
            times.append(seconds)
            print(
                f"run {run}: {seconds:.1f} s, {len(batch.written)} files, "
                f"{len(batch.failed)} failed"
            )
        n_kern, n_files = len(data.kernen), len(batch.written)
        print(
            f"{config.naam}: {n_kern} kernprofielen + gebiedstafels "
            f"({n_files} files): median {statistics.median(times):.1f} s "
            f"over {args.runs} runs"
        )


if __name__ == "__main__":
    main()
