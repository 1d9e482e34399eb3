"""Table downloads: any DataFrame as CSV or XLSX the way Dutch Excel expects it.

CSV: ``;`` as separator, decimal comma, UTF-8 with BOM (so Excel detects the
encoding), dates as ``dd-mm-jjjj``, booleans as ``ja``/``nee``.
XLSX: real numbers and dates with Dutch-readable number formats, a styled and
frozen header row, autofilter and column widths that fit the content.

Both neutralise formula injection: a text cell that starts with ``=``, ``+``,
``-``, ``@`` (or a tab/carriage return) gets a leading apostrophe in CSV and is
written as a plain string (with Excel's quote prefix) in XLSX.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATE_FORMAT_XLSX = "dd-mm-yyyy"
DATE_FORMAT_CSV = "%d-%m-%Y"
EURO_FORMAT = '"€" #,##0.00'
INT_FORMAT = "#,##0"
HEADER_COLOUR = "1F4E79"
MAX_WIDTH = 60
Columns = Mapping[str, str] | Sequence[str] | None


def neutralise(value: str) -> str:
    """Prefix an apostrophe to text that a spreadsheet would run as a formula."""
    return "'" + value if value.startswith(FORMULA_START) else value


def _select(frame: pd.DataFrame, columns: Columns) -> pd.DataFrame:
    """Keep and rename columns: a mapping key -> header, or a list of keys."""
    if columns is None:
        return frame.copy()
    if isinstance(columns, Mapping):
        present = [c for c in columns if c in frame.columns]
        return frame[present].rename(columns=dict(columns))
    return frame[[c for c in columns if c in frame.columns]].copy()


def _is_iso_date_column(series: pd.Series) -> bool:
    """True for text columns whose filled values are all ISO dates (store format)."""
    if not (
        pd.api.types.is_object_dtype(series) or pd.api.types.is_string_dtype(series)
    ):
        return False
    filled = series.dropna().astype(str)
    filled = filled[(filled != "") & (filled != "None") & (filled != "<NA>")]
    return not filled.empty and bool(filled.str.match(ISO_DATE).all())


def normalise_dates(frame: pd.DataFrame) -> pd.DataFrame:
    """Turn ISO-date text columns (as the store keeps them) into datetimes."""
    out = frame.copy()
    for col in out.columns:
        if _is_iso_date_column(out[col]):
            out[col] = pd.to_datetime(out[col], format="%Y-%m-%d", errors="coerce")
    return out


def _csv_cell(value: Any) -> str:
    """One CSV cell in Dutch Excel conventions."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, datetime | date | pd.Timestamp):
        return value.strftime(DATE_FORMAT_CSV)
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        text = repr(value) if not value.is_integer() else str(int(value))
        return text.replace(".", ",")
    if isinstance(value, int):
        return str(value)
    if hasattr(value, "item"):  # numpy scalar
        return _csv_cell(value.item())
    text = str(value)
    if text in ("nan", "None", "<NA>"):
        return ""
    return neutralise(text)


def _csv_field(text: str) -> str:
    """Quote a cell when it holds the separator, quotes or line breaks."""
    if any(ch in text for ch in ';"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def dataframe_to_csv_bytes(frame: pd.DataFrame, columns: Columns = None) -> bytes:
    """CSV bytes for Dutch Excel: ``;``, decimal comma, UTF-8 BOM, dd-mm-jjjj dates.

    ``columns`` selects and orders columns: a mapping ``{key: "Kop"}`` (renames)
    or a list of keys. Text starting with ``= + - @`` gets a leading apostrophe.
    """
    table = normalise_dates(_select(frame, columns))
    lines = [";".join(_csv_field(neutralise(str(c))) for c in table.columns)]
    for row in table.itertuples(index=False, name=None):
        lines.append(";".join(_csv_field(_csv_cell(v)) for v in row))
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


VOORBEELD_COLUMN = "Let op"
VOORBEELD_TEXT = "VOORBEELDDATA: fictieve gegevens"


def mark_voorbeelddata(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with a last column that says, on every row, that it is fictitious.

    For downloads of tables built from voorbeelddata: a row copied out of
    the file still carries the label, and the table stays one plain table.
    """
    marked = frame.copy()
    marked[VOORBEELD_COLUMN] = VOORBEELD_TEXT
    return marked


# --- XLSX ------------------------------------------------------------------


def _xlsx_value(value: Any) -> Any:
    """A value openpyxl can store; NaN/NA become empty cells."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime().date() if value == value.normalize() else value
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item") and not isinstance(value, str):
        return _xlsx_value(value.item())
    if isinstance(value, bool | int | float | date | datetime):
        return "ja" if value is True else "nee" if value is False else value
    text = str(value)
    return None if text in ("nan", "None", "<NA>") else text


def _number_format(header: str, series: pd.Series) -> str | None:
    if pd.api.types.is_datetime64_any_dtype(series):
        return DATE_FORMAT_XLSX
    if pd.api.types.is_bool_dtype(series):
        return None
    if pd.api.types.is_integer_dtype(series):
        return "0" if "jaar" in header.lower() else INT_FORMAT
    if pd.api.types.is_float_dtype(series):
        lowered = header.lower()
        if "bedrag" in lowered or "€" in header or "euro" in lowered:
            return EURO_FORMAT
        if "jaar" in lowered:
            return "0"
        filled = series.dropna()
        whole = bool(filled.empty or (filled == filled.round()).all())
        return INT_FORMAT if whole else "#,##0.0"
    return None


def write_table(
    ws: Worksheet,
    frame: pd.DataFrame,
    *,
    start_row: int = 1,
    header_colour: str = HEADER_COLOUR,
    autofilter: bool = True,
    freeze: bool = True,
) -> int:
    """Write ``frame`` with a styled header at ``start_row``; return the next free row.

    Dates and numbers are real cells with Dutch-readable formats; text is
    always stored as text (formula-like text never becomes a formula).
    """
    table = normalise_dates(frame)
    fill = PatternFill("solid", fgColor=header_colour.lstrip("#").upper())
    font = Font(bold=True, color="FFFFFF")
    for j, header in enumerate(table.columns, start=1):
        cell = ws.cell(start_row, j, str(header))
        cell.data_type = "s"
        cell.fill, cell.font = fill, font
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    formats = {j: _number_format(str(h), table[h]) for j, h in enumerate(table, 1)}
    for i, row in enumerate(table.itertuples(index=False, name=None), start=1):
        for j, raw in enumerate(row, start=1):
            value = _xlsx_value(raw)
            cell = ws.cell(start_row + i, j, value)
            if isinstance(value, str):
                cell.data_type = "s"
                cell.quotePrefix = value.startswith(FORMULA_START)
            elif value is not None and formats[j]:
                cell.number_format = formats[j]
            cell.alignment = Alignment(vertical="top", wrap_text=isinstance(value, str))
    last = start_row + len(table)
    if autofilter and len(table.columns):
        end = get_column_letter(len(table.columns))
        ws.auto_filter.ref = f"A{start_row}:{end}{max(last, start_row)}"
    if freeze:
        ws.freeze_panes = ws.cell(start_row + 1, 1)
    fit_columns(ws, table, start_row)
    return last + 1


def fit_columns(ws: Worksheet, table: pd.DataFrame, header_row: int = 1) -> None:
    """Column widths from the longest header or value (capped at ``MAX_WIDTH``)."""
    for j, header in enumerate(table.columns, start=1):
        values = table[header]
        if pd.api.types.is_datetime64_any_dtype(values):
            longest = 10
        else:
            texts = values.dropna().astype(str)
            longest = int(texts.str.len().max()) if len(texts) else 0
        width = min(max(len(str(header)) + 2, longest + 2, 8), MAX_WIDTH)
        letter = get_column_letter(j)
        current = ws.column_dimensions[letter].width or 0
        ws.column_dimensions[letter].width = max(current, width)
    ws.row_dimensions[header_row].height = 30


def dataframe_to_xlsx_bytes(
    frame: pd.DataFrame,
    columns: Columns = None,
    *,
    sheet_name: str = "Gegevens",
    header_colour: str = HEADER_COLOUR,
) -> bytes:
    """XLSX bytes of one table: styled frozen header, autofilter, fitted widths.

    ``columns`` selects and renames as in :func:`dataframe_to_csv_bytes`.
    """
    wb = Workbook()
    ws = wb.active
    ws.title = safe_sheet_name(sheet_name, set())
    write_table(ws, _select(frame, columns), header_colour=header_colour)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def safe_sheet_name(name: str, used: set[str]) -> str:
    """An Excel sheet name: no ``[]:*?/\\``, at most 31 characters, unique."""
    clean = re.sub(r"[\[\]:*?/\\]", "-", name).strip("'") or "Blad"
    base = clean[:31]
    candidate, n = base, 2
    while candidate.lower() in {u.lower() for u in used}:
        suffix = f" ({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate)
    return candidate


# --- several tables in one workbook (the comparison of Vergelijken) --------


def sheets_to_xlsx_bytes(
    sheets: Sequence[tuple[str, pd.DataFrame, Sequence[str]]],
    *,
    header_colour: str = HEADER_COLOUR,
) -> bytes:
    """XLSX bytes with one table per sheet, each with lines of text under it.

    ``sheets`` are (name, frame, notes): the notes (a source line, what is
    estimated) go below the table, one per row, after an empty row. Columns
    whose header ends in '(%)' or '(procentpunt)' keep one decimal, whatever
    else the header says (a share of '0-15 jaar' is no year).
    """
    wb = Workbook()
    used: set[str] = set()
    for n, (name, frame, notes) in enumerate(sheets):
        ws = wb.active if n == 0 else wb.create_sheet()
        ws.title = safe_sheet_name(name, used)
        next_row = write_table(ws, frame, header_colour=header_colour)
        for j, header in enumerate(frame.columns, start=1):
            if str(header).endswith(("(%)", "(procentpunt)")):
                for row in range(2, next_row):
                    ws.cell(row, j).number_format = "0.0"
        for i, note in enumerate(notes):
            cell = ws.cell(next_row + 1 + i, 1, neutralise(str(note)))
            cell.data_type = "s"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
