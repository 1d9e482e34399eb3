"""Vergelijken, Monitor and Over with CBS figures of several years (real stores)."""

from __future__ import annotations

from pathlib import Path

import pytest

from callbacks import other_pages
from callbacks.vergelijk import monitor_indicator
from layouts import ids, monitor, over, vergelijk
from pipelines.build import build_gemeente
from pipelines.dashboard_data import trends
from pipelines.dashboard_data.profiles import cbs_comparison
from pipelines.gemeente import resolve_gemeenten
from pipelines.settings import PROJECT_ROOT, load_settings
from tests.test_app_factory import run_callback
from tests.test_over_page import _text

RECORDS = PROJECT_ROOT / "data" / "voorbeelddata"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory):
    """Both gemeenten from the snapshot, with voorbeelddata (intern)."""
    from app import create_app

    build_dir: Path = tmp_path_factory.mktemp("cbs-stores")
    settings = load_settings(build_dir=build_dir)
    for config in resolve_gemeenten(settings.gemeenten_dir, "all"):
        build_gemeente(settings, config, "snapshot", records_dir=RECORDS)
    return create_app(settings)


def _repo(app):  # noqa: ANN001, ANN202
    return app.server.extensions["kernenkaart"]["repo"]


def _render(app, path: str, search: str):  # noqa: ANN001, ANN202
    gemeente = search.split("gemeente=")[1].split("&")[0]
    return run_callback(app, other_pages.render, path, search, gemeente)


def _by_code(rows: list) -> dict:
    return {r.code: r for r in rows}


# --- Vergelijken ------------------------------------------------------------


def test_cbs_01_comparison_rows_change_and_gemeente_row(app, catalogue) -> None:
    data = _repo(app).get("buren")
    columns, rows = cbs_comparison(data, ["maurik", "lienden"], catalogue)
    by_key = {c.key: c for c in columns}
    assert (by_key["aantal_inwoners"].since, by_key["aantal_inwoners"].year) == (
        2017,
        2024,
    )
    # huishoudens: Buren 2024 only, so no change is made up
    assert (by_key["aantal_huishoudens"].since, by_key["aantal_huishoudens"].year) == (
        None,
        2024,
    )
    assert [(r.level, r.naam) for r in rows] == [
        ("kern", "Maurik"),
        ("kern", "Lienden"),
        ("gemeente", "Gemeente Buren"),
    ]
    maurik = rows[0].figures["aantal_inwoners"]
    assert (maurik.value_since, maurik.value, maurik.change) == (4135, 5000, 865)
    assert maurik.procent == pytest.approx(865 / 4135 * 100)
    assert maurik.note == maurik.note_since == ""  # Buren's buurten are exact
    share = rows[0].figures["aandeel_65_plus"]
    assert share.procent is None  # a share changes in procentpunten
    assert share.change == pytest.approx(share.value - share.value_since)
    gemeente = rows[-1].figures["aantal_inwoners"]
    assert (gemeente.value_since, gemeente.value) == (26348, 27773)


def test_cbs_02_west_betuwe_estimates_predecessors_and_no_households(
    app, catalogue
) -> None:
    data = _repo(app).get("west-betuwe")
    columns, rows = cbs_comparison(data, ["gellicum", "beesd"], catalogue)
    huishoudens = next(c for c in columns if c.key == "aantal_huishoudens")
    assert huishoudens.year is None  # no buurt household figures in the snapshot
    assert all(r.figures["aantal_huishoudens"].value is None for r in rows)
    by = _by_code(rows)
    assert (
        by["gellicum"]
        .figures["aantal_inwoners"]
        .note_since.startswith("grens verschoven (Gellicum")
    )
    assert by["beesd"].figures["aantal_inwoners"].note_since == ""
    assert (
        by["GM1960"].figures["aantal_inwoners"].note_since
        == "som van Geldermalsen, Lingewaal en Neerijnen"
    )


def test_cbs_03_vergelijk_page_names_years_and_marks_estimates(app) -> None:
    page = _render(app, "/vergelijk", "?gemeente=west-betuwe&kernen=gellicum,beesd")
    text = " ".join(_text(page))
    for header in (
        "Inwoners 2024",
        "Inwoners: verandering sinds 2017",
        "Aandeel 65+ 2024",
        "Aandeel 0-15 jaar 2024",
    ):
        assert header in text
    assert "Aandeel 0-15 jaar: verandering" not in text  # one year: no change
    assert "Gemeente West Betuwe" in text
    assert "+25 (+8 %)" in text and "2017: 320" in text  # Gellicum
    assert "(niet exact, zie toelichting)" in text
    assert "Gellicum 2017 (inwoners en aandeel 65+): grens verschoven (Gellicum" in text
    assert "Huishoudens: geen cijfers per kern in deze gegevens" in text
    assert "Bron: CBS, Kerncijfers wijken en buurten 2017, 2024 (CC BY 4.0)" in text
    # the table: one row per kern, the gemeente row last, never 0 for no figure
    table = next(
        n for n in _walk(page) if getattr(n, "id", None) == ids.COMPARE_CBS
    ).children
    body = table.children[2].children
    assert [" ".join(_text(r.children[0])) for r in body] == [
        "Gellicum",
        "Beesd",
        "Gemeente West Betuwe",
    ]
    assert body[-1].className == "gemeente-rij"
    assert [" ".join(_text(r.children[-1])) for r in body] == ["geen cijfer"] * 3


def test_cbs_04_export_rows_keep_numbers_years_and_notes(app, catalogue) -> None:
    data = _repo(app).get("buren")
    columns, rows = cbs_comparison(data, ["maurik"], catalogue)
    records = vergelijk.cbs_export_rows(columns, rows)
    assert records[0]["Inwoners 2024"] == 5000
    assert records[0]["Inwoners 2017"] == 4135
    assert records[0]["Inwoners: verandering 2017-2024"] == 865
    assert records[0]["Inwoners: verandering 2017-2024 (%)"] == pytest.approx(20.9)
    assert records[0]["Huishoudens 2024"] == 2190
    assert "Huishoudens 2017" not in records[0]
    assert records[-1]["Kern of gemeente"] == "Gemeente Buren"
    assert records[-1]["Niveau"] == "gemeente"


# --- Monitor ----------------------------------------------------------------


def test_cbs_05_small_multiples_have_every_kern_with_its_years(app) -> None:
    data = _repo(app).get("west-betuwe")
    multiples = run_callback(app, other_pages.kern_multiples, data, "aantal_inwoners")
    assert multiples.years == [2017, 2024]
    assert [k["slug"] for k in multiples.kernen] == data.kernen["kern_slug"].tolist()
    assert len(multiples.kernen) == 26
    assert all([y for y, _, _ in k["values"]] == [2017, 2024] for k in multiples.kernen)
    haaften = next(k for k in multiples.kernen if k["slug"] == "haaften")
    assert haaften["values"][0][2].startswith("grens verschoven (Haaften")
    # bedrijfsvestigingen: 2022 only per kern; no other year is filled in
    firms = run_callback(app, other_pages.kern_multiples, data, "bedrijfsvestigingen")
    assert firms.years == [2022]
    text = " ".join(_text(monitor.kern_multiples(multiples)))
    for k in multiples.kernen:
        assert k["naam"] in text
    assert "Inwoners per kern, 2017 en 2024" in text
    assert "2017-2024: +9 %" in text  # Haaften 2.665 -> 2.910


def test_cbs_06_monitor_page_gemeente_development_and_choice(app) -> None:
    page = _render(app, "/monitor", "?gemeente=west-betuwe")
    text = " ".join(_text(page))
    assert "CBS-cijfers: ontwikkeling van de gemeente" in text
    assert "som van Geldermalsen, Lingewaal en Neerijnen" in text
    assert "Inwoners per kern, 2017 en 2024" in text  # the default indicator
    chosen = _render(app, "/monitor", "?gemeente=buren&indicator=aandeel_65_plus")
    assert "Aandeel 65+ per kern, 2017 en 2024" in " ".join(_text(chosen))
    radio = next(
        n for n in _walk(chosen) if getattr(n, "id", None) == ids.MONITOR_CBS_INDICATOR
    )
    assert radio.value == "aandeel_65_plus"
    assert {o["value"] for o in radio.options} >= {
        "aantal_inwoners",
        "aandeel_65_plus",
        "aantal_huishoudens",
        "bedrijfsvestigingen",
    }
    unknown = _render(app, "/monitor", "?gemeente=buren&indicator=onzin")
    assert "Voor het cijfer 'onzin' zijn er geen cijfers per kern" in " ".join(
        _text(unknown)
    )


def test_cbs_07_indicator_radio_writes_the_url(app) -> None:
    children, search, rendered = run_callback(
        app,
        monitor_indicator,
        "aandeel_0_15",
        "/monitor",
        "?gemeente=buren",
        {"path": "/monitor", "search": "?gemeente=buren"},
    )
    assert search == "?gemeente=buren&indicator=aandeel_0_15"
    assert rendered == {"path": "/monitor", "search": search}  # the router skips
    assert "Aandeel 0-15 jaar per kern, 2024" in " ".join(_text(children))


# --- Over -------------------------------------------------------------------


def test_cbs_08_over_lists_every_year_per_level_and_the_method(app) -> None:
    data = _repo(app).get("west-betuwe")
    where = trends.coverage(data)
    assert where["aantal_inwoners"] == (
        ("kern", (2017, 2024)),
        ("wijk", (2024,)),
        ("gemeente", (2017, 2024)),
    )
    assert where["bedrijfsvestigingen"] == (
        ("kern", (2022,)),
        ("gemeente", (2022,)),
    )
    page = _render(app, "/over", "?gemeente=west-betuwe")
    text = " ".join(_text(page))
    assert (
        "In deze gegevens: per kern 2017, 2024; per wijk 2024; "
        "voor de gemeente 2017, 2024." in text
    )
    assert "Leeftijd" in text and "Huishoudens" in text  # thema headings
    assert "ontstaan uit Geldermalsen, Lingewaal en Neerijnen" in text
    assert "ruwe maat voor waar mensen wonen" in text
    assert "Bron: CBS, Kadaster (CC BY 4.0)." in text
    buren = " ".join(_text(_render(app, "/over", "?gemeente=buren")))
    assert "Geldermalsen" not in buren  # no merger, no predecessor paragraph
    assert over.IndicatorInfo("WOZ", "euro", "-").where() == ""


def _walk(node):  # noqa: ANN001, ANN202
    from dash.development.base_component import Component

    if isinstance(node, Component):
        yield node
        yield from _walk(getattr(node, "children", None))
    elif isinstance(node, list | tuple):
        for child in node:
            yield from _walk(child)
