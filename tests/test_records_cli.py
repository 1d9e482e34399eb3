"""CLI commands validate/template/voorbeelddata, templates, report export."""

from __future__ import annotations

import csv
from datetime import date

import pytest
import typer
from openpyxl import load_workbook
from typer.testing import CliRunner

from cli import records as records_cli
from pipelines.records.model import Problem
from pipelines.records.report import write_report


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    records_cli.register(app)
    return app


def test_template_writes_xlsx_with_dropdowns_and_instructions(app, tmp_path):
    result = CliRunner().invoke(
        app, ["template", "--out", str(tmp_path), "--gemeente", "buren"]
    )
    assert result.exit_code == 0, result.output
    wb = load_workbook(tmp_path / "actiepunten.xlsx")
    assert wb.sheetnames == ["actiepunten", "Keuzelijsten", "Instructies"]
    ws = wb["actiepunten"]
    header = [c.value for c in ws[1]]
    assert header[:6] == ["id", "kern", "titel", "thema", "eigenaar", "status"]
    assert "voorbeelddata" not in header
    formulas = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert "F2:F2000" in formulas  # status drop-down
    lists = wb["Keuzelijsten"]
    assert lists.sheet_state == "hidden"
    values = [
        c.value
        for c in lists[
            formulas["F2:F2000"].split("!")[1].split(":")[0].replace("$", "")[0]
        ]
    ]
    assert "in uitvoering" in values
    text = " ".join(str(c.value) for row in wb["Instructies"] for c in row if c.value)
    assert "Vul de gegevens in" in text and "Kerk-Avezaath" in text
    with open(tmp_path / "initiatieven.csv", encoding="utf-8-sig") as fh:
        assert next(csv.reader(fh, delimiter=";"))[:3] == ["id", "kern", "regeling"]


def test_filled_template_validates_with_exact_report(app, tmp_path):
    runner = CliRunner()
    runner.invoke(app, ["template", "--out", str(tmp_path)])
    wb = load_workbook(tmp_path / "actiepunten.xlsx")
    ws = wb["actiepunten"]
    ws.append(
        [
            "AP-1",
            "Zoelen",
            "Bankje bij de kerk",
            "groen en beheer",
            "inwoners",
            "nieuw",
            2022,
            date(2026, 10, 1),
        ]
    )
    ws.append(
        [
            "AP-2",
            "Kerk Avezath",
            "Speelplek",
            "groen en beheer",
            "samen",
            "bezig",
            2022,
            date(2026, 10, 1),
        ]
    )
    wb.save(tmp_path / "actiepunten.xlsx")
    for path in tmp_path.glob("*.csv"):
        path.unlink()
    report = tmp_path / "rapport.csv"
    result = runner.invoke(
        app,
        [
            "validate",
            "--gemeente",
            "buren",
            "--records",
            str(tmp_path),
            "--report",
            str(report),
        ],
    )
    assert result.exit_code == 1
    with open(report, encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    errors = [r for r in rows if r["ernst"] == "fout"]
    assert [(r["bestand"], r["rij"], r["kolom"], r["waarde"]) for r in errors] == [
        ("actiepunten.xlsx", "3", "kern", "Kerk Avezath"),
        ("actiepunten.xlsx", "3", "status", "bezig"),
    ]
    assert errors[0]["oplossing"] == "Bedoelt u: Kerk-Avezaath?"


def test_validate_voorbeelddata_passes(app):
    result = CliRunner().invoke(
        app, ["validate", "--gemeente", "all", "--records", "data/voorbeelddata"]
    )
    assert result.exit_code == 0, result.output


def test_report_neutralises_formulas(tmp_path):
    problems = [
        Problem("fout", "a.csv", 2, "titel", '=HYPERLINK("http://x")', "m", "+h")
    ]
    write_report(problems, tmp_path / "r.csv")
    text = (tmp_path / "r.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and ";'+h" in text
    write_report(problems, tmp_path / "r.xlsx")
    ws = load_workbook(tmp_path / "r.xlsx")["Validatierapport"]
    assert ws["E2"].data_type == "s" and ws["E2"].value.startswith("=HYPERLINK")
    with pytest.raises(Exception, match="csv or .xlsx"):
        write_report(problems, tmp_path / "r.txt")
