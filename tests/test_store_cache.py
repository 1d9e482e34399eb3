"""Repository: a bounded, thread-safe cache of loaded stores (unit tier)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from pipelines.dashboard_data import store_view
from pipelines.dashboard_data.store_view import Repository


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Replace reading a GeoPackage by a stand-in; records every load."""
    seen: list[Path] = []

    def fake_load(path: Path) -> object:
        seen.append(path)
        return object()

    monkeypatch.setattr(store_view, "load_gemeente_data", fake_load)
    return seen


def make_stores(build_dir: Path, n: int) -> list[str]:
    build_dir.mkdir(parents=True, exist_ok=True)
    slugs = [f"gemeente-{i:03d}" for i in range(n)]
    for slug in slugs:
        (build_dir / f"{slug}-intern.gpkg").write_bytes(b"")
    return slugs


def test_only_cache_size_stores_stay_loaded(tmp_path: Path, loads) -> None:
    slugs = make_stores(tmp_path, 10)
    repo = Repository(tmp_path, "intern", tmp_path, cache_size=3)
    for slug in slugs:
        repo.get(slug)
    assert len(loads) == 10
    assert [p.name for p in repo.loaded()] == [
        "gemeente-007-intern.gpkg",
        "gemeente-008-intern.gpkg",
        "gemeente-009-intern.gpkg",
    ]


def test_recently_used_store_is_kept_and_served_from_the_cache(
    tmp_path: Path, loads
) -> None:
    make_stores(tmp_path, 3)
    repo = Repository(tmp_path, "intern", tmp_path, cache_size=2)
    first = repo.get("gemeente-000")
    repo.get("gemeente-001")
    assert repo.get("gemeente-000") is first  # used again: now most recent
    repo.get("gemeente-002")  # evicts gemeente-001, the least recently used
    assert [p.name for p in repo.loaded()] == [
        "gemeente-000-intern.gpkg",
        "gemeente-002-intern.gpkg",
    ]
    assert len(loads) == 3


def test_changed_store_file_is_reloaded(tmp_path: Path, loads) -> None:
    make_stores(tmp_path, 1)
    repo = Repository(tmp_path, "intern", tmp_path, cache_size=2)
    before = repo.get("gemeente-000")
    path = tmp_path / "gemeente-000-intern.gpkg"
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    after = repo.get("gemeente-000")
    assert after is not before
    assert loads == [path, path]
    assert repo.get("gemeente-000") is after


def test_concurrent_requests_load_a_store_once(tmp_path: Path, monkeypatch) -> None:
    make_stores(tmp_path, 1)
    started = threading.Event()
    calls: list[Path] = []

    def slow_load(path: Path) -> object:
        calls.append(path)
        started.wait(timeout=5)
        return object()

    monkeypatch.setattr(store_view, "load_gemeente_data", slow_load)
    repo = Repository(tmp_path, "intern", tmp_path, cache_size=2)
    results: list[object] = []
    threads = [
        threading.Thread(target=lambda: results.append(repo.get("gemeente-000")))
        for _ in range(8)
    ]
    for t in threads:
        t.start()
    started.set()
    for t in threads:
        t.join(timeout=10)
    assert len(calls) == 1
    assert len(results) == 8 and all(r is results[0] for r in results)


def test_cache_size_below_one_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cache_size"):
        Repository(tmp_path, "intern", tmp_path, cache_size=0)
