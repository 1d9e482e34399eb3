"""Shared fixtures: settings pointing at a temporary build directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.catalogue import Catalogue, load_catalogue
from pipelines.settings import PROJECT_ROOT, Settings, load_settings


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings with a fresh build directory, ignoring the caller's environment."""
    for var in list(__import__("os").environ):
        if var.startswith("KERNENKAART_"):
            monkeypatch.delenv(var)
    return load_settings(build_dir=tmp_path / "build")


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue(PROJECT_ROOT / "geodata" / "indicators.toml")
