"""A tiny hand-made gemeente (3 kernen, 2 wijken) whose overlay answers are known."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipelines.dashboard_data import (
    OVERLAY_SOURCES,
    Filters,
    GemeenteData,
    chosen_filters,
    overlay_input,
)
from pipelines.indicators import latest_year_view


def tiny_data(records: bool = True, kern_figures: bool = False) -> GemeenteData:
    """Kernen a, b, c; wijk W1 holds a and b, W2 holds c."""
    kernen = pd.DataFrame(
        {
            "kern_slug": ["a", "b", "c"],
            "name": ["Aadorp", "Beedorp", "Ceedorp"],
            "area_ha": [10.0, 20.0, 30.0],
            "label_lon": [5.0, 5.1, 5.2],
            "label_lat": [52.0, 52.1, 52.2],
            "wijkcodes": ["W1", "W1", "W2"],
        }
    )
    wijken = pd.DataFrame({"wijkcode": ["W1", "W2"], "name": ["Wijk Een", "Wijk Twee"]})
    rows = [
        ("wijk", "W1", "Wijk Een", "aantal_inwoners", 3000.0),
        ("wijk", "W2", "Wijk Twee", "aantal_inwoners", 1000.0),
        ("gemeente", "GM0001", "Klein", "aantal_inwoners", 4000.0),
    ]
    if kern_figures:
        rows += [
            ("kern", "a", "Aadorp", "aantal_inwoners", 100.0),
            ("kern", "b", "Beedorp", "aantal_inwoners", 2900.0),
            ("kern", "c", "Ceedorp", "aantal_inwoners", 1000.0),
        ]
    indicators = pd.DataFrame(
        rows, columns=["level", "code", "name", "indicator", "value"]
    )
    data = GemeenteData(
        slug="klein",
        naam="Klein",
        path=Path("klein-intern.gpkg"),
        metadata={"year": 2024, "audience": "intern", "voorbeelddata": True},
        kernen=kernen,
        wijken=wijken,
        indicators=indicators,
        version="v1",
        bounds=(5.0, 52.0, 5.2, 52.2),
    )
    if records:
        data.records = _records()
    return data


HISTORY_COLUMNS = ["level", "code", "name", "indicator", "year", "value", "methode"]


def tiny_history() -> GemeenteData:
    """tiny_data with figures of 2017 and 2024 (``history``), as a real store has.

    aantal_inwoners per kern both years (b's 2017 buurt moved its border; c
    suppressed in 2017); woningvoorraad per kern only in 2024, per wijk in
    2017 and 2024; aandeel_65_plus per kern both years.
    """
    exact, moved = "exact", "grens_verschoven"
    rows = []
    kern_figures = {
        "aantal_inwoners": {2017: (100.0, 2000.0, None), 2024: (125.0, 2010.0, 1000.0)},
        "woningvoorraad": {2024: (40.0, 800.0, 400.0)},
        "aandeel_65_plus": {2017: (20.0, 18.0, 15.0), 2024: (25.0, 18.5, 15.0)},
    }
    names = {"a": "Aadorp", "b": "Beedorp", "c": "Ceedorp"}
    for key, years in kern_figures.items():
        for year, values in years.items():
            for (code, name), value in zip(names.items(), values, strict=True):
                methode = moved if (year, code) == (2017, "b") else exact
                rows.append(("kern", code, name, key, year, value, methode))
    for key in kern_figures:
        for year in (2017, 2024):
            rows += [
                ("wijk", "W1", "Wijk Een", key, year, 3000.0, exact),
                ("wijk", "W2", "Wijk Twee", key, year, 1000.0, exact),
                ("gemeente", "GM0001", "Klein", key, year, 4000.0, exact),
            ]
    history = pd.DataFrame(rows, columns=HISTORY_COLUMNS)
    history["aandeel_geschat"] = (history["methode"] != exact).astype(float) / 2
    history["n_missing"] = history["value"].isna().astype(int)
    data = tiny_data(records=False)
    data.history = history
    data.indicators = latest_year_view(history)
    data.metadata["gemeentecode"] = "GM0001"
    return data


def _records() -> dict[str, pd.DataFrame]:
    actiepunten = pd.DataFrame(
        {
            "id": ["1", "2", "3", "4", "5"],
            "kern_slug": ["a", "a", "a", "b", "a"],
            "kern_slugs": ["a", "a", "a", "b", "a;b"],
            "titel": ["Bankje", "Pad", "Zone", "Dorpshuis", "Dijk"],
            "thema": [
                "groen en beheer",
                "wonen",
                "verkeersveiligheid",
                "voorzieningen",
                "wonen",
            ],
            "eigenaar": ["inwoners", "gemeente", "samen", "samen", None],
            "status": [
                "gerealiseerd",
                "gerealiseerd",
                "vervallen",
                "in voorbereiding",
                "nieuw",
            ],
            "jaar_vastgesteld": [2022, 2022, 2022, 2021, 2023],
            "datum_laatste_update": ["2024-01-01"] * 5,
            "planning_jaar": [None, None, None, 2023.0, None],
            "planning_kwartaal": [None, None, None, 2.0, None],
        }
    )
    agg = pd.DataFrame(
        {
            "kern_slug": ["a", "a", "b"],
            "jaar": [2022, 2023, 2023],
            "regeling": ["leefbaarheidsbudget", "kernenbudget", "leefbaarheidsbudget"],
            "n_toegekend": [2.0, 1.0, 4.0],
            "euro_toegekend": [1000.0, 5000.0, 2000.0],
            "onderdrukt": [False, False, False],
        }
    )
    opgaven = pd.DataFrame(
        {
            "id": ["O1", "O2", "O3"],
            "kern_slug": ["a", "b", "a"],
            "kern_slugs": ["a", "b;c", "a"],
            "soort": ["wonen", "dijkversterking", "energie"],
            "titel": ["Wijk Oost", "Dijk", "Zonneveld"],
            "fase": ["uitvoering", "verkenning", "gereed"],
        }
    )
    gebieden = pd.DataFrame(
        {
            "gebied": ["Noord", "Zuid"],
            "functie": ["gebiedsmakelaar", "gebiedsmakelaar"],
            "naam": ["Makelaar Noord", "Makelaar Zuid"],
            "kern_slugs": ["a;b", "c"],
        }
    )
    return {
        "actiepunten": actiepunten,
        "agg_initiatieven": agg,
        "opgaven": opgaven,
        "gebieden": gebieden,
    }


def test_tiny_data_is_consistent() -> None:
    data = tiny_data()
    assert data.has_records
    assert data.kern_name("b") == "Beedorp"
    assert not tiny_data(records=False).has_records


def test_overlay_input_holds_kernen_names_and_the_per_kern_frame(catalogue) -> None:
    inputs = overlay_input("kernagenda", tiny_data(), Filters(), catalogue)
    assert inputs.kern_codes == ["a", "b", "c"]
    assert inputs.kern_names == {"a": "Aadorp", "b": "Beedorp", "c": "Ceedorp"}
    assert (inputs.gemeente, inputs.year, inputs.chosen) == ("Klein", "2024", {})
    assert inputs.frame is not None
    assert inputs.frame["n_totaal"].tolist() == [4, 2, 0]
    assert inputs.frame["pct_gerealiseerd"].tolist()[:2] == [67, 0]


@pytest.mark.parametrize(
    "source", ["kernagenda", "leefbaarheid", "ruimtelijk", "gebieden"]
)
def test_overlay_input_without_records_has_no_frame(source, catalogue) -> None:
    inputs = overlay_input(source, tiny_data(records=False), Filters(), catalogue)
    assert inputs.frame is None
    assert inputs.points is None
    assert inputs.kern_codes == ["a", "b", "c"]


def test_overlay_input_for_indicator_carries_level_and_wijken(catalogue) -> None:
    inputs = overlay_input("indicator", tiny_data(records=False), Filters(), catalogue)
    assert inputs.level == "wijk"
    assert inputs.frame is not None
    assert inputs.frame["code"].tolist() == ["W1", "W2"]
    assert inputs.gemeente_value == 4000
    assert inputs.indicator is not None and inputs.indicator.key == "aantal_inwoners"
    assert inputs.kern_wijken == {"a": ["W1"], "b": ["W1"], "c": ["W2"]}


def test_overlay_input_for_ruimtelijk_has_points(catalogue) -> None:
    inputs = overlay_input("ruimtelijk", tiny_data(), Filters(), catalogue)
    assert inputs.frame is not None
    assert inputs.frame["n_open"].tolist() == [1, 1, 1]
    assert inputs.points is not None
    assert list(inputs.points.columns) == ["lon", "lat", "label"]


def test_chosen_filters_leave_out_alle_and_the_indicator() -> None:
    filters = Filters(jaar="2022", thema="wonen", indicator="aantal_inwoners")
    assert chosen_filters(filters) == {"jaar": "2022", "thema": "wonen"}
    assert chosen_filters(Filters()) == {}


def test_overlay_input_unknown_source_names_the_known_ones(catalogue) -> None:
    with pytest.raises(KeyError, match="kernagenda"):
        overlay_input("onbekend", tiny_data(), Filters(), catalogue)
    assert set(OVERLAY_SOURCES) == {
        "kernagenda",
        "leefbaarheid",
        "indicator",
        "ruimtelijk",
        "gebieden",
    }


# --- Kaart URL: CBS year, weergave and sinds -----------------------------------


def test_cbs_filters_round_trip_through_the_url(catalogue) -> None:
    from callbacks.state import normalise, parse_search, to_search

    data = tiny_history()
    search = (
        "?gemeente=klein&overlay=indicator&indicator=aantal_inwoners"
        "&weergave=verandering&sinds=2017"
    )
    state = normalise(parse_search(search), data, catalogue)
    assert (state["cbsjaar"], state["weergave"], state["sinds"]) == (
        "2024",
        "verandering",
        "2017",
    )
    url = to_search(state)
    assert url == (
        "?gemeente=klein&overlay=indicator&indicator=aantal_inwoners"
        "&cbsjaar=2024&weergave=verandering&sinds=2017"
    )
    assert normalise(parse_search(url), data, catalogue) == state
    # the value view (default): no weergave or sinds in the link
    waarde = normalise(parse_search(search + "&cbsjaar=2017"), data, catalogue)
    assert waarde["weergave"] == "waarde"  # no year before 2017
    assert "weergave" not in to_search(waarde) and "cbsjaar=2017" in to_search(waarde)
    # another overlay: the CBS filters stay out of its link
    assert "cbsjaar" not in to_search({**state, "overlay": "gebieden"})


def test_bad_cbs_values_fall_back_and_are_named(catalogue) -> None:
    from callbacks.state import ignored_note, normalise, parse_search

    data = tiny_history()
    raw = parse_search(
        "?gemeente=klein&overlay=indicator&indicator=aantal_inwoners"
        "&cbsjaar=2019&weergave=verandering&sinds=2030"
    )
    state = normalise(raw, data, catalogue)
    # never a year that is not there: the latest, and since the earliest
    assert (state["cbsjaar"], state["sinds"]) == ("2024", "2017")
    assert ignored_note(raw, state) == (
        "Niet gevonden in deze kernenkaart, en daarom niet toegepast: "
        "CBS-jaar '2019', sinds '2030'."
    )
    # woningvoorraad has kern figures for 2024 only: no change to show
    raw = parse_search("?indicator=woningvoorraad&weergave=verandering&sinds=2017")
    state = normalise(raw, data, catalogue)
    assert (state["weergave"], state["sinds"]) == ("waarde", "")
    assert "weergave 'verandering', sinds '2017'" in ignored_note(raw, state)


def test_indicator_values_per_year_and_change(catalogue) -> None:
    from pipelines.dashboard_data.indicators import indicator_periods, indicator_values

    data = tiny_history()
    assert indicator_periods(data, "woningvoorraad") == {
        "kern": [2024],
        "wijk": [2017, 2024],
    }
    latest = indicator_values(data, "aantal_inwoners")
    assert (latest.level, latest.year, latest.since) == ("kern", 2024, None)
    change = indicator_values(data, "aantal_inwoners", 2024, since=2017)
    frame = change.frame.set_index("code")
    assert frame.loc["a", "verschil"] == 25 and frame.loc["a", "procent"] == 25
    assert pd.isna(frame.loc["c", "verschil"])  # suppressed in 2017: no change
    assert change.gemeente_since == 4000.0
    # a since at another level (wijk 2017 for a kern year) is not used
    assert indicator_values(data, "woningvoorraad", 2024, since=2017).since is None
