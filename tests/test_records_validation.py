"""Validation of municipal records: messages, row accounting, kern names, rules."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pipelines.gemeente import GemeenteConfig, load_gemeente
from pipelines.records import RECORD_TYPES, load_records
from pipelines.settings import PROJECT_ROOT

TODAY = date(2026, 11, 22)
HEADER_AP = (
    "id;kern;titel;thema;eigenaar;status;jaar vastgesteld;datum laatste update\n"
)
HEADER_IN = (
    "id;kern;regeling;titel;datum aanvraag;bedrag aangevraagd;bedrag toegekend;status;"
    "toegekend_boven_aanvraag\n"
)


@pytest.fixture(scope="module")
def buren() -> GemeenteConfig:
    return load_gemeente(PROJECT_ROOT / "geodata" / "gemeenten" / "buren.toml")


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def load(folder: Path, gemeente: GemeenteConfig):
    return load_records(folder, gemeente, today=TODAY)


def only(problems, **where):
    found = [p for p in problems if all(getattr(p, k) == v for k, v in where.items())]
    assert len(found) == 1, (where, problems)
    return found[0]


def test_kern_typo_names_file_row_column_value_and_suggestion(tmp_path, buren):
    write(
        tmp_path,
        "actiepunten.csv",
        HEADER_AP
        + "AP-1;Zoelen;Bankje;groen;inwoners;nieuw;2022;01-10-2026\n"
        + "AP-2;Kerk Avezath;Speelplek;groen;samen;nieuw;2022;01-10-2026\n",
    )
    result = load(tmp_path, buren)
    p = only(result.errors, column="kern")
    assert (p.file, p.row, p.value) == ("actiepunten.csv", 3, "Kerk Avezath")
    assert p.message == "Onbekende kern 'Kerk Avezath' in gemeente Buren."
    assert p.hint == "Bedoelt u: Kerk-Avezaath?"
    assert result.row_counts["actiepunten"] == {"input": 2, "stored": 1, "rejected": 1}
    assert list(result.tables["actiepunten"]["id"]) == ["AP-1"]


def test_wrong_status_lists_allowed_values_and_suggests(tmp_path, buren):
    write(
        tmp_path,
        "actiepunten.csv",
        HEADER_AP
        + "AP-1;Zoelen;Bankje;groen;inwoners;in uitvoerin;2022;01-10-2026\n"
        + "AP-2;Zoelen;Pad;groen;inwoners;bezig;2022;01-10-2026\n",
    )
    result = load(tmp_path, buren)
    first = only(result.errors, row=2)
    assert first.column == "status" and first.value == "in uitvoerin"
    assert first.message == "'in uitvoerin' is geen toegestane waarde voor status."
    assert first.hint.startswith("Bedoelt u: in uitvoering? Toegestaan: nieuw, ")
    second = only(result.errors, row=3)
    assert second.hint == (
        "Toegestaan: nieuw, in voorbereiding, in uitvoering, gerealiseerd, vervallen."
    )


@pytest.mark.parametrize(
    "written", ["Kerk Avezaath", "kerk-avezaath", "KERK AVEZAATH", " Kerk-Avezaath "]
)
def test_kern_spelling_variants_resolve(tmp_path, buren, written):
    write(
        tmp_path,
        "actiepunten.csv",
        HEADER_AP + f"AP-1;{written};Bankje;groen;inwoners;nieuw;2022;01-10-2026\n",
    )
    result = load(tmp_path, buren)
    assert not result.errors
    assert result.tables["actiepunten"]["kern_slug"].tolist() == ["kerk-avezaath"]


def test_accents_ij_and_multi_kern(tmp_path, buren):
    write(
        tmp_path,
        "actiepunten.csv",
        HEADER_AP
        + "AP-1;Ravenswaay; Zoëlen;Pad;verkeer;samen;nieuw;2022;01-10-2026\n".replace(
            "Ravenswaay; Zoëlen", '"Ravenswaay; Zoëlen"'
        ),
    )
    result = load(tmp_path, buren)
    assert not result.errors, result.errors
    row = result.tables["actiepunten"].iloc[0]
    assert row["kern_slugs"] == "ravenswaaij;zoelen"
    assert row["kern_slug"] == "ravenswaaij"
    assert row["thema"] == "verkeersveiligheid"


def test_kernoverstijgend_only_for_actiepunten(tmp_path, buren):
    write(
        tmp_path,
        "actiepunten.csv",
        HEADER_AP
        + "AP-1;kernoverstijgend;Visie;wonen;gemeente;nieuw;2022;01-10-2026\n",
    )
    write(
        tmp_path,
        "initiatieven.csv",
        HEADER_IN
        + "IN-1;kernoverstijgend;leefbaarheidsbudget;Feest;01-02-2024;500;500;"
        "toegekend;\n",
    )
    result = load(tmp_path, buren)
    assert result.tables["actiepunten"]["kern_slug"].tolist() == ["kernoverstijgend"]
    p = only(result.errors, file="initiatieven.csv")
    assert p.column == "kern" and p.value == "kernoverstijgend"


def test_all_problems_of_all_files_in_one_run(tmp_path, buren):
    write(
        tmp_path,
        "actiepunten.csv",
        HEADER_AP
        + "AP-1;Zoelen;Bankje;groen;inwoners;nieuw;20222;31-02-2024\n"
        + "AP-1;Maurick;Pad;groen;iedereen;nieuw;2022;01-10-2026\n",
    )
    write(
        tmp_path,
        "initiatieven.csv",
        HEADER_IN
        + "IN-1;Asch;leefbaarheidsbudget;Feest;01-02-2024;500;750;toegekend;\n"
        + "IN-2;Asch;leefbaarheidsbudget;Feest;01-02-2024;500;750;toegekend;ja\n"
        + "IN-3;Asch;leefbaarheidsbudget;Feest;1-2-2030;-5;;aangevraagd;\n",
    )
    result = load(tmp_path, buren)
    got = {(p.file, p.row, p.column) for p in result.errors}
    assert got == {
        ("actiepunten.csv", 2, "id"),
        ("actiepunten.csv", 2, "jaar vastgesteld"),
        ("actiepunten.csv", 2, "datum laatste update"),
        ("actiepunten.csv", 3, "id"),
        ("actiepunten.csv", 3, "kern"),
        ("actiepunten.csv", 3, "eigenaar"),
        ("initiatieven.csv", 2, "bedrag toegekend"),
        ("initiatieven.csv", 4, "datum aanvraag"),
        ("initiatieven.csv", 4, "bedrag aangevraagd"),
    }
    dup = only(result.errors, row=2, column="id")
    assert (
        dup.message
        == "Id 'AP-1' komt meer dan eens voor in het bestand (ook in rij 3)."
    )
    over = only(result.errors, column="bedrag toegekend")
    assert "hoger dan het aangevraagde" in over.message
    assert "toegekend_boven_aanvraag" in over.hint
    assert only(result.errors, column="datum aanvraag").value == "1-2-2030"
    assert result.row_counts["initiatieven"] == {"input": 3, "stored": 1, "rejected": 2}
    assert result.tables["initiatieven"]["id"].tolist() == ["IN-2"]


def test_stale_actiepunt_is_a_warning_and_stored(tmp_path, buren):
    write(
        tmp_path,
        "actiepunten.csv",
        HEADER_AP
        + "AP-1;Zoelen;Bankje;groen;inwoners;in uitvoering;2022;01-10-2025\n"
        + "AP-2;Zoelen;Pad;groen;inwoners;gerealiseerd;2022;01-10-2024\n",
    )
    result = load(tmp_path, buren)
    stale = [p for p in result.warnings if p.file == "actiepunten.csv"]
    assert [(p.row, p.column, p.value) for p in stale] == [
        (2, "datum laatste update", "01-10-2025")
    ]
    assert "12 maanden" in stale[0].message
    assert result.row_counts["actiepunten"]["stored"] == 2


def test_missing_required_column_rejects_file_with_one_clear_problem(tmp_path, buren):
    write(
        tmp_path,
        "actiepunten.csv",
        "id;kern;titel;thema;eigenaar;jaar vastgesteld;datum laatste update\n"
        "AP-1;Zoelen;Bankje;groen;inwoners;2022;01-10-2026\n",
    )
    result = load(tmp_path, buren)
    p = only(result.errors, file="actiepunten.csv")
    assert (p.row, p.column) == (1, "status")
    assert p.message == "De verplichte kolom 'status' ontbreekt."
    assert "stand van zaken" in p.hint
    assert result.row_counts["actiepunten"] == {"input": 1, "stored": 0, "rejected": 1}


def test_header_aliases_case_and_accents(tmp_path, buren):
    write(
        tmp_path,
        "actiepunten.csv",
        "Nummer;Kern(en);Omschrijving;THEMA;Eigenaar;Stand van zaken;Jaar;"
        "Laatst bijgewerkt;Opmerking;Extra kolom\n"
        "AP-1;Zoelen;Bankje;Groen;Inwoners;Afgerond;2022;2026-10-01;x;y\n",
    )
    result = load(tmp_path, buren)
    assert not result.errors, result.errors
    row = result.tables["actiepunten"].iloc[0]
    assert (row["status"], row["datum_laatste_update"]) == (
        "gerealiseerd",
        "2026-10-01",
    )
    unknown = only(result.warnings, column="Extra kolom")
    assert unknown.message == "Onbekende kolom 'Extra kolom'."


def test_missing_files_are_warnings_and_counted_as_zero(tmp_path, buren):
    result = load(tmp_path, buren)
    assert not result.errors
    assert {p.file for p in result.warnings} == {f"{t}.csv" for t in RECORD_TYPES}
    assert all(
        c == {"input": 0, "stored": 0, "rejected": 0}
        for c in result.row_counts.values()
    )


def test_nested_gemeente_folder_and_marker(tmp_path, buren):
    folder = tmp_path / "buren"
    folder.mkdir()
    write(
        folder,
        "actiepunten.csv",
        HEADER_AP + "AP-1;Zoelen;Bankje;groen;inwoners;nieuw;2022;01-10-2026\n",
    )
    (folder / "VOORBEELDDATA").write_text("x")
    result = load(tmp_path, buren)
    assert result.voorbeelddata
    assert result.files["actiepunten"] == "buren/actiepunten.csv"


def test_opgave_locations_in_wgs84(tmp_path, buren):
    write(
        tmp_path,
        "opgaven.csv",
        "id;kern;soort;titel;fase;lat;lon;x;y;wkt\n"
        "OP-1;Zoelen;wonen;Bouw;planvorming;51,9161;5,4041;;;\n"
        "OP-2;Zoelen;verkeer;30 km;uitvoering;;;155000;437000;\n"
        "OP-3;Asch;klimaat;Water;idee;;;;;POINT (5.29 51.93)\n"
        "OP-4;Asch;energie;Zon;idee;;;;;\n"
        "OP-5;Asch;energie;Zon;idee;51,9;;;;\n"
        "OP-6;Asch;energie;Zon;idee;;;;;POINT (155000 437000)\n",
    )
    result = load(tmp_path, buren)
    assert {(p.row, p.column) for p in result.errors} == {(6, "lat"), (7, "wkt")}
    loc = result.locations
    assert loc.crs.to_epsg() == 4326
    assert loc["opgave_id"].tolist() == ["OP-1", "OP-2", "OP-3"]
    assert loc.geometry.iloc[0].x == pytest.approx(5.4041)
    assert 5.0 < loc.geometry.iloc[1].x < 5.6 and 51.7 < loc.geometry.iloc[1].y < 52.1
