"""The Kernprofiel screen and the exported kernprofiel show the same figures.

Both are computed once in ``pipelines.dashboard_data.profiles``; the screen and
``exports.selection`` only shape the result. Tiny stores, known answers.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from exports import selection
from pipelines.catalogue import Catalogue
from pipelines.dashboard_data import (
    KEY_FIGURE_COLUMNS,
    GemeenteData,
    initiatieven_per_jaar,
    key_figure_table,
    key_figures,
)
from tests.test_overlays_data import tiny_data


def tiny_store(kern_figures: bool = False, two_wijken: bool = False) -> GemeenteData:
    """The overlay tests' tiny gemeente with a rate, a buurt-only figure and
    initiatieven of kernen a and b (all of b's suppressed).
    """
    data = tiny_data(records=False, kern_figures=kern_figures)
    if two_wijken:
        data.kernen.loc[data.kernen["kern_slug"] == "a", "wijkcodes"] = "W1,W2"
    rows = [
        ("wijk", "W1", "Wijk Een", "bevolkingsdichtheid", 250.0),
        ("wijk", "W2", "Wijk Twee", "bevolkingsdichtheid", 50.0),
        ("gemeente", "GM0001", "Klein", "bevolkingsdichtheid", 150.0),
        # only a buurt figure: no figure at the wijk level, none for the gemeente
        ("buurt", "B1", "Buurt", "gemiddelde_woz", 300.0),
    ]
    extra = pd.DataFrame(rows, columns=["level", "code", "name", "indicator", "value"])
    data.indicators = pd.concat([data.indicators, extra], ignore_index=True)
    agg = pd.DataFrame(
        {
            "kern_slug": ["a", "a", "a", "b", "b"],
            "jaar": [2022, 2023, 2023, 2023, 2024],
            "regeling": ["leefbaarheidsbudget", "kernenbudget"] * 2
            + ["leefbaarheidsbudget"],
            "n_aangevraagd": [3.0, 6.0, 5.0, np.nan, np.nan],
            "n_toegekend": [2.0, 5.0, 5.0, np.nan, np.nan],
            "euro_toegekend": [1000.0, 5000.0, 2000.0, np.nan, np.nan],
            "onderdrukt": [False, False, False, True, True],
        }
    )
    data.records = {"agg_initiatieven": agg}
    return data


def _screen(data: GemeenteData, catalogue: Catalogue) -> dict[str, tuple]:
    return {f.titel: (f.value, f.compare) for f in key_figures(data, "a", catalogue)}


@pytest.mark.parametrize("kern_figures", [False, True])
def test_figures_01_screen_and_pdf_agree(catalogue: Catalogue, kern_figures) -> None:
    data = tiny_store(kern_figures=kern_figures)
    screen = _screen(data, catalogue)
    tables = selection.key_figures(data, "a", catalogue)
    rows = [row for table in tables for row in table.rows]
    assert [r.key for r in rows] == ["aantal_inwoners", "bevolkingsdichtheid"]
    for row in rows:
        assert screen[row.titel] == (row.values[0], row.vergelijking)
    inwoners = (100.0, 4000.0 / 3) if kern_figures else (3000.0, 2000.0)
    assert screen["Aantal inwoners"] == inwoners
    assert screen["Bevolkingsdichtheid"] == (250.0, 150.0)
    # inwoners summed from buurten is a kern figure, dichtheid only per wijk:
    # each in a table whose caption says whose figures they are
    levels = ["kern", "wijk"] if kern_figures else ["wijk"]
    assert [t.level for t in tables] == levels
    assert tables[-1].rows[-1].key == "bevolkingsdichtheid"


def test_figures_01b_mixed_levels_are_separate_pdf_tables(catalogue: Catalogue) -> None:
    data = tiny_store(kern_figures=True, two_wijken=True)
    kern, wijk = selection.key_figures(data, "a", catalogue)
    assert kern.areas == ("Aadorp",)
    assert all(len(r.values) == len(kern.areas) for r in kern.rows)
    assert wijk.areas == ("Wijk Een", "Wijk Twee")
    assert [r.values for r in wijk.rows] == [(250.0, 50.0)]
    assert "kern" in kern.caption and "wijken Wijk Een en Wijk Twee" in wijk.caption
    from exports.profiel import _key_figures_html

    html = _key_figures_html((kern, wijk))
    assert html.count("<table>") == 2
    assert html.index(kern.caption) < html.index(wijk.caption)


def test_figures_02_labels_differ_only_in_wording(catalogue: Catalogue) -> None:
    data = tiny_store()
    labels = {f.titel: f.compare_label for f in key_figures(data, "a", catalogue)}
    (pdf,) = selection.key_figures(data, "a", catalogue)
    assert labels["Aantal inwoners"] == "gemiddelde per wijk in Klein"
    assert pdf.rows[0].vergelijking_label == "gemiddelde per wijk"
    assert labels["Bevolkingsdichtheid"] == "gemeente Klein"
    assert pdf.rows[1].vergelijking_label == "gemeente"


def test_figures_03_pdf_has_a_column_per_wijk_the_screen_the_first(
    catalogue: Catalogue,
) -> None:
    data = tiny_store(two_wijken=True)
    (pdf,) = selection.key_figures(data, "a", catalogue)
    assert pdf.areas == ("Wijk Een", "Wijk Twee")
    assert pdf.rows[0].values == (3000.0, 1000.0)
    card = key_figures(data, "a", catalogue)[0]
    assert (card.area, card.value) == ("Wijk Een", 3000.0)


def test_figures_04_indicator_without_figures_is_a_card_not_a_pdf_row(
    catalogue: Catalogue,
) -> None:
    data = tiny_store()
    woz = catalogue.get("gemiddelde_woz").titel
    assert _screen(data, catalogue)[woz] == (None, None)
    keys = [r.key for t in selection.key_figures(data, "a", catalogue) for r in t.rows]
    assert "gemiddelde_woz" not in keys


def test_figures_05_table_rows_and_missing_wijk(catalogue: Catalogue) -> None:
    data = tiny_store(two_wijken=True)
    table = key_figure_table(data, "a", catalogue, all_wijken=True)
    assert list(table.columns) == list(KEY_FIGURE_COLUMNS)
    inwoners = table[table["key"] == "aantal_inwoners"]
    assert inwoners["code"].tolist() == ["W1", "W2"]
    assert set(inwoners["compare_basis"]) == {"gemiddelde"}
    data.kernen.loc[0, "wijkcodes"] = ""
    table = key_figure_table(data, "a", catalogue)
    assert table["code"].isna().all() and key_figures(data, "a", catalogue) == []
    assert selection.key_figures(data, "a", catalogue)[0].rows[0].values == ()


def test_initiatieven_01_screen_totals_are_the_pdf_rows_summed() -> None:
    data = tiny_store()
    for slug in ("a", "b"):
        pdf = selection.initiatieven_table(data, slug)
        screen = initiatieven_per_jaar(data, slug).set_index("jaar")
        summed = pdf.groupby("jaar")[["n_toegekend", "euro_toegekend"]].sum()
        pd.testing.assert_frame_equal(
            screen.loc[summed.index, ["n_toegekend", "euro_toegekend"]],
            summed,
            check_dtype=False,
        )
        # the screen also shows the gemeente's other years, with 0
        assert screen.index.tolist() == [2022, 2023, 2024]
        assert screen.drop(summed.index)["n_toegekend"].eq(0).all()
    pdf = selection.initiatieven_table(data, "a")
    assert list(pdf.columns) == [
        "jaar",
        "regeling",
        "n_aangevraagd",
        "n_toegekend",
        "euro_toegekend",
    ]
    assert pdf["regeling"].tolist() == [
        "leefbaarheidsbudget",
        "kernenbudget",
        "leefbaarheidsbudget",
    ]


def test_initiatieven_02_suppressed_na_in_pdf_zero_and_flagged_on_screen() -> None:
    data = tiny_store()
    pdf = selection.initiatieven_table(data, "b")
    assert pdf["n_toegekend"].isna().all()
    screen = initiatieven_per_jaar(data, "b")
    assert screen["jaar"].tolist() == [2022, 2023, 2024]
    assert screen["n_toegekend"].tolist() == [0, 0, 0]
    assert screen["onderdrukt"].tolist() == [0, 1, 1]  # 2022: none, not hidden
    gemeente = initiatieven_per_jaar(data).set_index("jaar")
    assert gemeente.loc[2023, "n_toegekend"] == 10
    assert gemeente.loc[2023, "onderdrukt"] == 1


@pytest.mark.parametrize(
    ("level", "area", "title"),
    [
        ("wijk", "Beesd", "Aantal inwoners in wijk Beesd"),
        ("wijk", "Wijk 05 Maurik", "Aantal inwoners in Wijk 05 Maurik"),
        ("wijk", np.nan, "Aantal inwoners in de wijk"),
        ("kern", "Beesd", "Aantal inwoners"),
    ],
)
def test_figures_06_a_wijk_figure_says_so_in_its_title(level, area, title) -> None:
    from types import SimpleNamespace

    from layouts.profiel import _figure_card

    figure = SimpleNamespace(
        titel="Aantal inwoners",
        eenheid="inwoners",
        value=4855,
        decimalen=0,
        level=level,
        area=area,
        compare=None,
        compare_label="",
    )
    heading, value, note = _figure_card(figure).children
    assert heading.children == title
    assert value.children == "4.855 inwoners"
    assert ("hele wijk" in note.children) == (level == "wijk")
