"""The jaarkalender: activiteiten and the cycle of kerngericht werken as events.

Pure functions on the stored tables (``activiteiten``, ``gebieden``) and the
gemeente's :class:`~pipelines.cyclus.Cyclus`; the screen, the iCalendar feeds
(``pipelines/kalender_ics.py``) and the exports all use :func:`events` and
:func:`select`, so they show the same thing. ``today`` is always passed in.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, time, timedelta

import pandas as pd

from pipelines.cyclus import Cyclus, CyclusMoment, Ongedateerd, moments
from pipelines.records.schema import ACTIVITEIT_SOORTEN

CYCLUS = "cyclus"  # the soort of the cycle's own steps (gebiedstafels: gebiedstafel)
SOORTEN = (*ACTIVITEIT_SOORTEN, CYCLUS)
SOORT_LABELS = {
    "dorpsfeest": "Dorpsfeest",
    "inloopavond": "Inloopavond",
    "gebiedstafel": "Gebiedstafel",
    "vergadering": "Vergadering",
    "sport": "Sport",
    "cultuur": "Cultuur",
    "markt": "Markt",
    "groen": "Groen en natuur",
    "overig": "Overig",
    CYCLUS: "Cyclus kerngericht werken",
}
KOMEND, ALLES = "komend", "alles"
PERIOD = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


@dataclass(frozen=True)
class Event:
    """One calendar event: an activiteit or a step of the cycle.

    ``end`` is the last day (inclusive). Without ``begintijd`` the event lasts
    whole days. ``kern_slugs`` empty means the whole gemeente.
    """

    uid: str
    titel: str
    start: date
    end: date
    soort: str
    begintijd: time | None = None
    eindtijd: time | None = None
    cyclus: bool = False
    kern_slugs: tuple[str, ...] = ()
    gebied: str = ""  # gebied slug (gebiedstafels)
    locatie: str = ""
    organisator: str = ""
    beschrijving: str = ""
    link: str = ""
    wie: str = ""
    wat: str = ""
    deadline: date | None = None  # last day of a cycle step with a deadline
    kort: str = ""  # "de deadline voor nieuwe actiepunten" (cycle steps)
    voorlopig: bool = False
    voorbeelddata: bool = False


@dataclass(frozen=True)
class Gebied:
    """A gebied of the gemeente (from the ``gebieden`` records)."""

    slug: str
    naam: str
    kern_slugs: tuple[str, ...]


@dataclass(frozen=True)
class Selection:
    """Filters of the calendar (the screen's URL and the feed's query)."""

    kern: str = ""
    gebied: str = ""
    soort: str = ""
    periode: str = KOMEND  # komend (12 months from today), alles, 2026 or 2026-06

    def query(self) -> dict[str, str]:
        """The non-default filters, for a URL."""
        out = {"kern": self.kern, "gebied": self.gebied, "soort": self.soort}
        out = {k: v for k, v in out.items() if v}
        if self.periode != KOMEND:
            out["periode"] = self.periode
        return out


@dataclass
class Kalender:
    """All events of a gemeente and the cycle steps without a known date."""

    gemeente: str
    gemeente_slug: str
    events: list[Event]
    ongedateerd: list[Ongedateerd] = field(default_factory=list)
    gebieden: list[Gebied] = field(default_factory=list)
    voorbeelddata: bool = False


def slugify(text: str) -> str:
    """'Beesd en Tricht' -> 'beesd-en-tricht' (as the Gebied screen's URL)."""
    from pipelines.dashboard_data.overlays import slugify as _slugify

    return _slugify(text)


def gebieden_of(table: pd.DataFrame) -> list[Gebied]:
    """The gebieden of the ``gebieden`` records (slug, name, kernen)."""
    if table.empty:
        return []
    return [
        Gebied(
            slugify(str(r["gebied"])),
            str(r["gebied"]),
            tuple(s for s in str(r.get("kern_slugs") or "").split(";") if s),
        )
        for r in table.to_dict("records")
    ]


def _text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value).strip()


def _clock(value: object) -> time | None:
    text = _text(value)
    return time.fromisoformat(text) if text else None


def _activity_uid(gemeente_slug: str, row: dict) -> str:
    """Stable per id; without an id, from kern, date and title (then a change
    of date is a new event)."""
    key = _text(row.get("id"))
    if not key:
        raw = f"{row.get('kern_slug')}|{row.get('datum')}|{row.get('titel')}"
        key = "h" + hashlib.sha1(raw.encode()).hexdigest()[:12]
    return f"{gemeente_slug}-activiteit-{slugify(key)}@kernenkaart"


def activity_events(table: pd.DataFrame, gemeente_slug: str) -> list[Event]:
    """The ``activiteiten`` records as events (soort empty -> overig)."""
    if table.empty:
        return []
    out = []
    for row in table.to_dict("records"):
        start = date.fromisoformat(str(row["datum"]))
        end_text = _text(row.get("einddatum"))
        end = date.fromisoformat(end_text) if end_text else start
        out.append(
            Event(
                uid=_activity_uid(gemeente_slug, row),
                titel=_text(row.get("titel")),
                start=start,
                end=max(end, start),
                soort=_text(row.get("soort")) or "overig",
                begintijd=_clock(row.get("begintijd")),
                eindtijd=_clock(row.get("eindtijd")),
                kern_slugs=(str(row["kern_slug"]),),
                locatie=_text(row.get("locatie")),
                organisator=_text(row.get("organisator")),
                beschrijving=_text(row.get("beschrijving")),
                link=_text(row.get("link")),
                voorbeelddata=bool(row.get("voorbeelddata") or False),
            )
        )
    return out


def cycle_event(
    m: CyclusMoment, gemeente_slug: str, gebieden: dict[str, Gebied]
) -> Event:
    """One occurrence of a cycle step as an event."""
    stap = m.stap
    gebied = gebieden.get(m.gebied)
    if m.gebied:
        quarter = (m.start.month - 1) // 3 + 1
        key = f"{stap.id}-{m.gebied}-{m.start.year}-q{quarter}"
        titel = f"{stap.titel} {gebied.naam if gebied else m.gebied}"
    else:
        key, titel = f"{stap.id}-{m.start.year}", stap.titel
    if stap.regel == "deadline":
        titel = f"Deadline: {stap.titel.lower()}"
    return Event(
        uid=f"{gemeente_slug}-cyclus-{key}@kernenkaart",
        titel=titel + (" (voorlopige datum)" if stap.voorlopig else ""),
        start=m.start,
        end=m.end,
        soort="gebiedstafel" if stap.regel == "gebiedstafel" else CYCLUS,
        begintijd=m.begintijd,
        eindtijd=m.eindtijd,
        cyclus=True,
        kern_slugs=gebied.kern_slugs if gebied else (),
        gebied=m.gebied,
        wie=stap.wie,
        wat=stap.wat,
        deadline=m.deadline,
        kort=stap.kort,
        voorlopig=stap.voorlopig,
    )


def years_around(today: date, events: list[Event]) -> range:
    """The cycle's years: last year to two years ahead, and every activity year."""
    first = min([today.year - 1, *(e.start.year for e in events)])
    last = max([today.year + 2, *(e.end.year for e in events)])
    return range(first, last + 1)


def build_kalender(
    gemeente: str,
    gemeente_slug: str,
    activiteiten: pd.DataFrame,
    gebieden_table: pd.DataFrame,
    cyclus: Cyclus | None,
    today: date,
    voorbeelddata: bool = False,
) -> Kalender:
    """Every event of a gemeente, sorted by date and time.

    Parameters
    ----------
    gemeente, gemeente_slug : str
        Name and slug (UIDs start with the slug).
    activiteiten, gebieden_table : DataFrame
        The stored records (already stripped for the store's audience).
    cyclus : Cyclus or None
        The gemeente's cycle (store metadata ``cyclus``).
    today : date
        Decides which years of the cycle are computed.
    voorbeelddata : bool
        Marks every event (the cycle itself is the gemeente's, but its
        gebiedstafels belong to voorbeeld gebieden).
    """
    acts = activity_events(activiteiten, gemeente_slug)
    gebieden = gebieden_of(gebieden_table)
    by_slug = {g.slug: g for g in gebieden}
    dated: list[CyclusMoment] = []
    undated: list[Ongedateerd] = []
    if cyclus is not None:
        dated, undated = moments(cyclus, years_around(today, acts), list(by_slug))
    cycle = [cycle_event(m, gemeente_slug, by_slug) for m in dated]
    if voorbeelddata:
        acts = [_mark(e) for e in acts]
        cycle = [_mark(e) for e in cycle]
    events = sorted(acts + cycle, key=sort_key)
    return Kalender(gemeente, gemeente_slug, events, undated, gebieden, voorbeelddata)


def _mark(e: Event) -> Event:
    from dataclasses import replace

    return replace(e, voorbeelddata=True)


def sort_key(e: Event) -> tuple:
    return (e.start, e.begintijd or time(0), not e.cyclus, e.titel)


def period_bounds(periode: str, today: date) -> tuple[date, date] | None:
    """First and last day of a period; None for ``alles``."""
    if periode == ALLES:
        return None
    match = PERIOD.match(periode or "")
    if match and match[2]:
        year, month = int(match[1]), int(match[2])
        nxt = date(year + month // 12, month % 12 + 1, 1)
        return date(year, month, 1), nxt - timedelta(days=1)
    if match:
        return date(int(match[1]), 1, 1), date(int(match[1]), 12, 31)
    return today, today + timedelta(days=365)


def normalise(sel: Selection, kal: Kalender, kernen: set[str]) -> Selection:
    """Drop filter values this gemeente does not have (an old or mistyped link)."""
    periode = sel.periode if sel.periode == ALLES or PERIOD.match(sel.periode) else ""
    return Selection(
        kern=sel.kern if sel.kern in kernen else "",
        gebied=sel.gebied if sel.gebied in {g.slug for g in kal.gebieden} else "",
        soort=sel.soort if sel.soort in SOORTEN else "",
        periode=periode or KOMEND,
    )


def matches(e: Event, sel: Selection, kal: Kalender) -> bool:
    """Whether an event belongs to the selection (without the period)."""
    if sel.soort == CYCLUS and not e.cyclus:
        return False
    if sel.soort and sel.soort != CYCLUS and e.soort != sel.soort:
        return False
    wanted: set[str] = set()
    if sel.kern:
        wanted.add(sel.kern)
    if sel.gebied:
        gebied = next((g for g in kal.gebieden if g.slug == sel.gebied), None)
        wanted |= set(gebied.kern_slugs if gebied else ())
    if not wanted:
        return True
    if e.gebied:  # a gebiedstafel: of the chosen gebied, or of the kern's gebied
        return (sel.gebied == e.gebied) or bool(wanted & set(e.kern_slugs))
    return not e.kern_slugs or bool(wanted & set(e.kern_slugs))


def select(kal: Kalender, sel: Selection, today: date) -> list[Event]:
    """The events of the selection that overlap its period, in order."""
    bounds = period_bounds(sel.periode, today)
    return [
        e
        for e in kal.events
        if matches(e, sel, kal)
        and (bounds is None or (e.end >= bounds[0] and e.start <= bounds[1]))
    ]


def upcoming(events: list[Event], today: date, n: int) -> list[Event]:
    """The first ``n`` events that have not ended before ``today``."""
    return [e for e in events if e.end >= today][:n]


@dataclass(frozen=True)
class NextStep:
    """The next step of the cycle: what, when and how many days are left."""

    event: Event
    date: date
    days: int
    text: str  # "nog 23 dagen tot de deadline voor nieuwe actiepunten"


def next_step(kal: Kalender, today: date, gebied: str = "") -> NextStep | None:
    """The next cycle moment still ahead: a running step's deadline, or a start.

    Without ``gebied`` gebiedstafels are left out (they are per gebied); with
    it, that gebied's tafels count besides the gemeente-wide steps.
    """
    best: tuple[date, Event, str] | None = None
    for e in kal.events:
        if not e.cyclus or (e.gebied and e.gebied != gebied) or e.end < today:
            continue
        if e.deadline and (e.start <= today or e.start == e.end):
            when, what = e.deadline, e.kort or f"de deadline: {e.titel.lower()}"
        elif e.deadline:
            when, what = e.start, f"het begin van: {e.titel.lower()}"
        else:
            when, what = e.start, e.kort or e.titel.lower()
        if best is None or when < best[0]:
            best = (when, e, what)
    if best is None:
        return None
    when, e, what = best
    days = (when - today).days
    return NextStep(e, when, days, days_text(days, what))


def days_text(days: int, what: str) -> str:
    """'nog 23 dagen tot de deadline ...', 'morgen: ...', 'vandaag: ...'."""
    if days == 0:
        return f"vandaag: {what}"
    if days == 1:
        return f"morgen: {what}"
    return f"nog {days} dagen tot {what}"


def next_gebiedstafel(kal: Kalender, gebied: str, today: date) -> Event | None:
    """The first gebiedstafel of ``gebied`` on or after ``today``."""
    return next(
        (
            e
            for e in kal.events
            if e.cyclus
            and e.soort == "gebiedstafel"
            and e.gebied == gebied
            and e.start >= today
        ),
        None,
    )
