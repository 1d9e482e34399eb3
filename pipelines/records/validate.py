"""Validate one records file: parse cells, run the declared schema, count rows.

Every row ends either in the returned table or, with at least one ``fout``,
in the problems; ``input == stored + rejected`` holds by construction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import pandera.pandas as pa
from rapidfuzz import fuzz, process

from pipelines.records.checks import MIN_DATE, build_schema, max_date, rules_for
from pipelines.records.headers import HeaderMap, map_headers
from pipelines.records.kernen import KernResolver
from pipelines.records.model import FOUT, Problem
from pipelines.records.output import empty_output, to_output
from pipelines.records.parsers import (
    normalise,
    parse_amount,
    parse_bool,
    parse_date,
    parse_email,
    parse_enum,
    parse_int,
    parse_planning,
    parse_text,
    parse_time,
)
from pipelines.records.readers import ROW, RawTable
from pipelines.records.schema import (
    AMOUNT,
    BOOL,
    DATE,
    EMAIL,
    ENUM,
    INT,
    KERN,
    KERNEN,
    NUMBER,
    PLANNING,
    TIME,
    YEAR,
    Field,
    RecordSpec,
)

PARSERS = {
    AMOUNT: parse_amount,
    NUMBER: parse_amount,
    INT: parse_int,
    YEAR: parse_int,
    DATE: parse_date,
    BOOL: parse_bool,
    EMAIL: parse_email,
    TIME: parse_time,
}
PARSE_TEXT = {
    AMOUNT: (
        "is geen bedrag.",
        "Schrijf een bedrag als 1.250,50: alleen cijfers, eventueel met € ervoor.",
    ),
    NUMBER: (
        "is geen getal.",
        "Schrijf een getal met een komma als decimaalteken, bijvoorbeeld 51,8654.",
    ),
    INT: ("is geen heel getal.", "Schrijf een heel getal, bijvoorbeeld 12."),
    YEAR: ("is geen jaartal.", "Schrijf het jaar met vier cijfers, bijvoorbeeld 2022."),
    DATE: (
        "is geen geldige datum.",
        "Schrijf de datum als dd-mm-jjjj, bijvoorbeeld 15-03-2024.",
    ),
    BOOL: ("is geen ja of nee.", "Vul 'ja' of 'nee' in."),
    TIME: (
        "is geen geldige tijd.",
        "Schrijf de tijd als uu:mm tussen 00:00 en 23:59, bijvoorbeeld 14:00.",
    ),
    PLANNING: (
        "is geen planning.",
        "Schrijf een jaar (2025) of een jaar en kwartaal (2025-Q2).",
    ),
}


@dataclass
class Context:
    """What validation of one file needs besides the file itself."""

    spec: RecordSpec
    label: str
    resolver: KernResolver
    today: date
    allowed: dict[str, tuple[str, ...]]


@dataclass
class FileResult:
    """The accepted rows of one file, its problems and its row counts."""

    table: pd.DataFrame
    problems: list[Problem]
    counts: dict[str, int]


class _Cells:
    """Collects problems for one file, at most one per cell."""

    def __init__(self, raw: pd.DataFrame, headers: HeaderMap, label: str) -> None:
        self.raw, self.headers, self.label = raw, headers, label
        self.problems: list[Problem] = []
        self.reported: set[tuple[object, str]] = set()

    def add(
        self,
        idx: object,
        name: str,
        message: str,
        hint: str,
        severity: str = FOUT,
        value: str | None = None,
    ) -> None:
        if (idx, name) in self.reported:
            return
        self.reported.add((idx, name))
        column = self.headers.columns.get(name, name)
        if value is None and column in self.raw.columns:
            value = str(self.raw.at[idx, column])
        self.problems.append(
            Problem(
                severity,
                self.label,
                int(self.raw.at[idx, ROW]),
                column.split("\u0000")[0],
                value,
                message,
                hint,
            )
        )


def validate_table(raw: RawTable, ctx: Context) -> FileResult:
    """Validate the raw cells of one file against its record type.

    Parameters
    ----------
    raw : RawTable
        Cells as read by :func:`readers.read_table`.
    ctx : Context
        Record type, file label, kern resolver, today and allowed values.

    Returns
    -------
    FileResult
        Accepted rows in our column names (see :func:`output.to_output`), all
        problems, and ``{"input", "stored", "rejected"}`` counts.
    """
    frame = raw.frame
    if not raw.readable:
        return FileResult(empty_output(ctx.spec), raw.problems, _counts(len(frame), 0))
    headers = map_headers([c for c in frame.columns if c != ROW], ctx.spec, ctx.label)
    problems = raw.problems + headers.problems
    n_input = len(frame)
    if any(p.severity == FOUT and p.row in (None, 1) for p in problems):
        return FileResult(empty_output(ctx.spec), problems, _counts(n_input, 0))
    cells = _Cells(frame, headers, ctx.label)
    typed = _parse(frame, headers, ctx, cells)
    _run_schema(typed, ctx, cells)
    _run_warnings(typed, ctx, cells)
    problems += sorted(cells.problems, key=lambda p: (p.row or 0, _order(ctx, p)))
    bad_rows = {p.row for p in problems if p.severity == FOUT and p.row is not None}
    keep = ~frame[ROW].isin(bad_rows)
    table = to_output(typed[keep].assign(**{ROW: frame.loc[keep, ROW]}), ctx.spec)
    return FileResult(table, problems, _counts(n_input, int(keep.sum())))


def _order(ctx: Context, problem: Problem) -> int:
    names = [f.name for f in ctx.spec.fields]
    return next((i for i, n in enumerate(names) if n == problem.column), len(names))


def _counts(n_input: int, stored: int) -> dict[str, int]:
    return {"input": n_input, "stored": stored, "rejected": n_input - stored}


def _parse(
    frame: pd.DataFrame, headers: HeaderMap, ctx: Context, cells: _Cells
) -> pd.DataFrame:
    typed = pd.DataFrame(index=frame.index)
    for f in ctx.spec.fields:
        column = headers.columns.get(f.name)
        values = frame[column] if column else pd.Series("", index=frame.index)
        if f.kind in (KERN, KERNEN):
            typed[f.name] = _parse_kern(values, f, ctx, cells)
        elif f.kind == PLANNING:
            parts, bad = parse_planning(values)
            typed[f.name] = parse_text(values)[0]
            typed[list(parts.columns)] = parts
            _report_parse(bad, f, cells)
        elif f.kind == ENUM:
            typed[f.name] = parse_enum(
                values, ctx.allowed.get(f.name, f.allowed), f.value_aliases
            )[0]
        else:
            parsed, bad = PARSERS.get(f.kind, parse_text)(values)
            typed[f.name] = parsed
            _report_parse(bad, f, cells)
    return typed


def _report_parse(bad: pd.Series, f: Field, cells: _Cells) -> None:
    if not bad.any():
        return
    message, hint = PARSE_TEXT[f.kind]
    for idx in bad[bad].index:
        value = str(cells.raw.at[idx, cells.headers.columns[f.name]])
        cells.add(idx, f.name, f"'{value}' {message}", hint)


def _parse_kern(values: pd.Series, f: Field, ctx: Context, cells: _Cells) -> pd.Series:
    text = parse_text(values)[0]
    overstijgend = ctx.spec.allow_kernoverstijgend
    slugs, bad = ctx.resolver.resolve_series(
        text, multi=f.kind == KERNEN, allow_overstijgend=overstijgend
    )
    naam = ctx.resolver.gemeente.naam
    for idx, unresolved in bad.items():
        names = ", ".join(f"'{u.name}'" for u in unresolved)
        suggestions = [s for u in unresolved for s in u.suggestions]
        extra = " of 'kernoverstijgend'" if overstijgend else ""
        if suggestions:
            hint = f"Bedoelt u: {' of '.join(dict.fromkeys(suggestions))}?"
        else:
            known = ", ".join(sorted(ctx.resolver.names.values()))
            hint = f"Gebruik de naam van een kern van {naam}{extra}: {known}."
        cells.add(idx, f.name, f"Onbekende kern {names} in gemeente {naam}.", hint)
    return slugs


def _run_schema(typed: pd.DataFrame, ctx: Context, cells: _Cells) -> None:
    schema = build_schema(ctx.spec, ctx.today, ctx.allowed)
    try:
        schema.validate(typed, lazy=True)
    except pa.errors.SchemaErrors as exc:
        for case in exc.failure_cases.itertuples(index=False):
            if case.index is None or pd.isna(case.index):
                continue
            _report_failure(case, typed, ctx, cells)


def _report_failure(
    case: object, typed: pd.DataFrame, ctx: Context, cells: _Cells
) -> None:
    idx, check, column = case.index, str(case.check), case.column  # type: ignore[attr-defined]
    rule = next((r for r in rules_for(ctx.spec) if r.name == check), None)
    if rule is not None:
        cells.add(idx, rule.column, rule.message, rule.hint)
        return
    if column not in typed.columns:
        return
    if check == "uniek_combinatie":
        column = ctx.spec.unique_key[-1]
    f = ctx.spec.field(str(column))
    message, hint = _message(_check_name(check, f), f, typed, idx, ctx)
    if check == "uniek":
        same = typed.index[typed[f.name] == typed.at[idx, f.name]]
        others = ", ".join(str(cells.raw.at[i, ROW]) for i in same if i != idx)
        message = message.rstrip(".") + f" (ook in rij {others})."

    cells.add(idx, f.name, message, hint)


BUILTIN_CHECKS = {
    "isin": "toegestaan",
    "greater_than_or_equal_to": "niet_negatief",
    "in_range": "bereik",
    "str_matches": "vorm",
}


def _check_name(check: str, f: Field) -> str:
    """Our name of a pandera check (built-in checks report their own name)."""
    name = BUILTIN_CHECKS.get(check.split("(")[0], check)
    return "datum_bereik" if name == "bereik" and f.kind == DATE else name


def _message(
    check: str, f: Field, typed: pd.DataFrame, idx: object, ctx: Context
) -> tuple[str, str]:
    value = typed.at[idx, f.name]
    if check == "not_nullable":
        return (
            f"Verplichte waarde '{f.name}' ontbreekt.",
            f"Vul deze cel in: {f.description}",
        )
    if check == "toegestaan":
        allowed = ctx.allowed.get(f.name, f.allowed)
        guess = process.extractOne(
            normalise(str(value)),
            allowed,
            processor=normalise,
            scorer=fuzz.WRatio,
            score_cutoff=60,
        )
        prefix = f"Bedoelt u: {guess[0]}? " if guess else ""
        return (
            f"'{value}' is geen toegestane waarde voor {f.name}.",
            f"{prefix}Toegestaan: {', '.join(allowed)}.",
        )
    if check == "uniek":
        return (
            f"Id '{value}' komt meer dan eens voor in het bestand.",
            "Geef elke regel een eigen id.",
        )
    if check == "uniek_combinatie":
        key = " + ".join(ctx.spec.unique_key)
        return (
            f"De combinatie {key} komt meer dan eens voor.",
            "Verwijder de dubbele regel of maak de namen verschillend.",
        )
    if check == "niet_negatief":
        return "Het bedrag is negatief.", "Vul een bedrag van 0 of meer in."
    if check == "datum_bereik":
        latest = max_date(f, ctx.today).strftime("%d-%m-%Y")
        return (
            f"De datum ligt niet tussen {MIN_DATE:%d-%m-%Y} en {latest}.",
            "Controleer het jaartal; een datum in de toekomst kan hier niet."
            if not f.future
            else "Controleer het jaartal.",
        )
    if check == "bereik":
        top = ctx.today.year + 1 if f.kind == YEAR else f.maximum
        return (
            f"De waarde ligt buiten het bereik {f.minimum or 0:g} tot {top:g}.",
            f"Controleer de waarde: {f.description}",
        )
    return (
        f"De waarde voldoet niet aan de vorm voor {f.name}.",
        f"Controleer de waarde: {f.description}",
    )


def _run_warnings(typed: pd.DataFrame, ctx: Context, cells: _Cells) -> None:
    for rule in rules_for(ctx.spec):
        if rule.severity == FOUT:
            continue
        passed = rule.test(typed, ctx.today)
        for idx in passed[~passed.astype(bool)].index:
            cells.add(idx, rule.column, rule.message, rule.hint, rule.severity)
