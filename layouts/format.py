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
