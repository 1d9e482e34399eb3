"""The yearly cycle of kerngericht werken, from the ``[cyclus]`` of a gemeente file.

A cycle is a list of steps (``[[cyclus.stap]]``), each with a rule that gives
its dates in a year:

- ``periode``: every year from ``van`` until the day before ``voor``
  (``van = "01-01"``, ``voor = "03-01"``: 1 January up to 1 March);
- ``deadline``: every year a deadline, the day before ``voor``
  (``voor = "12-01"``: evaluated before 1 December);
- ``gebiedstafel``: every quarter for every gebied, on the ``week``-th ``dag``
  of the quarter (``dag = "di"``, ``week = 6``), or on the explicit dates
  listed per gebied in ``[cyclus.stap.data]``;
- ``verkiezingen``: every ``elke`` years from ``vanaf``; the dates listed in
  ``data`` (a year without a known date is listed as "datum nog niet bekend");
- ``verkiezingsjaar``: in the year of the step named by ``bij`` (the
  elections), from ``van`` until ``voor`` when given, otherwise undated.

Each step says in Dutch what it asks of whom (``wie``, ``wat``). Dates that are
not known are not invented: a step without dates is reported as undated, and
an assumed date is marked ``voorlopig``. Pure functions; no I/O here.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

from pipelines.errors import ConfigError

RULES = ("periode", "deadline", "gebiedstafel", "verkiezingen", "verkiezingsjaar")
WEEKDAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")
MONTH_DAY = re.compile(r"^(\d{2})-(\d{2})$")
CLOCK = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class Stap:
    """One step of the cycle as configured (see the module docstring)."""

    id: str
    regel: str
    titel: str
    wie: str = ""
    wat: str = ""
    kort: str = ""  # "de deadline voor nieuwe actiepunten"
    toelichting: str = ""
    van: str = ""  # MM-DD
    voor: str = ""  # MM-DD, the first day after the step
    dag: str = ""  # ma .. zo
    week: int = 0
    begintijd: str = ""
    eindtijd: str = ""
    elke: int = 0
    vanaf: int = 0
    bij: str = ""
    data: dict[str, list[str]] = field(default_factory=dict)
    voorlopig: bool = False


@dataclass(frozen=True)
class Cyclus:
    """The cycle of one gemeente: its steps and where they come from."""

    stappen: tuple[Stap, ...]
    bron: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (kept in the store metadata)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Cyclus:
        stappen = tuple(Stap(**s) for s in raw.get("stappen", []))
        return cls(stappen, str(raw.get("bron", "")))


@dataclass(frozen=True)
class CyclusMoment:
    """A dated occurrence of a step: ``start`` to ``end`` (inclusive)."""

    stap: Stap
    start: date
    end: date
    deadline: date | None = None  # the last day to do it in (the day before ``voor``)
    gebied: str = ""  # gebied slug, for gebiedstafels
    begintijd: time | None = None
    eindtijd: time | None = None


@dataclass(frozen=True)
class Ongedateerd:
    """A step that happens in ``jaar`` but whose date is not known."""

    stap: Stap
    jaar: int


def parse_cyclus(raw: object, path: Path | None) -> Cyclus | None:
    """Check and read the ``[cyclus]`` table of a gemeente file (None if absent)."""
    if raw is None:
        return None
    where = f"{path or 'gemeente file'} [cyclus]"
    if not isinstance(raw, dict):
        raise ConfigError(f"{where} is not a table.", hint="Write [cyclus] on a line.")
    steps = raw.get("stap", [])
    if not isinstance(steps, list):
        raise ConfigError(f"{where}: 'stap' must be [[cyclus.stap]] entries.")
    parsed = tuple(_parse_stap(s, i, where) for i, s in enumerate(steps, start=1))
    ids = [s.id for s in parsed]
    double = sorted({i for i in ids if ids.count(i) > 1})
    if double:
        raise ConfigError(f"{where}: step ids used twice: {', '.join(double)}.")
    for s in parsed:
        if s.regel == "verkiezingsjaar" and s.bij not in ids:
            raise ConfigError(
                f"{where}: step {s.id!r} has bij = {s.bij!r}, which is no step id.",
                hint="Name the id of the verkiezingen step, e.g. bij = 'verkiezingen'.",
            )
    return Cyclus(parsed, str(raw.get("bron", "")))


def _fail(where: str, key: str, value: object, hint: str) -> ConfigError:
    return ConfigError(f"{where}: {key} = {value!r} is not valid.", hint=hint)


def _parse_stap(raw: dict, index: int, where: str) -> Stap:
    at = f"{where}, [[cyclus.stap]] number {index}"
    regel = str(raw.get("regel", ""))
    if regel not in RULES:
        raise _fail(at, "regel", regel, f"Use one of: {', '.join(RULES)}.")
    for key in ("id", "titel"):
        if not str(raw.get(key, "")).strip():
            raise ConfigError(f"{at} has no '{key}'.", hint=f'Add {key} = "...".')
    text = {k: str(raw.get(k, "")).strip() for k in ("wie", "wat", "kort", "bij")}
    values = {k: _month_day(raw, k, at) for k in ("van", "voor")}
    times = {k: _clock(raw, k, at) for k in ("begintijd", "eindtijd")}
    dag = str(raw.get("dag", ""))
    if regel == "gebiedstafel" and not raw.get("data"):
        if dag not in WEEKDAYS:
            raise _fail(at, "dag", dag, f"Use one of {', '.join(WEEKDAYS)}.")
        if not isinstance(raw.get("week"), int) or not 1 <= raw["week"] <= 12:
            raise _fail(at, "week", raw.get("week"), "Use a number from 1 to 12.")
    if regel in ("periode", "deadline") and not values["voor"]:
        raise ConfigError(f"{at} ({regel}) has no 'voor'.", hint='E.g. voor = "03-01".')
    if regel == "periode" and not values["van"]:
        raise ConfigError(f"{at} (periode) has no 'van'.", hint='E.g. van = "01-01".')
    return Stap(
        id=str(raw["id"]),
        regel=regel,
        titel=str(raw["titel"]).strip(),
        toelichting=str(raw.get("toelichting", "")).strip(),
        dag=dag,
        week=int(raw.get("week", 0) or 0),
        elke=int(raw.get("elke", 0) or 0),
        vanaf=int(raw.get("vanaf", 0) or 0),
        data=_data(raw.get("data", {}), at),
        voorlopig=bool(raw.get("voorlopig", False)),
        **text,
        **values,
        **times,
    )


def _month_day(raw: dict, key: str, at: str) -> str:
    value = str(raw.get(key, "")).strip()
    match = MONTH_DAY.match(value)
    if value and not match:
        raise _fail(at, key, value, 'Write month-day as "MM-DD", e.g. "03-01".')
    if match:
        try:
            date(2024, int(match[1]), int(match[2]))  # a leap year: 02-29 exists
        except ValueError:
            raise _fail(at, key, value, "No such day of the year.") from None
    return value


def _clock(raw: dict, key: str, at: str) -> str:
    value = str(raw.get(key, "")).strip()
    if value and not CLOCK.match(value):
        raise _fail(at, key, value, 'Write a time as "HH:MM", e.g. "19:30".')
    return value


def _data(raw: object, at: str) -> dict[str, list[str]]:
    """Explicit dates: a list (elections) or a table gebied -> list of dates."""
    table = {"": raw} if isinstance(raw, list) else raw
    if not isinstance(table, dict):
        raise _fail(at, "data", raw, "Give a list of dates or a table per gebied.")
    out: dict[str, list[str]] = {}
    for key, dates in table.items():
        items = dates if isinstance(dates, list) else [dates]
        out[str(key)] = [_iso(d, at) for d in items]
    return out


def _iso(value: object, at: str) -> str:
    text = value.isoformat() if isinstance(value, date) else str(value)
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise _fail(at, "data", text, 'Write dates as "YYYY-MM-DD".') from None


def _on(year: int, month_day: str) -> date:
    month, day = int(month_day[:2]), int(month_day[3:])
    if (month, day) == (2, 29) and not _leap(year):
        return date(year, 3, 1)
    return date(year, month, day)


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _time(text: str) -> time | None:
    return time.fromisoformat(text) if text else None


def quarter_day(year: int, quarter: int, weekday: str, n: int) -> date:
    """The ``n``-th ``weekday`` (ma .. zo) of a quarter (1-4)."""
    first = date(year, 3 * quarter - 2, 1)
    shift = (WEEKDAYS.index(weekday) - first.weekday()) % 7
    return first + timedelta(days=shift + 7 * (n - 1))


def election_years(stap: Stap, years: range) -> list[int]:
    """The years of ``years`` in which an election of ``stap`` falls."""
    known = {int(d[:4]) for d in stap.data.get("", [])}
    if stap.elke and stap.vanaf:
        known |= {
            y for y in years if y >= stap.vanaf and (y - stap.vanaf) % stap.elke == 0
        }
    return sorted(y for y in known if y in years)


def moments(
    cyclus: Cyclus, years: range, gebieden: list[str]
) -> tuple[list[CyclusMoment], list[Ongedateerd]]:
    """Every dated occurrence of the cycle in ``years``, and the undated ones.

    Parameters
    ----------
    cyclus : Cyclus
        The gemeente's cycle.
    years : range
        Calendar years, e.g. ``range(2025, 2028)``.
    gebieden : list of str
        Gebied slugs (gebiedstafels are per gebied).
    """
    dated: list[CyclusMoment] = []
    undated: list[Ongedateerd] = []
    by_id = {s.id: s for s in cyclus.stappen}
    for stap in cyclus.stappen:
        if stap.regel == "gebiedstafel":
            dated += _gebiedstafels(stap, years, gebieden)
            continue
        for year in years:
            found = _in_year(stap, year, by_id)
            if found is None:
                continue
            if isinstance(found, Ongedateerd):
                undated.append(found)
            else:
                dated.append(found)
    dated.sort(key=lambda m: (m.start, m.begintijd or time(0), m.gebied, m.stap.id))
    return dated, undated


def _in_year(
    stap: Stap, year: int, by_id: dict[str, Stap]
) -> CyclusMoment | Ongedateerd | None:
    times = {"begintijd": _time(stap.begintijd), "eindtijd": _time(stap.eindtijd)}
    if stap.regel == "periode":
        end = _on(year, stap.voor) - timedelta(days=1)
        return CyclusMoment(stap, _on(year, stap.van), end, end, **times)
    if stap.regel == "deadline":
        end = _on(year, stap.voor) - timedelta(days=1)
        return CyclusMoment(stap, end, end, end, **times)
    if stap.regel == "verkiezingen":
        if year not in election_years(stap, range(year, year + 1)):
            return None
        day = next((d for d in stap.data.get("", []) if d.startswith(str(year))), "")
        if not day:
            return Ongedateerd(stap, year)
        when = date.fromisoformat(day)
        return CyclusMoment(stap, when, when, **times)
    base = by_id[stap.bij]
    if year not in election_years(base, range(year, year + 1)):
        return None
    if not (stap.van and stap.voor):
        return Ongedateerd(stap, year)
    end = _on(year, stap.voor) - timedelta(days=1)
    return CyclusMoment(stap, _on(year, stap.van), end, end, **times)


def _gebiedstafels(stap: Stap, years: range, gebieden: list[str]) -> list[CyclusMoment]:
    times = {"begintijd": _time(stap.begintijd), "eindtijd": _time(stap.eindtijd)}
    out = []
    for gebied in gebieden:
        explicit = stap.data.get(gebied)
        if explicit:
            days = [date.fromisoformat(d) for d in explicit]
        elif stap.dag:
            days = [
                quarter_day(y, q, stap.dag, stap.week)
                for y in years
                for q in range(1, 5)
            ]
        else:
            days = []
        out += [
            CyclusMoment(stap, d, d, gebied=gebied, **times)
            for d in days
            if d.year in years
        ]
    return out
