"""The state of the Kaart screen and its form in the URL query string."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlencode

from layouts import overlays
from pipelines.catalogue import Catalogue
from pipelines.dashboard_data import (
    ALL,
    GemeenteData,
    Repository,
    available_indicators,
    filter_options,
)
from pipelines.dashboard_data.indicators import earlier_years, indicator_periods

KEYS = (
    "gemeente",
    "overlay",
    "indicator",
    "jaar",
    "thema",
    "eigenaar",
    "regeling",
    "cbsjaar",
    "weergave",
    "sinds",
    "kern",
    "achtergrond",
    "presentatie",
)
RECORD_FILTERS = ("jaar", "thema", "eigenaar", "regeling")
# Maatschappelijke opgaven: the CBS year, waarde | verandering, and since when
CBS_FILTERS = ("cbsjaar", "weergave", "sinds")
FILTERS = (*RECORD_FILTERS, *CBS_FILTERS)  # everything the colours depend on


def parse_search(search: str | None) -> dict[str, str]:
    """'?gemeente=buren&overlay=x' -> {'gemeente': 'buren', ...} (known keys)."""
    raw = parse_qs((search or "").lstrip("?"))
    return {k: v[0] for k, v in raw.items() if k in KEYS and v and v[0]}


def to_search(state: dict[str, Any]) -> str:
    """The query string of a state: gemeente and overlay always, the rest when set."""
    overlay = overlays.get(state.get("overlay"))
    params: dict[str, str] = {"gemeente": state["gemeente"], "overlay": overlay.key}
    change = state.get("weergave") == "verandering"
    for key in ("indicator", *FILTERS):
        value = state.get(key)
        if key in ("weergave", "sinds") and not change:
            continue  # the default view: its 'sinds' plays no part
        if key in overlay.filters and value and value != ALL:
            params[key] = value
    for key in ("kern", "achtergrond", "presentatie"):
        if state.get(key):
            params[key] = state[key]
    return "?" + urlencode(params)


def gemeente_of(
    search: str | None, repository: Repository, preferred: str = ""
) -> str | None:
    """The gemeente named in the query, else the default one."""
    wanted = parse_search(search).get("gemeente", "")
    return repository.default_slug(
        wanted if wanted in repository.slugs() else preferred
    )


def normalise(
    raw: dict[str, Any], data: GemeenteData, catalogue: Catalogue
) -> dict[str, Any]:
    """A complete, valid state: unknown values fall back to defaults."""
    options = filter_options(data)
    indicators = available_indicators(data, catalogue)
    default_overlay = "kernagenda" if data.has_records else overlays.DEFAULT
    state: dict[str, Any] = {"gemeente": data.slug}
    key = raw.get("overlay") or default_overlay
    state["overlay"] = overlays.get(key).key
    wanted = raw.get("indicator")
    state["indicator"] = wanted if wanted in indicators else (indicators or [""])[0]
    for name in RECORD_FILTERS:
        state[name] = raw.get(name) if raw.get(name) in options[name] else ALL
    state.update(cbs_state(raw, data, state["indicator"]))
    kern = raw.get("kern")
    state["kern"] = kern if kern in set(data.kernen["kern_slug"]) else None
    state["achtergrond"] = "pdok" if raw.get("achtergrond") == "pdok" else None
    state["presentatie"] = "1" if raw.get("presentatie") == "1" else None
    return state


def cbs_state(raw: dict[str, Any], data: GemeenteData, key: str) -> dict[str, str]:
    """CBS year (default the latest), view and since year: only years with figures.

    ``sinds`` is an earlier year at the level of ``cbsjaar`` (kern or wijk),
    by default the earliest; 'verandering' falls back to 'waarde' when there
    is none. Every value is text ('' when the indicator has no years).
    """
    periods = indicator_periods(data, key) if key else {"kern": [], "wijk": []}
    years = sorted(set(periods["kern"]) | set(periods["wijk"]))
    wanted = str(raw.get("cbsjaar") or "")
    year = int(wanted) if wanted in {str(y) for y in years} else max(years or [0])
    earlier = earlier_years(periods, year)
    since = str(raw.get("sinds") or "")
    since = since if since in {str(y) for y in earlier} else str(min(earlier or [""]))
    view = raw.get("weergave")
    view = "verandering" if view == "verandering" and earlier else "waarde"
    return {"cbsjaar": str(year or ""), "weergave": view, "sinds": since}


URL_WORDS = {
    "gemeente": "gemeente",
    "overlay": "kaartlaag",
    "indicator": "indicator",
    "jaar": "jaar",
    "thema": "thema",
    "eigenaar": "eigenaar",
    "regeling": "regeling",
    "cbsjaar": "CBS-jaar",
    "weergave": "weergave",
    "sinds": "sinds",
    "kern": "kern",
}


def ignored_note(raw: dict[str, Any], state: dict[str, Any]) -> str:
    """Which values of a URL ``normalise`` could not use, in words ('' if none).

    A link with a typo or an old year should not silently show something else.
    """
    skipped = [
        f"{word} '{raw[name]}'"
        for name, word in URL_WORDS.items()
        if raw.get(name) and raw[name] != state.get(name)
    ]
    if not skipped:
        return ""
    return (
        "Niet gevonden in deze kernenkaart, en daarom niet toegepast: "
        + ", ".join(skipped)
        + "."
    )
