"""A tiny hand-made gemeente (3 kernen, 2 wijken) whose overlay answers are known."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipelines.dashboard_data import GemeenteData


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
