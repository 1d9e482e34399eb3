"""Dutch number and text formatting for the interface."""

from __future__ import annotations

import math
from datetime import datetime


def number(value: float | int | None, decimals: int = 0) -> str:
    """1234.5 -> '1.234,5' (Dutch separators); None/NaN -> 'geen gegevens'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "geen gegevens"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def euro(value: float | int | None) -> str:
    """Whole euros in Dutch notation: '€ 12.500'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "geen gegevens"
    return "€ " + number(value, 0)


def titled(titel: str, eenheid: str) -> str:
    """'Mannen (inwoners)', but 'Aantal inwoners' (its unit is in the title)."""
    if not eenheid or eenheid.lower() in titel.lower():
        return titel
    return f"{titel} ({eenheid})"


def percent(value: float | None, decimals: int = 0) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "geen gegevens"
    return number(value, decimals) + "%"


MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober "
    "november december"
).split()


def moment(iso: str) -> str:
    """'2026-11-22T13:19:11+00:00' -> '22 november 2026, 13:19 (UTC)'; else as is."""
    try:
        when = datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso
    text = f"{when.day} {MONTHS[when.month - 1]} {when.year}, {when:%H:%M}"
    zone = when.tzname()
    return f"{text} ({zone})" if zone else text


# --- Kernprofiel: trends ----------------------------------------------------


def signed_change(value: float | None, share: bool, decimals: int | None = None) -> str:
    """+21 % (relative change) or +1,6 procentpunt (a share); '' when unknown.

    ``decimals`` defaults to 1 for procentpunt and 0 for %.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if decimals is None:
        decimals = 1 if share else 0
    text = number(abs(value), decimals)
    if not text.strip("0,."):
        sign = "±"  # rounds to zero: no direction to show
    else:
        sign = "+" if value > 0 else "-"
    return f"{sign}{text} {'procentpunt' if share else '%'}"


def year_values(
    pairs: list[tuple[int, float | None, bool]], decimals: int, change: str = ""
) -> str:
    """'2017: 4.135 · 2024: 5.000 (+21 %)'; an estimate says so, a gap says so.

    ``pairs`` are (year, value or None, estimated).
    """
    parts = []
    for year, value, estimated in pairs:
        shown = "geen cijfer" if value is None else number(value, decimals)
        parts.append(f"{year}: {shown}" + (" (schatting)" if estimated else ""))
    text = " · ".join(parts)
    return f"{text} ({change})" if change else text


THEMA_TITELS = {
    "bevolking": "Bevolking",
    "leeftijd": "Leeftijd",
    "herkomst": "Herkomst",
    "huishoudens": "Huishoudens",
    "wonen": "Wonen",
    "economie": "Economie",
    "inkomen": "Inkomen",
    "voorzieningen": "Voorzieningen",
    "gebied": "Gebied",
}


def thema(key: str) -> str:
    """A catalogue thema as a heading: 'wonen' -> 'Wonen'."""
    return THEMA_TITELS.get(key, key.capitalize())


# --- Vergelijken/Monitor: CBS -------------------------------------------------


def signed_number(value: float | None, decimals: int = 0) -> str:
    """+865 or -55 (Dutch separators); '±0' when it rounds to zero; '' when unknown."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = number(abs(value), decimals)
    if not text.strip("0,."):
        return "±" + text
    return ("+" if value > 0 else "-") + text


def listing(items: list[str]) -> str:
    """'a', 'a en b', 'a, b en c' (Dutch enumeration)."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]
