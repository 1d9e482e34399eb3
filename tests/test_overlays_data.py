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
