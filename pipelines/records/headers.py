"""Match the headers of a user's file to the declared fields of a record type."""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from pipelines.records.model import FOUT, WAARSCHUWING, Problem
from pipelines.records.parsers import normalise
from pipelines.records.schema import RecordSpec

DUPLICATE_MARK = "\u0000"


def display(header: str) -> str:
    """The header as the user wrote it (without our duplicate marker)."""
    return header.split(DUPLICATE_MARK)[0]


def header_keys(spec: RecordSpec) -> dict[str, str]:
    """Normalised header spelling -> field name, for every field and alias."""
    keys: dict[str, str] = {}
    for f in spec.fields:
        for spelling in (f.name, *f.aliases):
            keys.setdefault(normalise(spelling), f.name)
    return keys


@dataclass
class HeaderMap:
    """Which user column holds which field, plus the problems found."""

    columns: dict[str, str] = field(default_factory=dict)  # field name -> user header
    problems: list[Problem] = field(default_factory=list)


def map_headers(headers: list[str], spec: RecordSpec, label: str) -> HeaderMap:
    """Map user headers to fields; report unknown, double and missing columns.

    Parameters
    ----------
    headers : list of str
        Column names as read (row 1 of the sheet).
    spec : RecordSpec
        The record type the file should hold.
    label : str
        File name for the problems.
    """
    keys = header_keys(spec)
    result = HeaderMap()
    for header in headers:
        name = keys.get(normalise(display(header)))
        if name is None:
            _unknown(header, keys, spec, label, result)
        elif name in result.columns:
            result.problems.append(_double(header, result.columns[name], name, label))
        else:
            result.columns[name] = header
    for f in spec.fields:
        if f.required and f.name not in result.columns:
            accepted = ", ".join(sorted({f.name, *f.aliases}))
            result.problems.append(
                Problem(
                    FOUT,
                    label,
                    1,
                    f.name,
                    None,
                    f"De verplichte kolom '{f.name}' ontbreekt.",
                    f"Voeg in rij 1 een kolom '{f.name}' toe ({f.description}). "
                    f"Geaccepteerde namen: {accepted}.",
                )
            )
    return result


def _unknown(
    header: str, keys: dict[str, str], spec: RecordSpec, label: str, result: HeaderMap
) -> None:
    shown = display(header)
    if not shown.strip():
        return
    guess = process.extractOne(
        normalise(shown), list(keys), scorer=fuzz.WRatio, score_cutoff=80
    )
    hint = (f"Bedoelt u: {keys[guess[0]]}? " if guess else "") + (
        "Deze kolom wordt niet ingelezen. Kolommen van "
        + spec.name
        + ": "
        + ", ".join(f.name for f in spec.fields)
        + "."
    )
    result.problems.append(
        Problem(
            WAARSCHUWING, label, 1, shown, shown, f"Onbekende kolom '{shown}'.", hint
        )
    )


def _double(header: str, first: str, name: str, label: str) -> Problem:
    return Problem(
        FOUT,
        label,
        1,
        display(header),
        display(header),
        f"De kolommen '{display(first)}' en '{display(header)}' bevatten allebei "
        f"'{name}'.",
        "Verwijder of hernoem een van beide kolommen.",
    )
