"""Table downloads: Dutch CSV conventions, XLSX cells, formula injection."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pandas as pd

from exports.tables import (
    dataframe_to_csv_bytes,
    dataframe_to_xlsx_bytes,
    neutralise,
    safe_sheet_name,
)


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "kern": ["Beesd", '=HYPERLINK("http://x")', "Tuil; Haaften"],
            "bedrag": [1250.5, 99.0, None],
            "aantal": pd.array([3, None, 12], dtype="Int64"),
            "datum": ["2026-03-17", "2025-12-01", None],
            "actief": [True, False, True],
        }
    )


def test_csv_01_bom_separator_decimal_comma_and_dates() -> None:
    data = dataframe_to_csv_bytes(_frame())
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "kern;bedrag;aantal;datum;actief"
    assert lines[1] == "Beesd;1250,5;3;17-03-2026;ja"
    assert lines[3] == '"Tuil; Haaften";;12;;ja'


def test_csv_02_formula_injection_gets_apostrophe() -> None:
    text = dataframe_to_csv_bytes(_frame()).decode("utf-8-sig")
    row = text.splitlines()[2]
    assert row.startswith('"\'=HYPERLINK(""http://x"")";99;')
    for danger in ("=1+1", "+31", "-2", "@SUM(A1)"):
        assert neutralise(danger) == "'" + danger
    assert neutralise("Beesd") == "Beesd"


def test_csv_03_columns_select_and_rename() -> None:
    text = dataframe_to_csv_bytes(_frame(), {"kern": "Kern", "bedrag": "Bedrag (€)"})
    assert text.decode("utf-8-sig").splitlines()[0] == "Kern;Bedrag (€)"


def test_xlsx_01_types_formats_header_and_no_formulas() -> None:
    data = dataframe_to_xlsx_bytes(_frame(), sheet_name="Kernen")
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["Kernen"]
    assert [c.value for c in ws[1]] == ["kern", "bedrag", "aantal", "datum", "actief"]
    assert ws["A1"].font.bold
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:E4"
    # formula-like text is stored as text, never as a formula
    assert ws["A3"].value == '=HYPERLINK("http://x")'
    assert ws["A3"].data_type == "s"
    assert ws["B2"].value == 1250.5 and ws["B2"].number_format == '"€" #,##0.00'
    assert ws["D2"].value.date() == date(2026, 3, 17)
    assert ws["D2"].number_format == "dd-mm-yyyy"
    assert ws["E2"].value == "ja"
    assert ws["B4"].value is None
    assert ws.column_dimensions["A"].width >= len('=HYPERLINK("http://x")')


def test_xlsx_02_sheet_names_are_valid_and_unique() -> None:
    used: set[str] = set()
    assert safe_sheet_name("Eck en Wiel", used) == "Eck en Wiel"
    assert safe_sheet_name("Eck en Wiel", used) == "Eck en Wiel (2)"
    assert safe_sheet_name("a/b:c" + "x" * 40, used).startswith("a-b-c")
    assert len(safe_sheet_name("y" * 40, used)) == 31
