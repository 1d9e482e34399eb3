"""The Kaart of an earlier commit against this tree: first map and switches.

Checks the goal "the Kaart's first drawn map and overlay switch no slower than
today" in one run: a git worktree of ``--base`` (default: the commit before the
multi-year CBS figures) builds its own stores and is served beside this tree,
and their loads alternate (A, B, B, A, ...) so the machine's drift hits both
alike. Measured as benchmarks/dashboard.py does: the page's own mark when the
kernen are drawn in their colours, and the time from a click on an overlay
until the map is repainted and the legend and table follow.

Usage: python benchmarks/kaart_ab.py [--runs 10] [--base 3d9db92] [--gemeente buren]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.dashboard import (  # noqa: E402
    ARGS,
    CHROMIUM,
    first_load,
    free_port,
    overlay_steps,
    switches,
)

BASE = "3d9db92"  # main before the multi-year kern figures (issue 16)


def build_and_serve(tree: Path, build_dir: Path) -> tuple[subprocess.Popen, str]:
    """Build both gemeenten with ``tree``'s own code and serve them."""
    run = [sys.executable, "-c", "from cli import main; main()"]
    records = tree / "data" / "voorbeelddata"
    subprocess.run(
        [
            *run,
            "build",
            "--gemeente",
            "all",
            "--out",
            str(build_dir),
            "--records",
            str(records),
        ],
        cwd=tree,
        check=True,
        capture_output=True,
    )
    port = free_port()
    proc = subprocess.Popen(
        [*run, "serve", "--build-dir", str(build_dir), "--port", str(port)],
        cwd=tree,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(url + "/healthz", timeout=1)
            return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError(proc.stderr.read().decode()[-2000:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--base", default=BASE)
    parser.add_argument("--gemeente", default="buren")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="kk-ab-") as tmp:
        base_tree = Path(tmp) / "base"
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(base_tree), args.base],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        procs = []
        try:
            print(f"building and serving {args.base} and this tree ...", flush=True)
            a_proc, a_url = build_and_serve(base_tree, Path(tmp) / "a")
            b_proc, b_url = build_and_serve(ROOT, Path(tmp) / "b")
            procs = [a_proc, b_proc]
            query = f"/?gemeente={args.gemeente}&overlay=indicator"
            steps = overlay_steps("kernagenda", "indicator")
            loads = {"A": [], "B": []}
            switch = {"A": [], "B": []}
            with sync_playwright() as p:
                browser = p.chromium.launch(
                    executable_path=CHROMIUM, headless=True, args=ARGS
                )
                for url in (a_url, b_url):
                    first_load(browser, url + query)  # warm both servers
                for i in range(args.runs):
                    order = ("A", "B") if i % 2 == 0 else ("B", "A")
                    for name in order:
                        url = a_url if name == "A" else b_url
                        loads[name].append(first_load(browser, url + query)[0])
                    for name in order:
                        url = a_url if name == "A" else b_url
                        switch[name] += switches(browser, url + query, steps, 2, 400)
                browser.close()
        finally:
            for proc in procs:
                proc.terminate()
                proc.wait(timeout=10)
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(base_tree)],
                cwd=ROOT,
                check=False,
                capture_output=True,
            )
    med = statistics.median
    print(f"\n{'':<28}{'A ' + args.base:>14}{'B this tree':>14}{'B/A':>8}")
    a, b = med(loads["A"]), med(loads["B"])
    print(f"{'first drawn map (s)':<28}{a:>14.2f}{b:>14.2f}{b / a:>8.2f}")
    for label, index in (("overlay switch, map (ms)", 0), ("... legend+table (ms)", 1)):
        sa = med(s[index] for s in switch["A"]) * 1000
        sb = med(s[index] for s in switch["B"]) * 1000
        print(f"{label:<28}{sa:>14.0f}{sb:>14.0f}{sb / sa:>8.2f}")
    paired = [y / x for x, y in zip(loads["A"], loads["B"], strict=True)]
    print(f"median of paired first-map ratios B/A: {med(paired):.2f}")


if __name__ == "__main__":
    main()
