"""What the Kalender screen, the Kernprofiel, the Gebied screen, the feeds and
the exports need from a store: its events (``pipelines.kalender``) as rows
with Dutch dates ("za 14 juni 2025", "14:00-17:00")."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode

from pipelines.cyclus import Cyclus
from pipelines.dashboard_data.store_view import GemeenteData, per_store
from pipelines.kalender import (
    ALLES,
    KOMEND,
    SOORT_LABELS,
    SOORTEN,
    Event,
    Kalender,
    NextStep,
    Selection,
    build_kalender,
    next_gebiedstafel,
    next_step,
    normalise,
    period_bounds,
    select,
    upcoming,
)

ALLE = "alle"  # the filters' "no filter" choice
DAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")
MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def dag_tekst(d: date, weekday: bool = True, year: bool = True) -> str:
    """'za 14 juni 2025'."""
    parts = [DAYS[d.weekday()]] if weekday else []
    parts += [str(d.day), MONTHS[d.month - 1]]
    if year:
        parts.append(str(d.year))
    return " ".join(parts)


def datum_tekst(e: Event) -> str:
    """'za 14 juni 2025', or 'vr 6 t/m zo 8 juni 2025' over several days."""
    if e.end == e.start:
        return dag_tekst(e.start)
    same_year = e.start.year == e.end.year
    first = (
        dag_tekst(e.start, year=not same_year)
        if e.start.month != e.end.month or not same_year
        else (f"{DAYS[e.start.weekday()]} {e.start.day}")
    )
    return f"{first} t/m {dag_tekst(e.end)}"


def tijd_tekst(e: Event) -> str:
    """'14:00-17:00', 'vanaf 20:00' or 'hele dag'."""
    if e.begintijd is None:
        return "hele dag" if e.end == e.start else "hele dagen"
    start = e.begintijd.strftime("%H:%M")
    if e.eindtijd is None:
        return f"vanaf {start}"
    return f"{start}-{e.eindtijd.strftime('%H:%M')}"


def maand_tekst(year: int, month: int) -> str:
    """'juni 2025'."""
    return f"{MONTHS[month - 1]} {year}"


def cyclus_of(data: GemeenteData) -> Cyclus | None:
    """The cycle kept in the store's metadata (``[cyclus]`` of the gemeente file)."""
    raw = data.metadata.get("cyclus")
    return Cyclus.from_dict(raw) if isinstance(raw, dict) else None


# Per store and day: the Kernprofiel asks for its kern's next activities on
# every visit; a caller that replaces a records table gets a new kalender.
@per_store(version=lambda d: (id(d.records), *map(id, d.records.values())))
def kalender_of(data: GemeenteData, today: date) -> Kalender:
    """Every event of the store (activiteiten and the cycle), once per store and day.

    The result is shared between callers: read it, do not change it.
    """
    return build_kalender(
        data.naam,
        data.slug,
        data.record("activiteiten"),
        data.record("gebieden"),
        cyclus_of(data),
        today,
        data.voorbeelddata,
    )


def event_row(e: Event, data: GemeenteData) -> dict[str, Any]:
    """An event as plain values for tables, the screen and the exports."""
    kernen = [data.kern_name(k) for k in e.kern_slugs]
    return {
        "uid": e.uid,
        "datum": datum_tekst(e),
        "start": e.start.isoformat(),
        "einde": e.end.isoformat(),
        "tijd": tijd_tekst(e),
        "titel": e.titel,
        "soort": e.soort,
        "soort_tekst": SOORT_LABELS.get(e.soort, e.soort),
        "cyclus": e.cyclus,
        "kernen": ", ".join(kernen) if e.kern_slugs else f"Gemeente {data.naam}",
        "locatie": e.locatie,
        "organisator": e.organisator,
        "beschrijving": e.beschrijving,
        "link": e.link,
        "wie": e.wie,
        "wat": e.wat,
        "voorlopig": e.voorlopig,
        "voorbeelddata": e.voorbeelddata,
    }


def kalender_url(gemeente_slug: str, **filters: str) -> str:
    """'/kalender?gemeente=..&kern=..' (empty filters left out)."""
    query = {"gemeente": gemeente_slug, **{k: v for k, v in filters.items() if v}}
    return "/kalender?" + urlencode(query)


def feed_path(gemeente_slug: str, sel: Selection) -> str:
    """The feed URL path of a selection: per kern, per gebied or the gemeente."""
    rest = {k: v for k, v in sel.query().items() if k not in ("kern", "gebied")}
    if sel.kern and not sel.gebied:
        path = f"/kalender/{gemeente_slug}/kern/{sel.kern}.ics"
    elif sel.gebied and not sel.kern:
        path = f"/kalender/{gemeente_slug}/gebied/{sel.gebied}.ics"
    else:
        path = f"/kalender/{gemeente_slug}.ics"
        rest = sel.query()
    return path + ("?" + urlencode(rest) if rest else "")


def feed_name(data: GemeenteData, sel: Selection) -> str:
    """'Jaarkalender West Betuwe - Beesd' (voorbeelddata is added by the feed)."""
    parts = [f"Jaarkalender {data.naam}"]
    if sel.kern:
        parts.append(data.kern_name(sel.kern))
    if sel.gebied:
        parts.append(f"gebied {sel.gebied.replace('-', ' ')}")
    if sel.soort:
        parts.append(SOORT_LABELS.get(sel.soort, sel.soort).lower())
    return " - ".join(parts)


def next_activities(
    data: GemeenteData, slug: str, today: date, n: int = 3
) -> list[dict[str, Any]]:
    """The next ``n`` activities of kern ``slug`` (and its gebiedstafels).

    For the Kernprofiel; each row as :func:`event_row`, plus ``url``: the
    calendar filtered on this kern (the same for every row).
    """
    kal = kalender_of(data, today)
    sel = Selection(kern=slug, periode=ALLES)
    events = [e for e in select(kal, sel, today) if slug in e.kern_slugs]
    url = kalender_url(data.slug, kern=slug)
    return [event_row(e, data) | {"url": url} for e in upcoming(events, today, n)]


@dataclass
class Maand:
    """One month of the list: 'juni 2025' and its events."""

    titel: str
    key: str  # 2025-06
    events: list[dict[str, Any]]


@dataclass
class KalenderContent:
    """Everything the /kalender screen shows (plain values)."""

    gemeente: str
    gemeente_slug: str
    today: str  # 'vandaag: do 5 februari 2026'
    selection: Selection
    options: dict[str, list[tuple[str, str]]]
    maanden: list[Maand]
    n_events: int
    next_step: dict[str, Any] | None
    ongedateerd: list[dict[str, str]]
    feed_path: str
    feed_name: str
    voorbeelddata: bool
    openbaar: bool
    has_cyclus: bool
    notes: list[str] = field(default_factory=list)


def filter_options(
    data: GemeenteData, kal: Kalender, today: date
) -> dict[str, list[tuple[str, str]]]:
    """(value, label) choices of the four filters; 'alle' = no filter."""
    kernen = sorted(zip(data.kernen["name"], data.kernen["kern_slug"], strict=True))
    years = sorted({e.start.year for e in kal.events} | {today.year})
    return {
        "kern": [(ALLE, "Alle kernen"), *((s, n) for n, s in kernen)],
        "gebied": [(ALLE, "Alle gebieden"), *((g.slug, g.naam) for g in kal.gebieden)],
        "soort": [(ALLE, "Alle soorten"), *((s, SOORT_LABELS[s]) for s in SOORTEN)],
        "periode": [
            (KOMEND, "Komende 12 maanden"),
            *((str(y), str(y)) for y in years),
            (ALLES, "Alles"),
        ],
    }


def parse_selection(args: dict[str, str]) -> Selection:
    """A selection from URL arguments ('alle' = no filter; unknown values are
    dropped by :func:`pipelines.kalender.normalise`)."""

    def value(key: str) -> str:
        text = str(args.get(key) or "")
        return "" if text == ALLE else text

    return Selection(
        kern=value("kern"),
        gebied=value("gebied"),
        soort=value("soort"),
        periode=str(args.get("periode") or KOMEND),
    )


def _months(rows: list[tuple[Event, dict]]) -> list[Maand]:
    out: dict[str, Maand] = {}
    for e, row in rows:
        key = f"{e.start.year}-{e.start.month:02d}"
        if key not in out:
            out[key] = Maand(maand_tekst(e.start.year, e.start.month), key, [])
        out[key].events.append(row)
    return list(out.values())


def _step(step: NextStep | None) -> dict[str, Any] | None:
    if step is None:
        return None
    e = step.event
    return {
        "text": step.text[0].upper() + step.text[1:],
        "datum": dag_tekst(step.date),
        "titel": e.titel,
        "wie": e.wie,
        "wat": e.wat,
        "dagen": step.days,
    }


def kalender_content(
    data: GemeenteData, args: dict[str, str], today: date
) -> KalenderContent:
    """The /kalender screen for URL arguments ``args`` on ``today``."""
    kal = kalender_of(data, today)
    kernen = set(data.kernen["kern_slug"])
    sel = normalise(parse_selection(args), kal, kernen)
    events = select(kal, sel, today)
    bounds = period_bounds(sel.periode, today)
    years = (
        range(today.year, today.year + 2)
        if bounds is None
        else range(bounds[0].year, bounds[1].year + 1)
    )
    notes = []
    if cyclus_of(data) is None:
        notes.append(
            "Deze gegevens hebben geen cyclus van kerngericht werken. Voeg een "
            "[cyclus] toe aan het gemeentebestand en bouw opnieuw."
        )
    return KalenderContent(
        gemeente=data.naam,
        gemeente_slug=data.slug,
        today=f"Vandaag: {dag_tekst(today)}",
        selection=sel,
        options=filter_options(data, kal, today),
        maanden=_months([(e, event_row(e, data)) for e in events]),
        n_events=len(events),
        next_step=_step(next_step(kal, today, sel.gebied)),
        ongedateerd=[
            {
                "titel": o.stap.titel,
                "jaar": str(o.jaar),
                "toelichting": o.stap.toelichting,
            }
            for o in kal.ongedateerd
            if o.jaar in years
        ],
        feed_path=feed_path(data.slug, sel),
        feed_name=feed_name(data, sel),
        voorbeelddata=data.voorbeelddata,
        openbaar=data.audience == "openbaar",
        has_cyclus=cyclus_of(data) is not None,
        notes=notes,
    )


def gebiedstafel_info(
    data: GemeenteData, gebied_slug: str, today: date
) -> dict[str, Any] | None:
    """The next gebiedstafel of a gebied: date, time, days left, voorlopig."""
    e = next_gebiedstafel(kalender_of(data, today), gebied_slug, today)
    if e is None:
        return None
    days = (e.start - today).days
    return event_row(e, data) | {
        "dagen": days,
        "dagen_tekst": "vandaag"
        if days == 0
        else ("morgen" if days == 1 else f"over {days} dagen"),
        "url": kalender_url(data.slug, gebied=gebied_slug),
        "iso": e.start.isoformat(),
    }
