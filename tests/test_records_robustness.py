"""Broken and hostile inputs: each gives a clear error or is accepted safely."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from pipelines.gemeente import GemeenteConfig, load_gemeente
from pipelines.records import load_records
from pipelines.settings import PROJECT_ROOT

TODAY = date(2026, 11, 22)
HEADER = "id;kern;titel;thema;eigenaar;status;jaar vastgesteld;datum laatste update"
ROW = "AP-{i};Zoelen;{titel};groen;inwoners;nieuw;2022;01-10-2026"


@pytest.fixture(scope="module")
def buren() -> GemeenteConfig:
    return load_gemeente(PROJECT_ROOT / "geodata" / "gemeenten" / "buren.toml")


def file_error(folder: Path, gemeente: GemeenteConfig):
    result = load_records(folder, gemeente, today=TODAY)
    errors = [p for p in result.errors if p.file.startswith("actiepunten")]
    assert len(errors) == 1, errors
    return errors[0], result


def test_wrong_separator(tmp_path, buren):
    text = (
        HEADER.replace(";", ",") + "\n" + ROW.format(i=1, titel="x").replace(";", ",")
    )
    (tmp_path / "actiepunten.csv").write_text(text + "\n")
    error, result = file_error(tmp_path, buren)
    assert error.row is None
    assert "',' als scheidingsteken" in error.message and "';'" in error.message
    assert "CSV (gescheiden door lijstscheidingsteken)" in error.hint
    assert result.row_counts["actiepunten"]["stored"] == 0


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\n\n;;;\n"])
def test_empty_file(tmp_path, buren, content):
    (tmp_path / "actiepunten.csv").write_bytes(content)
    error, _ = file_error(tmp_path, buren)
    assert error.message == "Het bestand is leeg."


def test_binary_garbage(tmp_path, buren):
    (tmp_path / "actiepunten.csv").write_bytes(bytes(range(256)) * 20)
    error, _ = file_error(tmp_path, buren)
    assert error.message == "Het bestand is geen tekstbestand (CSV)."


def test_garbage_named_xlsx(tmp_path, buren):
    (tmp_path / "actiepunten.xlsx").write_bytes(b"not a zip at all" * 10)
    error, _ = file_error(tmp_path, buren)
    assert "geen geldig Excel-bestand" in error.message


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_encodings(tmp_path, buren, encoding):
    text = HEADER + "\n" + ROW.format(i=1, titel="Café en crèche €") + "\n"
    (tmp_path / "actiepunten.csv").write_bytes(text.encode(encoding))
    result = load_records(tmp_path, buren, today=TODAY)
    assert not result.errors
    assert result.tables["actiepunten"]["titel"].tolist() == ["Café en crèche €"]


def test_emoji_script_and_formula_text_stored_verbatim(tmp_path, buren):
    titles = ["<script>alert('x')</script>", "Feest 🎉🏡", '=HYPERLINK("http://x")']
    rows = [ROW.format(i=i, titel=t.replace('"', '""')) for i, t in enumerate(titles)]
    rows = [
        r.replace(
            f";{t.replace(chr(34), chr(34) * 2)};",
            f';"{t.replace(chr(34), chr(34) * 2)}";',
        )
        for r, t in zip(rows, titles, strict=True)
    ]
    (tmp_path / "actiepunten.csv").write_text(HEADER + "\n" + "\n".join(rows) + "\n")
    result = load_records(tmp_path, buren, today=TODAY)
    assert not result.errors
    assert result.tables["actiepunten"]["titel"].tolist() == titles


def test_extra_cells_in_a_row_reject_that_row_only(tmp_path, buren):
    lines = [HEADER, ROW.format(i=1, titel="a"), ROW.format(i=2, titel="b;c")]
    (tmp_path / "actiepunten.csv").write_text("\n".join(lines) + "\n")
    result = load_records(tmp_path, buren, today=TODAY)
    assert {p.row for p in result.errors} == {3}
    assert "meer cellen (9) dan de kopregel (8)" in result.errors[0].message
    assert result.row_counts["actiepunten"] == {"input": 2, "stored": 1, "rejected": 1}


def test_hundred_thousand_rows(tmp_path, buren):
    n = 100_000
    body = "\n".join(ROW.format(i=i, titel=f"Actie {i}") for i in range(n))
    bad = "AP-x;Kerk Avezath;t;groen;inwoners;bezig;2022;01-10-2026"
    (tmp_path / "actiepunten.csv").write_text(HEADER + "\n" + body + "\n" + bad + "\n")
    result = load_records(tmp_path, buren, today=TODAY)
    assert result.row_counts["actiepunten"] == {
        "input": n + 1,
        "stored": n,
        "rejected": 1,
    }
    assert {(p.row, p.column) for p in result.errors} == {
        (n + 2, "kern"),
        (n + 2, "status"),
    }


def _workbook(rows: list[list[object]], title: str = "Blad1") -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    return wb


def test_xlsx_named_sheet_dates_numbers_and_formulas(tmp_path, buren):
    header = [
        "id",
        "kern",
        "regeling",
        "titel",
        "datum aanvraag",
        "bedrag aangevraagd",
        "bedrag toegekend",
        "status",
    ]
    wb = _workbook([["Uitleg"]], "Instructies")
    ws = wb.create_sheet("Initiatieven")
    ws.append(header)
    ws.append(
        [
            "IN-1",
            "Asch",
            "leefbaarheidsbudget",
            "Feest",
            date(2024, 2, 1),
            1250.5,
            "=F2",
            "toegekend",
        ]
    )
    ws.append(
        [
            "IN-2",
            "Asch",
            "leefbaarheidsbudget",
            "Feest",
            date(2024, 2, 1),
            800,
            800,
            "toegekend",
        ]
    )
    wb.save(tmp_path / "initiatieven.xlsx")
    result = load_records(tmp_path, buren, today=TODAY)
    # openpyxl does not compute formulas: the formula cell has no cached value
    error = next(p for p in result.errors if p.file == "initiatieven.xlsx")
    assert (error.row, error.column, error.value) == (2, "bedrag toegekend", "=F2")
    assert "formule" in error.message
    table = result.tables["initiatieven"]
    assert table["id"].tolist() == ["IN-2"]
    assert table["datum_aanvraag"].tolist() == ["2024-02-01"]
    assert table["bedrag_aangevraagd"].tolist() == [800.0]
    assert result.row_counts["initiatieven"] == {"input": 2, "stored": 1, "rejected": 1}


def test_xlsx_merged_header_cells(tmp_path, buren):
    wb = _workbook([HEADER.split(";"), ROW.format(i=1, titel="x").split(";")])
    wb.active.merge_cells("A1:B1")
    wb.save(tmp_path / "actiepunten.xlsx")
    error, result = file_error(tmp_path, buren)
    assert "samengevoegde cellen (A1:B1)" in error.message
    assert "samenvoegen ongedaan" in error.hint
    assert (
        result.row_counts["actiepunten"]["rejected"]
        == result.row_counts["actiepunten"]["input"]
    )


def test_csv_and_xlsx_for_one_type_is_an_error(tmp_path, buren):
    (tmp_path / "actiepunten.csv").write_text(HEADER + "\n")
    _workbook([HEADER.split(";")]).save(tmp_path / "actiepunten.xlsx")
    error, _ = file_error(tmp_path, buren)
    assert "twee bestanden" in error.message
