"""The Kernprofiel screen and the exported kernprofiel show the same figures.

Both are computed once in ``pipelines.dashboard_data.profiles`` (a kern's
figures over the years, the gemeente beside them); the screen and
``exports.selection`` only shape the result. Tiny stores, known answers.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from exports import selection
from layouts import format as fmt
from layouts import profiel
from pipelines.catalogue import Catalogue
from pipelines.dashboard_data import (
    KEY_FIGURE_COLUMNS,
    GemeenteData,
    initiatieven_per_jaar,
    key_figure_table,
    key_figures,
)
from pipelines.dashboard_data.profiles import (
    age_groups,
    profile_cards,
    source_line,
    year_note,
)
from pipelines.dashboard_data.trends import AGE_GROUPS, age_structure
from tests.test_overlays_data import tiny_data

HISTORY_COLUMNS = [
    "level",
    "code",
    "name",
    "indicator",
    "year",
    "value",
    "n_parts",
    "n_missing",
    "source_level",
    "methode",
    "aandeel_geschat",
]
AGES = {  # kern a and the gemeente, 2024, per age group
    "a": [795, 515, 1220, 1465, 1005],
    "GM0001": [4227, 3073, 5957, 8509, 6007],
}


def _row(level, code, key, year, value, methode="exact", geschat=0.0, missing=0):  # noqa: ANN001
    name = {"a": "Aadorp", "W1": "Wijk Een", "GM0001": "Klein"}.get(code, code)
    return (level, code, name, key, year, value, 2, missing, "buurt", methode, geschat)


def _history() -> pd.DataFrame:
    rows = [
        _row("kern", "a", "aantal_inwoners", 2017, 4135.0),
        _row("kern", "a", "aantal_inwoners", 2024, 5000.0),
        _row("gemeente", "GM0001", "aantal_inwoners", 2017, 26000.0, "samengevoegd"),
        _row("gemeente", "GM0001", "aantal_inwoners", 2024, 27773.0),
        _row("kern", "a", "aandeel_65_plus", 2017, 18.5, "grens_verschoven", 0.9),
        _row("kern", "a", "aandeel_65_plus", 2024, 20.1),
        _row("gemeente", "GM0001", "aandeel_65_plus", 2024, 21.6),
        # suppressed in 2017 (counted missing), estimated by area in 2024
        _row("kern", "a", "gemiddelde_woz", 2017, np.nan, missing=2),
        _row("kern", "a", "gemiddelde_woz", 2024, 404.0, "oppervlakte", 0.35),
        # only per wijk
        _row("wijk", "W1", "woningvoorraad", 2024, 2013.0),
        _row("gemeente", "GM0001", "woningvoorraad", 2024, 21607.0),
    ]
    for code, values in AGES.items():
        level = "kern" if code == "a" else "gemeente"
        rows += [
            _row(level, code, key, 2024, float(v))
            for (key, _), v in zip(AGE_GROUPS, values, strict=True)
        ]
    return pd.DataFrame(rows, columns=HISTORY_COLUMNS)


def history_store() -> GemeenteData:
    """Kern a with figures of 2017 and 2024, a moved border, an area estimate."""
    data = tiny_data(records=False)
    data.metadata["gemeentecode"] = "GM0001"
    data.history = _history()
    data.indicators = data.history  # every figure here is of its latest year
    data.crosswalk = pd.DataFrame(
        {
            "year": [2017, 2017],
            "code": ["BU01", "BU02"],
            "name": ["Aadorp Oost", "Aadorp West"],
            "kern": ["a", "a"],
            "share": [1.0, 1.0],
            "methode": ["grens_verschoven", "exact"],
            "iou": [0.45, 0.98],
        }
    )
    return data


def _by_key(data: GemeenteData, catalogue: Catalogue) -> dict:
    return {f.key: f for f in key_figures(data, "a", catalogue)}


def test_trends_01_kern_figure_of_every_year_and_its_change(catalogue) -> None:
    inwoners = _by_key(history_store(), catalogue)["aantal_inwoners"]
    assert (inwoners.level, inwoners.year, inwoners.value) == ("kern", 2024, 5000.0)
    assert [(y.year, y.value) for y in inwoners.years] == [
        (2017, 4135.0),
        (2024, 5000.0),
    ]
    assert inwoners.change == pytest.approx(20.919, abs=0.001)
    # the gemeente figure of the same year, beside it
    assert (inwoners.gemeente.year, inwoners.gemeente.value) == (2024, 27773.0)
    pairs = [(y.year, y.value, y.estimated) for y in inwoners.years]
    text = fmt.year_values(pairs, 0, fmt.signed_change(inwoners.change, False))
    assert text == "2017: 4.135 · 2024: 5.000 (+21 %)"


def test_trends_02_a_share_changes_in_procentpunt(catalogue) -> None:
    share = _by_key(history_store(), catalogue)["aandeel_65_plus"]
    assert share.share and share.change == pytest.approx(1.6)
    assert fmt.signed_change(share.change, share.share) == "+1,6 procentpunt"
    assert fmt.signed_change(-0.04, True) == "±0,0 procentpunt"


def test_trends_03_estimates_say_that_they_are_and_how(catalogue) -> None:
    figures = _by_key(history_store(), catalogue)
    moved = figures["aandeel_65_plus"].years[0]
    assert moved.estimated
    assert moved.note == "grens verschoven (Aadorp Oost, overlap 45 %)"
    woz = figures["gemiddelde_woz"]
    assert woz.latest.estimated
    assert woz.latest.note == "schatting naar oppervlakte (35 % van dit cijfer)"
    card = str(profiel._figure_card(woz))
    assert "(schatting)" in card and "35 % van dit cijfer" in card


def test_trends_04_suppressed_year_stays_empty_and_is_not_filled_in(
    catalogue,
) -> None:
    woz = _by_key(history_store(), catalogue)["gemiddelde_woz"]
    first = woz.years[0]
    assert (first.year, first.value, first.n_missing) == (2017, None, 2)
    assert first.note.startswith("geen cijfer")
    assert woz.change is None  # one year with a figure: no development
    # no year the store does not have (2018..2023) is made up
    assert [y.year for y in woz.years] == [2017, 2024]
    row = {"value": 10.0, "methode": "exact", "n_parts": 3, "n_missing": 1}
    assert year_note(row) == "zonder 1 van de 3 buurten (CBS-cijfer geheim)"


def test_trends_05_wijk_only_indicator_keeps_the_wijk_wording(catalogue) -> None:
    woningen = _by_key(history_store(), catalogue)["woningvoorraad"]
    assert (woningen.level, woningen.code, woningen.area) == ("wijk", "W1", "Wijk Een")
    card = profiel._figure_card(woningen)
    assert card.children[0].children == "Woningvoorraad in Wijk Een"
    assert "Cijfer van de hele wijk" in str(card)
    assert card.children[2].children == "Wijk Een, 2024"


def test_trends_06_card_says_level_year_and_gemeente(catalogue) -> None:
    share = _by_key(history_store(), catalogue)["aandeel_65_plus"]
    title, value, where, compare, *rest = profiel._figure_card(share).children
    assert value.children == "20,1 % van de inwoners"
    assert where.children == "kern, 2024"
    assert compare.children == "gemeente Klein: 21,6 %"
    text = str(rest)
    assert "2017: 18,5 (schatting) · 2024: 20,1 (+1,6 procentpunt)" in text
    assert "2017: grens verschoven (Aadorp Oost, overlap 45 %)" in text


def test_trends_07_screen_and_pdf_agree(catalogue) -> None:
    data = history_store()
    cards = {f.key: f for f in profile_cards(key_figures(data, "a", catalogue))}
    tables = selection.key_figures(data, "a", catalogue)
    assert [t.level for t in tables] == ["kern", "wijk"]
    kern, wijk = tables
    assert kern.years == (2017, 2024) and wijk.years == (2024,)
    for table in tables:
        for row in table.rows:
            card = cards[row.key]
            by_year = {y.year: y.value for y in card.years}
            assert row.values == tuple(by_year.get(y) for y in table.years)
            gemeente = card.gemeente.value if card.gemeente else None
            assert row.vergelijking == gemeente
    inwoners = next(r for r in kern.rows if r.key == "aantal_inwoners")
    assert inwoners.values == (4135.0, 5000.0) and inwoners.ontwikkeling == "+21 %"
    assert "2017" in kern.caption and "wijk Wijk Een" in wijk.caption


def test_trends_08_age_structure_sums_to_100_against_the_gemeente() -> None:
    data = history_store()
    age = age_groups(data, "a")
    assert age["year"] == 2024
    groups = age["groups"]
    assert [g["groep"] for g in groups] == [label for _, label in AGE_GROUPS]
    assert sum(g["kern_pct"] for g in groups) == pytest.approx(100)
    assert sum(g["gemeente_pct"] for g in groups) == pytest.approx(100)
    assert groups[0]["kern_pct"] == pytest.approx(15.9)
    reference = age_structure(data, "a").groups
    assert [g["gemeente_pct"] for g in groups] == pytest.approx(
        reference["gemeente_pct"].tolist()
    )
    assert age_groups(data, "b") is None  # no age groups of kern b


def test_trends_09_source_line_and_full_table(catalogue) -> None:
    data = history_store()
    figures = key_figures(data, "a", catalogue, keys=None)
    line = source_line(profile_cards(figures))
    assert line.startswith(
        "Bron: CBS, Kerncijfers wijken en buurten 2017, 2024 (CC BY 4.0); "
        "bewerking: optelling van buurten tot kernen"
    )
    table = key_figure_table(data, "a", catalogue)
    assert list(table.columns) == list(KEY_FIGURE_COLUMNS)
    woz = table[table["key"] == "gemiddelde_woz"]
    assert woz["year"].tolist() == [2017, 2024]
    assert woz["value"].tolist() == [None, 404.0]
    assert woz["latest"].tolist() == [False, True]
    # every age group is in the full table, not as a card
    assert "inwoners_0_15" in set(table["key"])
    assert "inwoners_0_15" not in {f.key for f in profile_cards(figures)}


def test_trends_10_no_history_no_figures(catalogue) -> None:
    data = tiny_data(records=False)
    assert key_figures(data, "a", catalogue) == []
    assert age_groups(data, "a") is None
    (empty,) = selection.key_figures(data, "a", catalogue)
    assert empty.rows == () and empty.level == "wijk"


def tiny_store() -> GemeenteData:
    """The overlay tests' tiny gemeente with initiatieven of kernen a and b
    (all of b's suppressed).
    """
    data = tiny_data(records=False)
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
