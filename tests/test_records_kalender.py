"""Activiteiten for the jaarkalender: times, einddatum, soort, link, beschrijving."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from pipelines.gemeente import GemeenteConfig, load_gemeente
from pipelines.records import load_records
from pipelines.records.parsers import parse_time
from pipelines.settings import PROJECT_ROOT

TODAY = date(2026, 11, 22)
HEADER = "id;kern;datum;titel;begintijd;eindtijd;einddatum;soort;link;beschrijving\n"


@pytest.fixture(scope="module")
def buren() -> GemeenteConfig:
    return load_gemeente(PROJECT_ROOT / "geodata" / "gemeenten" / "buren.toml")


def load(folder: Path, text: str, gemeente: GemeenteConfig):
    (folder / "activiteiten.csv").write_text(text, encoding="utf-8")
    return load_records(folder, gemeente, today=TODAY)


def problem(result, row: int, column: str):
    found = [p for p in result.errors if p.row == row and p.column == column]
    assert len(found) == 1, result.errors
    return found[0]


def test_old_file_without_the_new_columns_stays_valid(tmp_path, buren):
    result = load(
        tmp_path,
        "kern;datum;titel;organisator;locatie\nAsch;14-06-2025;Dorpsfeest;Dorpsraad;"
        "Plein\n",
        buren,
    )
    assert not result.errors
    table = result.tables["activiteiten"]
    assert len(table) == 1
    for column in ("begintijd", "eindtijd", "einddatum", "soort", "link"):
        assert column in table and pd.isna(table[column].iloc[0])


def test_new_columns_are_parsed_and_stored(tmp_path, buren):
    result = load(
        tmp_path,
        HEADER
        + "A1;Asch;14-06-2025;Dorpsfeest;14.00;17u;16-06-2025;Kermis;"
        "https://www.asch.nl/feest;Drie dagen; met muziek\n".replace("; met", ", met")
        + "A2;Asch;15-06-2025;Inloop;19:30;21:30:00;;inloop;;\n",
        buren,
    )
    assert not result.errors, result.errors
    t = result.tables["activiteiten"]
    assert t["begintijd"].tolist() == ["14:00", "19:30"]
    assert t["eindtijd"].tolist() == ["17:00", "21:30"]
    assert t["einddatum"].iloc[0] == "2025-06-16" and pd.isna(t["einddatum"].iloc[1])
    assert t["soort"].tolist() == ["dorpsfeest", "inloopavond"]
    assert t["link"].iloc[0] == "https://www.asch.nl/feest"


def test_end_before_start_names_file_row_column_value_and_hint(tmp_path, buren):
    result = load(
        tmp_path, HEADER + "A1;Asch;14-06-2025;Feest;;;13-06-2025;dorpsfeest;;\n", buren
    )
    p = problem(result, 2, "einddatum")
    assert p.file == "activiteiten.csv" and p.value == "13-06-2025"
    assert "voor de datum" in p.message and "einddatum" in p.hint
    assert result.row_counts["activiteiten"] == {
        "input": 1,
        "stored": 0,
        "rejected": 1,
    }


@pytest.mark.parametrize("value", ["25:00", "14:75", "kwart over", "14"])
def test_impossible_times_are_errors(tmp_path, buren, value):
    result = load(
        tmp_path, HEADER + f"A1;Asch;14-06-2025;Feest;{value};;;overig;;\n", buren
    )
    p = problem(result, 2, "begintijd")
    assert p.value == value and "geen geldige tijd" in p.message
    assert "uu:mm" in p.hint


def test_end_time_before_start_time_on_one_day(tmp_path, buren):
    result = load(
        tmp_path,
        HEADER
        + "A1;Asch;14-06-2025;Feest;17:00;14:00;;overig;;\n"
        + "A2;Asch;14-06-2025;Nachtfeest;21:00;02:00;15-06-2025;overig;;\n"
        + "A3;Asch;14-06-2025;Zonder begin;;14:00;;overig;;\n",
        buren,
    )
    assert problem(result, 2, "eindtijd").value == "14:00"
    assert "niet na de begintijd" in problem(result, 2, "eindtijd").message
    assert not [p for p in result.errors if p.row == 3]  # over midnight: fine
    assert "geen begintijd" in problem(result, 4, "eindtijd").message


@pytest.mark.parametrize(
    "link", ["http://www.asch.nl", "www.asch.nl", "javascript:alert(1)", "https://"]
)
def test_link_must_be_https(tmp_path, buren, link):
    result = load(
        tmp_path, HEADER + f"A1;Asch;14-06-2025;Feest;;;;overig;{link};\n", buren
    )
    p = problem(result, 2, "link")
    assert p.value == link and "https://" in p.message and "https://" in p.hint


def test_unknown_soort_suggests_allowed_values(tmp_path, buren):
    result = load(
        tmp_path, HEADER + "A1;Asch;14-06-2025;Feest;;;;dorpsfeset;;\n", buren
    )
    p = problem(result, 2, "soort")
    assert p.hint.startswith("Bedoelt u: dorpsfeest?") and "overig" in p.hint


def test_parse_time_forms():
    values, bad = parse_time(
        pd.Series(["9:05", "09.30", "14u30", "14 uur", "", "24:00"])
    )
    assert values.tolist()[:4] == ["09:05", "09:30", "14:30", "14:00"]
    assert bad.tolist() == [False, False, False, False, False, True]


def test_voorbeelddata_has_times_and_a_village_year_of_soorten():
    frame = pd.read_csv(
        PROJECT_ROOT / "data" / "voorbeelddata" / "west-betuwe" / "activiteiten.csv",
        sep=";",
        dtype=str,
        encoding="utf-8-sig",
    )
    assert frame["begintijd"].notna().mean() > 0.7
    assert frame["einddatum"].notna().any()  # a dorpsfeest over a weekend
    soorten = frame["soort"].value_counts()
    assert len(soorten) >= 7 and "gebiedstafel" not in soorten  # tafels: [cyclus]
    months = pd.to_datetime(frame["datum"], format="%d-%m-%Y").dt.month
    assert set(months) >= set(range(1, 13)) - {7, 8}
    assert (frame["voorbeelddata"] == "ja").all()
    assert frame["link"].dropna().str.startswith("https://").all()
