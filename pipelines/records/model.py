"""Result types of the records pipeline: one validation problem, one load result."""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from pipelines.errors import RecordsError

FOUT = "fout"
WAARSCHUWING = "waarschuwing"


class RecordsReadError(RecordsError):
    """A records folder or file cannot be read at all (not a validation problem)."""


@dataclass
class Problem:
    """One line of the validation report.

    Attributes
    ----------
    severity : str
        ``"fout"`` (an error: the row, or the whole file when ``row`` is None, is
        rejected and the build is blocked) or ``"waarschuwing"`` (a warning).
    file : str
        File name relative to the records folder, e.g. ``actiepunten.xlsx``.
    row : int or None
        Row number as the user sees it in Excel (the header is row 1).
    column : str or None
        Column name as written in the user's file (or our name if it is missing).
    value : str or None
        The offending value, verbatim.
    message : str
        What is wrong, in Dutch.
    hint : str
        How to fix it, in Dutch.
    """

    severity: str
    file: str
    row: int | None
    column: str | None
    value: str | None
    message: str
    hint: str

    @property
    def is_error(self) -> bool:
        return self.severity == FOUT


@dataclass
class RecordsResult:
    """Validated municipal records of one gemeente.

    ``tables`` holds the accepted rows per record type in our column names;
    ``row_counts[type]`` satisfies ``input == stored + rejected``.
    """

    tables: dict[str, pd.DataFrame]
    locations: gpd.GeoDataFrame | None
    problems: list[Problem]
    row_counts: dict[str, dict[str, int]]
    voorbeelddata: bool
    audience: str = "intern"
    files: dict[str, str] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        """Problems that block the build."""
        return [p for p in self.problems if p.severity == FOUT]

    @property
    def warnings(self) -> list[Problem]:
        """Problems that are reported but do not block the build."""
        return [p for p in self.problems if p.severity == WAARSCHUWING]
