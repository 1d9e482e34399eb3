"""Dutch formatting of numbers, amounts and moments for the screens."""

from __future__ import annotations

import pytest

from layouts import format as fmt


@pytest.mark.parametrize(
    ("value", "decimals", "shown"),
    [(1234.5, 1, "1.234,5"), (4855, 0, "4.855"), (None, 0, "geen gegevens")],
)
def test_numbers_use_dutch_separators(value, decimals: int, shown: str) -> None:
    assert fmt.number(value, decimals) == shown


@pytest.mark.parametrize(
    ("iso", "shown"),
    [
        ("2026-11-22T13:19:11+00:00", "22 november 2026, 13:19 (UTC)"),
        ("2026-01-05T08:03:00", "5 januari 2026, 08:03"),
        ("onbekend", "onbekend"),
        ("", ""),
    ],
)
def test_build_moment_in_dutch_words(iso: str, shown: str) -> None:
    assert fmt.moment(iso) == shown


@pytest.mark.parametrize(
    ("titel", "eenheid", "shown"),
    [
        ("Aantal inwoners", "inwoners", "Aantal inwoners"),
        ("Mannen", "inwoners", "Mannen (inwoners)"),
        (
            "Bevolkingsdichtheid",
            "inwoners per km² land",
            "Bevolkingsdichtheid (inwoners per km² land)",
        ),
        ("Huishoudens", "huishoudens", "Huishoudens"),
        ("Oppervlakte land", "", "Oppervlakte land"),
    ],
)
def test_title_names_its_unit_once(titel: str, eenheid: str, shown: str) -> None:
    assert fmt.titled(titel, eenheid) == shown
