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

KEYS = (
    "gemeente",
    "overlay",
    "indicator",
    "jaar",
    "thema",
    "eigenaar",
    "regeling",
    "kern",
    "achtergrond",
    "presentatie",
)
FILTERS = ("jaar", "thema", "eigenaar", "regeling")


def parse_search(search: str | None) -> dict[str, str]:
    """'?gemeente=buren&overlay=x' -> {'gemeente': 'buren', ...} (known keys)."""
    raw = parse_qs((search or "").lstrip("?"))
    return {k: v[0] for k, v in raw.items() if k in KEYS and v and v[0]}


def to_search(state: dict[str, Any]) -> str:
    """The query string of a state: gemeente and overlay always, the rest when set."""
    overlay = overlays.get(state.get("overlay"))
    params: dict[str, str] = {"gemeente": state["gemeente"], "overlay": overlay.key}
    for key in ("indicator", *FILTERS):
        value = state.get(key)
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
    for name in FILTERS:
        state[name] = raw.get(name) if raw.get(name) in options[name] else ALL
    kern = raw.get("kern")
    state["kern"] = kern if kern in set(data.kernen["kern_slug"]) else None
    state["achtergrond"] = "pdok" if raw.get("achtergrond") == "pdok" else None
    state["presentatie"] = "1" if raw.get("presentatie") == "1" else None
    return state


URL_WORDS = {
    "gemeente": "gemeente",
    "overlay": "kaartlaag",
    "indicator": "indicator",
    "jaar": "jaar",
    "thema": "thema",
    "eigenaar": "eigenaar",
    "regeling": "regeling",
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
