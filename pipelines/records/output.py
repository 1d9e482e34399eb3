"""Turn parsed records into the stored table: our column names, GeoPackage dtypes."""

from __future__ import annotations

import pandas as pd

from pipelines.records.parsers import iso_dates
from pipelines.records.readers import ROW
from pipelines.records.schema import (
    AMOUNT,
    BOOL,
    DATE,
    INT,
    KERN,
    KERNEN,
    NUMBER,
    PLANNING,
    YEAR,
    Field,
    RecordSpec,
)

SOURCE_ROW = "bron_rij"


def output_columns(spec: RecordSpec) -> list[str]:
    """Column names of the stored table of ``spec``, in order."""
    columns: list[str] = []
    for f in spec.fields:
        columns.extend(_names(f))
    return [*columns, SOURCE_ROW]


def _names(f: Field) -> list[str]:
    if f.kind == KERN:
        return ["kern_slug"]
    if f.kind == KERNEN:
        return (
            ["kern_slug", "kern_slugs"]
            if f.name == "kern"
            else [f"{f.name[:-2]}_slugs"]
        )
    if f.kind == PLANNING:
        return [f.name, "planning_jaar", "planning_kwartaal"]
    return [f.name]


def to_output(typed: pd.DataFrame, spec: RecordSpec) -> pd.DataFrame:
    """Convert parsed columns to stored columns.

    Kern columns become ``kern_slug`` (a single kern, or the first of several)
    and ``kern_slugs`` (all kernen, ``;``-joined; for gebieden ``kern_slugs``
    only); dates become ISO ``jjjj-mm-dd`` text; amounts float; years and
    counts nullable integers; flags bool (empty = False); the Excel row number
    is kept as ``bron_rij``.
    """
    out = pd.DataFrame(index=typed.index)
    for f in spec.fields:
        values = (
            typed[f.name] if f.name in typed else pd.Series(pd.NA, index=typed.index)
        )
        if f.kind in (KERN, KERNEN):
            slugs = values.astype("str")
            names = _names(f)
            if "kern_slug" in names:
                out["kern_slug"] = slugs.str.split(";").str[0].astype("str")
            if len(names) > 1 or f.kind == KERNEN:
                out[names[-1]] = slugs
        elif f.kind == PLANNING:
            out[f.name] = values.astype("str")
            for col in ("planning_jaar", "planning_kwartaal"):
                out[col] = (
                    typed[col] if col in typed else pd.Series(pd.NA, index=typed.index)
                )
                out[col] = out[col].astype("Int64")
        elif f.kind == DATE:
            out[f.name] = iso_dates(pd.to_datetime(values))
        elif f.kind in (AMOUNT, NUMBER):
            out[f.name] = pd.to_numeric(values).astype("float64")
        elif f.kind in (INT, YEAR):
            out[f.name] = pd.to_numeric(values).astype("Int64")
        elif f.kind == BOOL:
            out[f.name] = values.astype("boolean").fillna(False).astype(bool)
        else:
            out[f.name] = values.astype("str")
    out[SOURCE_ROW] = typed[ROW].astype("int64") if ROW in typed else 0
    return out.reset_index(drop=True)


def empty_output(spec: RecordSpec) -> pd.DataFrame:
    """An empty stored table of ``spec`` with the right columns."""
    return to_output(pd.DataFrame({ROW: pd.Series([], dtype="int64")}), spec)
