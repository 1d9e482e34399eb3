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


def _kern_sums(path, year: int) -> dict[str, float]:  # noqa: ANN001
    table = read_layer(path, "indicators")
    rows = table[
        (table.level == "kern")
        & (table.indicator == "aantal_inwoners")
        & (table.year == year)
    ]
    return rows.set_index("code")["value"].to_dict()


def test_build_every_year_gives_every_kern_its_own_figures(settings: Settings) -> None:
    import pandas as pd

    from pipelines.gemeente import load_correspondence, load_gemeente
    from pipelines.settings import PROJECT_ROOT

    out = settings.build_dir
    result = runner.invoke(app, ["build", "--gemeente", "all", "--out", str(out)])
    assert result.exit_code == 0, result.output
    raw = {
        year: pd.read_csv(
            PROJECT_ROOT / f"geodata/cbs/kwb/kwb_{year}_{table}_buurt.csv",
            dtype={"Codering_3": str},
        ).set_index("Codering_3")["AantalInwoners_5"]
        for year, table in ((2017, "83765NED"), (2024, "85984NED_bevolking"))
    }
    for slug in ("west-betuwe", "buren"):
        config = load_gemeente(PROJECT_ROOT / f"geodata/gemeenten/{slug}.toml")
        path = out / f"{slug}-intern.gpkg"
        now, then = _kern_sums(path, 2024), _kern_sums(path, 2017)
        table = load_correspondence(config, 2017)
        old_of = (
            dict(zip(table["buurtcode"], table["buurtcode_oud"], strict=True))
            if table is not None
            else {b: b for b in config.kern_of_buurt()}
        )
        for kern in config.kernen:
            # 2024: the sum of the kern's buurten, from buurt figures
            assert now[kern.slug] == sum(raw[2024][b] for b in kern.buurten), kern.naam
            # 2017: the sum of its 2017 buurten (for West Betuwe through the
            # reviewed correspondence to Geldermalsen, Lingewaal and Neerijnen)
            expected = sum(raw[2017][old_of[b]] for b in kern.buurten)
            assert then[kern.slug] == expected, kern.naam
    buren = _kern_sums(out / "buren-intern.gpkg", 2024)
    assert (
        buren["maurik"] == 5000
        and _kern_sums(out / "buren-intern.gpkg", 2017)["maurik"] == 4135
    )
    sources = read_layer(out / "west-betuwe-intern.gpkg", "indicator_bronnen")
    keys = sources.set_index(["year", "indicator"])["key"]
    assert keys[(2017, "aantal_inwoners")] == "AantalInwoners_5"
    assert keys[(2024, "inwoners_65_plus")] == "k_65JaarOfOuder_12"
    history = read_layer(out / "west-betuwe-intern.gpkg", "buurten_historie")
    haaften = history.set_index("code").loc["BU03040000"]
    assert haaften["kern"] == "haaften" and haaften["methode"] == "grens_verschoven"


def test_build_takes_a_set_of_years(settings: Settings) -> None:
    out = settings.build_dir
    result = runner.invoke(
        app,
        ["build", "--gemeente", "buren", "--years", "2017,2024", "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    table = read_layer(out / "buren-intern.gpkg", "indicators")
    assert sorted(table["year"].unique()) == [2017, 2024]
    bad = runner.invoke(app, ["build", "--years", "2017-abc", "--out", str(out)])
    assert bad.exit_code == 1 and "--years" in bad.output
    missing = runner.invoke(
        app, ["build", "--gemeente", "buren", "--years", "2019-2024", "--out", str(out)]
    )
    # years the snapshot lacks are reported, the others still build
    assert missing.exit_code == 0, missing.output
    table = read_layer(out / "buren-intern.gpkg", "indicators")
    assert sorted(table["year"].unique()) == [2022, 2024]
