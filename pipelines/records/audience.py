"""Audiences: ``intern`` keeps everything, ``openbaar`` drops all personal data."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from pipelines.errors import ConfigError
from pipelines.records.headers import header_keys
from pipelines.records.model import Problem, RecordsResult
from pipelines.records.parsers import normalise
from pipelines.records.specs import SPECS

AUDIENCES = ("intern", "openbaar")
HIDDEN = "(verborgen: persoonsgegeven)"


def personal_columns(record_type: str) -> tuple[str, ...]:
    """Columns of a record type that hold personal data (declared in the specs)."""
    return SPECS[record_type].personal_fields


def check_audience(audience: str) -> None:
    """Raise ConfigError for an unknown audience."""
    if audience not in AUDIENCES:
        raise ConfigError(
            f"Unknown audience {audience!r}.", hint="Use 'intern' or 'openbaar'."
        )


def apply_audience(result: RecordsResult, audience: str) -> RecordsResult:
    """Return the records as they may be published to ``audience``.

    Parameters
    ----------
    result : RecordsResult
        Output of :func:`load_records`.
    audience : str
        ``"intern"`` returns ``result`` unchanged. ``"openbaar"`` drops every
        column declared ``personal`` (contactpersoon, aanvrager, email, telefoon,
        toelichting), blanks ``organisator`` where ``organisator_soort`` is
        ``persoon``, and hides the value of problems in personal columns.

    Returns
    -------
    RecordsResult
        A new result; the input is not modified.
    """
    check_audience(audience)
    if audience == "intern":
        return result
    tables = {name: _strip(name, table) for name, table in result.tables.items()}
    return replace(
        result,
        tables=tables,
        audience=audience,
        problems=[_hide(p, result) for p in result.problems],
    )


def _strip(record_type: str, table: pd.DataFrame) -> pd.DataFrame:
    out = table.drop(columns=[c for c in personal_columns(record_type) if c in table])
    if "organisator_soort" in out:
        person = out["organisator_soort"].eq("persoon").fillna(False).astype(bool)
        out["organisator"] = out["organisator"].where(~person, None).astype("str")
    return out


def _hide(problem: Problem, result: RecordsResult) -> Problem:
    """Hide the value of a problem in a personal column (matched via its header)."""
    types = {label: name for name, label in result.files.items()}
    spec = SPECS.get(types.get(problem.file, ""))
    if problem.value is None or problem.column is None or spec is None:
        return problem
    name = header_keys(spec).get(normalise(problem.column))
    if name in spec.personal_fields or name == "organisator":
        return replace(problem, value=HIDDEN)
    return problem
