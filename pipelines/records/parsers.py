"""Vectorised parsers for cells as Dutch Excel writes them.

Every parser takes a Series of stripped strings (empty string = no value) and
returns the parsed Series plus a boolean mask of cells that had a value but
could not be parsed; the validator turns that mask into problems.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import numpy as np
import pandas as pd

_NON_ALNUM = re.compile(r"[^a-z0-9%]+")
_DATE_DMY = re.compile(
    r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$"
)
_DATE_ISO = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$"
)
_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_PLANNING = re.compile(
    r"^(?:(?P<y1>\d{4})\s*[-/ ]?\s*(?:q|kw|kwartaal)\s*(?P<q1>[1-4])"
    r"|(?:q|kw|kwartaal)\s*(?P<q2>[1-4])\s*[-/ ]?\s*(?P<y2>\d{4})"
    r"|(?P<y3>\d{4}))$"
)
_TIME = re.compile(r"^(\d{1,2})(?:[:.u](\d{2})(?::(\d{2}))?|\s*u(?:ur)?)$")
TRUE_WORDS = {"ja", "j", "yes", "y", "true", "waar", "1", "x", "wel"}
FALSE_WORDS = {"nee", "n", "no", "false", "onwaar", "0", "niet"}


def normalise(text: str) -> str:
    """Fold case, accents, punctuation: ``Kerk-Avezaath`` -> ``kerk avezaath``."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return _NON_ALNUM.sub(" ", plain).strip()


def has_value(values: pd.Series) -> pd.Series:
    """True where a cell is not empty."""
    return values.fillna("").astype(str).str.strip() != ""


def parse_text(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Keep text verbatim (stripped); empty becomes NA."""
    text = values.fillna("").astype(str).str.strip()
    return text.where(text != "", None).astype("str"), pd.Series(
        False, index=values.index
    )


def parse_amount(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse Dutch amounts: ``'€ 1.234,56'``, ``'1234,5'``, ``'1.250'`` (thousands).

    A dot is a thousands separator when the value has a comma, or when it
    groups digits in threes (``1.250`` is 1250); otherwise it is a decimal point
    (``12.5``, as an XLSX number is written).
    """
    raw = values.fillna("").astype(str).str.strip()
    text = raw.str.replace(r"(?i)€|eur|euro|\s|\u00a0", "", regex=True)
    has_comma = text.str.contains(",", regex=False)
    dotted = text.str.match(_THOUSANDS) & ~has_comma
    cleaned = text.where(~(has_comma | dotted), text.str.replace(".", "", regex=False))
    cleaned = cleaned.str.replace(",", ".", regex=False)
    ok = cleaned.str.match(_NUMBER)
    number = pd.to_numeric(cleaned.where(ok, None), errors="coerce").astype("Float64")
    # a lone "€" or "euro" is not an amount either: bad, not silently empty
    return number, (raw != "") & ~ok


def parse_int(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse whole numbers (``'2021'``, ``'1.200'``); ``'12,5'`` is not whole."""
    number, bad = parse_amount(values)
    whole = number.isna() | (number.round(0) == number)
    bad = bad | ~whole.fillna(True).astype(bool)
    return number.where(~bad).round(0).astype("Int64"), bad


def parse_date(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse ``dd-mm-jjjj`` (also ``d-m-jjjj``, ``/``, ``.``) and ``jjjj-mm-dd``."""
    text = values.fillna("").astype(str).str.strip()
    dmy = text.str.extract(_DATE_DMY)
    iso = text.str.extract(_DATE_ISO)
    parts = pd.DataFrame(
        {
            "year": dmy[2].fillna(iso[0]),
            "month": dmy[1].fillna(iso[1]),
            "day": dmy[0].fillna(iso[2]),
        }
    )
    year = pd.to_numeric(parts["year"], errors="coerce")
    matched = year.between(1900, 2200)  # beyond this no record date is plausible
    parsed = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    if matched.any():
        sub = parts[matched].astype(int)
        parsed.loc[matched] = pd.to_datetime(sub, errors="coerce").astype(
            "datetime64[ns]"
        )
    return parsed, (text != "") & parsed.isna()


def parse_time(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse clock times ``14:00``, ``9.30``, ``14u30``, ``14 uur``, ``14:00:00``.

    Returns ``HH:MM`` text; ``25:00`` or ``14:75`` cannot be parsed (bad).
    """
    text = values.fillna("").astype(str).str.strip().str.lower()
    found = text.str.extract(_TIME)
    hour = pd.to_numeric(found[0], errors="coerce")
    minute = pd.to_numeric(found[1], errors="coerce").fillna(0)
    second = pd.to_numeric(found[2], errors="coerce").fillna(0)
    ok = hour.between(0, 23) & minute.between(0, 59) & (second == 0)
    hh = hour.where(ok).astype("Int64").astype("str").str.zfill(2)
    mm = minute.where(ok).astype("Int64").astype("str").str.zfill(2)
    out = (hh + ":" + mm).where(ok, None).astype("str")
    return out, (text != "") & ~ok


def parse_bool(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse ``ja``/``nee`` (also true/false, 1/0, x); empty becomes NA."""
    word = values.fillna("").astype(str).map(normalise)
    result = pd.Series(pd.NA, index=values.index, dtype="boolean")
    result[word.isin(TRUE_WORDS)] = True
    result[word.isin(FALSE_WORDS)] = False
    return result, (word != "") & result.isna()


def parse_enum(
    values: pd.Series, allowed: tuple[str, ...], aliases: tuple[tuple[str, str], ...]
) -> tuple[pd.Series, pd.Series]:
    """Map spellings (case, accents, hyphens, listed aliases) to the canonical value.

    Values that match nothing are kept verbatim so the schema check can report
    them with the allowed values.
    """
    lookup = {normalise(a): a for a in allowed}
    lookup.update({normalise(k): v for k, v in aliases})
    lookup.update({normalise(a).replace(" ", ""): a for a in allowed})
    text, _ = parse_text(values)
    keys = text.fillna("").map(normalise)
    mapped = keys.map(lookup).fillna(keys.str.replace(" ", "").map(lookup))
    return mapped.fillna(text).astype("str"), pd.Series(False, index=values.index)


def parse_planning(values: pd.Series) -> tuple[pd.DataFrame, pd.Series]:
    """Parse ``2025``, ``2025-Q2``, ``Q2 2025``, ``2025 kwartaal 2``."""
    text = values.fillna("").astype(str).map(normalise)
    found = text.str.extract(_PLANNING)
    jaar = found["y1"].fillna(found["y2"]).fillna(found["y3"])
    kwartaal = found["q1"].fillna(found["q2"])
    out = pd.DataFrame(
        {
            "planning_jaar": pd.to_numeric(jaar, errors="coerce").astype("Int64"),
            "planning_kwartaal": pd.to_numeric(kwartaal, errors="coerce").astype(
                "Int64"
            ),
        }
    )
    return out, (text != "") & jaar.isna()


def parse_email(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Keep e-mail addresses; the schema checks their form."""
    text, bad = parse_text(values)
    return text.str.lower(), bad


def iso_dates(values: pd.Series) -> pd.Series:
    """Format datetimes as ISO ``jjjj-mm-dd`` strings (NA stays NA) for storage."""
    out = values.dt.strftime("%Y-%m-%d")
    return out.where(values.notna(), None).astype("str")


def excel_value(value: object) -> str:
    """Write an XLSX cell value the way a Dutch CSV would hold it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, pd.Timestamp | date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, int | np.integer):
        return str(value)
    if isinstance(value, float | np.floating):
        if float(value).is_integer():
            return str(int(value))
        return repr(float(value)).replace(".", ",")
    return str(value)
