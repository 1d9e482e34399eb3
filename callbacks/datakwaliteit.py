"""Datakwaliteit screen: the build's warnings, for the analist role only."""

from __future__ import annotations

from typing import Any

from callbacks.context import viewer
from layouts import datakwaliteit
from pipelines.dashboard_data import GemeenteData
from pipelines.dashboard_data.quality import quality_rows


def screen(data: GemeenteData, _search: str | None) -> Any:
    """The warnings of the store's build; another role sees 'Geen toegang'.

    Decided in the server from the session's role, not hidden in the browser.
    """
    if (viewer() or {}).get("role") != "analist":
        return datakwaliteit.no_access()
    built_at = str(data.metadata.get("built_at", ""))
    return datakwaliteit.page(data.naam, built_at, quality_rows(data.metadata))
