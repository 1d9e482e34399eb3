"""iCalendar (RFC 5545) feeds of the jaarkalender, written with ``icalendar``.

One VEVENT per event of :func:`pipelines.kalender.select`, with the stable UID
of the event (a changed activity updates in a subscribed calendar instead of
appearing twice), times in Europe/Amsterdam with its VTIMEZONE (so 14:00 stays
14:00 on both sides of the change to summer time), all-day events (DATE
values, DTEND the day after the last day) for events without a time. The
library escapes text (commas, semicolons, newlines) as the standard requires.
The feed holds exactly what the store holds: an openbaar store has no
personal data, so neither has its feed.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar

from pipelines.kalender import SOORT_LABELS, Event

TZ = ZoneInfo("Europe/Amsterdam")
PRODID = "-//Kernenkaart//Jaarkalender//NL"
VOORBEELD = "Voorbeelddata: deze activiteit is verzonnen (fictief)."
REFRESH = timedelta(hours=12)


def _start_end(e: Event) -> tuple[date | datetime, date | datetime | None]:
    if e.begintijd is None:
        return e.start, e.end + timedelta(days=1)
    start = datetime.combine(e.start, e.begintijd, TZ)
    if e.eindtijd is not None:
        return start, datetime.combine(e.end, e.eindtijd, TZ)
    if e.end > e.start:
        return start, datetime.combine(
            e.end + timedelta(days=1), datetime.min.time(), TZ
        )
    return start, None  # no end time: the event has no duration (RFC 5545 3.6.1)


def description(e: Event, kern_names: dict[str, str]) -> str:
    """The DESCRIPTION: what, who, where from; voorbeelddata said in every event."""
    lines = []
    if e.voorbeelddata:
        lines.append(VOORBEELD)
    if e.beschrijving:
        lines.append(e.beschrijving)
    if e.wat:
        lines.append(f"Wat: {e.wat}")
    if e.wie:
        lines.append(f"Wie: {e.wie}")
    if e.organisator:
        lines.append(f"Organisatie: {e.organisator}")
    if e.kern_slugs:
        names = ", ".join(kern_names.get(k, k) for k in e.kern_slugs)
        lines.append(f"Kern: {names}" if len(e.kern_slugs) == 1 else f"Kernen: {names}")
    if e.voorlopig:
        lines.append("De datum is voorlopig.")
    if e.link:
        lines.append(f"Meer informatie: {e.link}")
    return "\n".join(lines)


def vevent(e: Event, kern_names: dict[str, str], stamp: datetime) -> icalendar.Event:
    """One VEVENT."""
    ev = icalendar.Event()
    ev.add("uid", e.uid)
    ev.add("dtstamp", stamp)
    ev.add("last-modified", stamp)
    summary = e.titel + (" (voorbeelddata)" if e.voorbeelddata else "")
    ev.add("summary", summary)
    start, end = _start_end(e)
    ev.add("dtstart", start)
    if end is not None:
        ev.add("dtend", end)
    if e.locatie:
        ev.add("location", e.locatie)
    text = description(e, kern_names)
    if text:
        ev.add("description", text)
    if e.link:
        ev.add("url", e.link)
    ev.add("categories", [SOORT_LABELS.get(e.soort, e.soort)])
    ev.add("status", "TENTATIVE" if e.voorlopig else "CONFIRMED")
    ev.add("transp", "TRANSPARENT" if e.begintijd is None else "OPAQUE")
    ev.add("class", "PUBLIC")
    return ev


def feed(
    events: list[Event],
    name: str,
    kern_names: dict[str, str],
    built_at: str,
    voorbeelddata: bool,
) -> bytes:
    """The iCalendar text of ``events``.

    Parameters
    ----------
    events : list of Event
        The selection (see :func:`pipelines.kalender.select`).
    name : str
        Calendar name ("Jaarkalender West Betuwe - Beesd"); "(voorbeelddata)"
        is added for voorbeelddata.
    kern_names : dict
        Kern slug -> name, for the descriptions.
    built_at : str
        The store's build time (ISO); DTSTAMP of every event, so two requests
        to the same store give the same bytes.
    voorbeelddata : bool
        Whether the store holds voorbeelddata.
    """
    stamp = _stamp(built_at)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    title = name + (" (voorbeelddata)" if voorbeelddata else "")
    cal.add("name", title)
    cal.add("x-wr-calname", title)
    cal.add("x-wr-timezone", "Europe/Amsterdam")
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", icalendar.vDuration(REFRESH))
    if voorbeelddata:
        cal.add("x-wr-caldesc", VOORBEELD.replace("deze activiteit is", "alles is"))
    cal.add_component(amsterdam())
    for e in events:
        cal.add_component(vevent(e, kern_names, stamp))
    return cal.to_ical()


def amsterdam() -> icalendar.Timezone:
    """VTIMEZONE Europe/Amsterdam as yearly rules (EU summer time since 1996).

    Shorter than a list of every transition, and valid for every year the
    kalender shows; Outlook, Google Calendar and phones all read RRULE-based
    VTIMEZONEs.
    """
    tz = icalendar.Timezone()
    tz.add("tzid", "Europe/Amsterdam")
    tz.add("x-lic-location", "Europe/Amsterdam")
    for kind, name, offsets, month in (
        (icalendar.TimezoneDaylight, "CEST", (1, 2), 3),
        (icalendar.TimezoneStandard, "CET", (2, 1), 10),
    ):
        part = kind()
        part.add("tzname", name)
        part.add("tzoffsetfrom", timedelta(hours=offsets[0]))
        part.add("tzoffsetto", timedelta(hours=offsets[1]))
        hour = 2 if month == 3 else 3  # local time of the change (01:00 UTC)
        part.add("dtstart", datetime(1996, month, 31 if month == 3 else 27, hour))
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        tz.add_component(part)
    return tz


def _stamp(built_at: str) -> datetime:
    try:
        when = datetime.fromisoformat(built_at)
    except ValueError:
        when = datetime(2000, 1, 1)
    if when.tzinfo is None:
        when = when.replace(tzinfo=ZoneInfo("UTC"))
    return when.astimezone(ZoneInfo("UTC"))
