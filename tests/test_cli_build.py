"""The CLI end to end on the bundled CBS snapshot, into a temporary directory."""

from __future__ import annotations

import geopandas as gpd
import pytest
from typer.testing import CliRunner

from cli import app
from pipelines.settings import Settings
from pipelines.store import read_layer

runner = CliRunner()


def test_build_all_and_info(settings: Settings) -> None:
    out = settings.build_dir
    result = runner.invoke(
        app, ["build", "--gemeente", "all", "--source", "snapshot", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "Build klaar" in result.output
    for slug, n_kernen, _code in (
        ("west-betuwe", 26, "GM1960"),
        ("buren", 16, "GM0214"),
    ):
        path = out / f"{slug}-intern.gpkg"
        kernen = read_layer(path, "kernen")
        gemeente = read_layer(path, "gemeente")
        assert len(kernen) == n_kernen
        assert kernen.geometry.is_valid.all()
        # kern areas add up to the gemeente area within 1 %
        ratio = kernen.geometry.area.sum() / gemeente.geometry.area.sum()
        assert ratio == pytest.approx(1.0, abs=0.01), (slug, ratio)
        # kernen do not overlap
        assert gpd.GeoSeries(kernen.geometry).union_all().area == pytest.approx(
            kernen.geometry.area.sum(), rel=1e-6
        )
    info = runner.invoke(app, ["info", "--gemeente", "west-betuwe", "--out", str(out)])
    assert info.exit_code == 0, info.output
    assert "26 kernen" in info.output and "Geldermalsen" in info.output


def test_errors_exit_nonzero_with_a_readable_message(settings: Settings) -> None:
    out = str(settings.build_dir)
    result = runner.invoke(app, ["build", "--gemeente", "tiel", "--out", out])
    assert result.exit_code == 1
    assert (
        "Unknown gemeente 'tiel'" in result.output and "Traceback" not in result.output
    )
    result = runner.invoke(
        app, ["build", "--gemeente", "buren", "--year", "2019", "--out", out]
    )
    assert result.exit_code == 1 and "no wijk- en buurtkaart of 2019" in result.output
    result = runner.invoke(app, ["info", "--gemeente", "buren", "--out", out])
    assert result.exit_code == 1 and "kernenkaart build" in result.output


def test_bad_environment_setting_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KERNENKAART_HTTP_TIMEOUT", "lang")
    result = runner.invoke(app, ["build", "--gemeente", "buren"])
    assert result.exit_code == 1 and "KERNENKAART_HTTP_TIMEOUT='lang'" in result.output
