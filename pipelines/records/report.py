"""The validation report as a table, written as CSV or XLSX (formula-safe)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from pipelines.records.model import Problem, RecordsReadError

REPORT_COLUMNS = {
    "severity": "ernst",
    "file": "bestand",
    "row": "rij",
    "column": "kolom",
    "value": "waarde",
    "message": "melding",
    "hint": "oplossing",
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Prefix text that a spreadsheet would run as a formula with ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def problems_frame(problems: Iterable[Problem]) -> pd.DataFrame:
    """Problems as a DataFrame with Dutch column names (ernst, bestand, rij, ...)."""
    rows = [
        {dutch: getattr(p, attr) for attr, dutch in REPORT_COLUMNS.items()}
        for p in problems
    ]
    frame = pd.DataFrame(rows, columns=list(REPORT_COLUMNS.values()))
    frame["rij"] = frame["rij"].astype("Int64")
    return frame


def write_atomic(path: Path, write: object) -> None:
    """Write via a temporary file in the same folder, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=path.suffix
    )
    os.close(fd)
    try:
        write(Path(tmp))  # type: ignore[operator]
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write as Dutch Excel reads it: ``;``, decimal comma, UTF-8 with BOM."""
    safe = frame.map(neutralise)
    write_atomic(
        path,
        lambda p: safe.to_csv(
            p, sep=";", decimal=",", index=False, encoding="utf-8-sig"
        ),
    )


def write_xlsx(sheets: dict[str, pd.DataFrame], path: Path) -> None:
    """Write sheets to XLSX; every text cell is stored as text, never as a formula."""
    from openpyxl import Workbook

    def write(target: Path) -> None:
        wb = Workbook()
        wb.remove(wb.active)
        for title, frame in sheets.items():
            ws = wb.create_sheet(title[:31])
            ws.append(list(frame.columns))
            for values in frame.itertuples(index=False):
                ws.append([None if pd.isna(v) else v for v in values])
            for row in ws.iter_rows(min_row=2):
                for cell in row:
                    if cell.data_type == "f":
                        cell.data_type = "s"
        wb.save(target)

    write_atomic(path, write)


def write_report(problems: Iterable[Problem], path: Path) -> None:
    """Write the validation report to ``path`` (``.csv`` or ``.xlsx``)."""
    frame = problems_frame(problems)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        write_csv(frame, path)
    elif suffix == ".xlsx":
        write_xlsx({"Validatierapport": frame}, path)
    else:
        raise RecordsReadError(
            f"Cannot write a report as {path.suffix!r}.",
            hint="Use a file name ending in .csv or .xlsx.",
        )
