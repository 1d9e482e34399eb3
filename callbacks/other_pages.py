"""Screens other than the Kaart (filled in per screen)."""

from __future__ import annotations

from typing import Any

from layouts import shell


def render(pathname: str, search: str | None, gemeente: str | None) -> Any:
    return shell.not_found(f"De pagina {pathname} bestaat niet.")
