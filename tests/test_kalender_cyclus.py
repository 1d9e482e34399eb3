"""The cycle of kerngericht werken: TOML settings and the dates of 2025-2027."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pipelines.cyclus import moments, parse_cyclus, quarter_day
from pipelines.errors import ConfigError
from pipelines.gemeente import load_gemeente
from pipelines.settings import PROJECT_ROOT

GEMEENTEN = PROJECT_ROOT / "geodata" / "gemeenten"
YEARS = range(2025, 2028)


@pytest.fixture(scope="module")
def west_betuwe():
    return load_gemeente(GEMEENTEN / "west-betuwe.toml").cyclus


def dated(cyclus, step: str, gebieden=("beesd-en-tricht",)):
    found, _ = moments(cyclus, YEARS, list(gebieden))
    return [m for m in found if m.stap.id == step]


def test_ophalen_actiepunten_1_january_until_1_march(west_betuwe):
    got = [
        (m.start, m.end, m.deadline) for m in dated(west_betuwe, "ophalen-actiepunten")
    ]
    assert got == [
        (date(y, 1, 1), date(y, 2, 28), date(y, 2, 28)) for y in (2025, 2026, 2027)
    ]


def test_evaluatie_before_1_december(west_betuwe):
    got = [m.deadline for m in dated(west_betuwe, "evaluatie-kernagenda")]
    assert got == [date(2025, 11, 30), date(2026, 11, 30), date(2027, 11, 30)]


def test_quarterly_gebiedstafels_per_gebied(west_betuwe):
    tafels = dated(west_betuwe, "gebiedstafel", ("a", "b"))
    assert len(tafels) == 2 * 3 * 4
    a = [m.start for m in tafels if m.gebied == "a"]
    assert a[:4] == [
        date(2025, 3, 11),
        date(2025, 6, 3),
        date(2025, 9, 2),
        date(2025, 12, 9),
    ]
    assert all(d.weekday() == 1 for d in a)  # tenth Tuesday of the quarter
    assert [(d.year, (d.month - 1) // 3) for d in a] == [
        (y, q) for y in YEARS for q in range(4)
    ]
    assert all(m.stap.voorlopig for m in tafels)
    assert str(tafels[0].begintijd) == "19:30:00"


def test_election_year_2026_and_the_kansenkaart_in_it(west_betuwe):
    found, undated = moments(west_betuwe, YEARS, [])
    elections = [m.start for m in found if m.stap.id == "verkiezingen"]
    assert elections == [date(2026, 3, 18)]
    assert [(u.stap.id, u.jaar) for u in undated] == [("kansenkaart", 2026)]


def test_election_rule_without_a_known_date_is_undated(west_betuwe):
    _, undated = moments(west_betuwe, range(2029, 2032), [])
    assert sorted((u.stap.id, u.jaar) for u in undated) == [
        ("kansenkaart", 2030),
        ("verkiezingen", 2030),
    ]


def test_buren_has_no_gebiedstafel_in_its_cycle():
    cyclus = load_gemeente(GEMEENTEN / "buren.toml").cyclus
    assert "gebiedstafel" not in {s.regel for s in cyclus.stappen}
    assert {"ophalen-actiepunten", "evaluatie-kernagenda"} <= {
        s.id for s in cyclus.stappen
    }
    assert all(s.wie and s.wat for s in cyclus.stappen)


def test_explicit_dates_per_gebied_replace_the_rule():
    cyclus = parse_cyclus(
        {
            "stap": [
                {
                    "id": "tafel",
                    "regel": "gebiedstafel",
                    "titel": "Gebiedstafel",
                    "dag": "do",
                    "week": 2,
                    "data": {"noord": ["2026-02-12", "2026-05-14"]},
                }
            ]
        },
        None,
    )
    found, _ = moments(cyclus, YEARS, ["noord", "zuid"])
    noord = [m.start for m in found if m.gebied == "noord"]
    assert noord == [date(2026, 2, 12), date(2026, 5, 14)]
    assert len([m for m in found if m.gebied == "zuid"]) == 12


def test_quarter_day():
    assert quarter_day(2026, 1, "di", 1) == date(2026, 1, 6)
    assert quarter_day(2026, 4, "ma", 1) == date(2026, 10, 5)


@pytest.mark.parametrize(
    ("stap", "needle"),
    [
        ({"id": "x", "regel": "soms", "titel": "X"}, "regel = 'soms'"),
        ({"id": "x", "regel": "periode", "titel": "X", "van": "01-01"}, "'voor'"),
        (
            {"id": "x", "regel": "deadline", "titel": "X", "voor": "13-01"},
            "voor = '13-01'",
        ),
        (
            {"id": "x", "regel": "gebiedstafel", "titel": "X", "dag": "zondag"},
            "dag = 'zondag'",
        ),
        (
            {
                "id": "x",
                "regel": "deadline",
                "titel": "X",
                "voor": "12-01",
                "begintijd": "25:00",
            },
            "begintijd = '25:00'",
        ),
        ({"id": "x", "regel": "verkiezingsjaar", "titel": "X", "bij": "nee"}, "bij"),
    ],
)
def test_bad_settings_name_file_step_key_and_value(stap, needle):
    with pytest.raises(ConfigError) as err:
        parse_cyclus({"stap": [stap]}, Path("geodata/gemeenten/test.toml"))
    text = str(err.value)
    assert "test.toml" in text and needle in text and "Hint:" in text
