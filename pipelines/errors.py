"""Exception hierarchy of the kernenkaart (one base class, specific subclasses)."""

from __future__ import annotations


class KernenkaartError(Exception):
    """Base class for every expected error; the CLI shows its message, not a trace."""

    hint: str = ""

    def __init__(self, message: str, *, hint: str = "") -> None:
        self.hint = hint
        super().__init__(message)

    def __str__(self) -> str:
        base = super().__str__()
        return f"{base}\nHint: {self.hint}" if self.hint else base


class ConfigError(KernenkaartError):
    """A gemeente configuration, the indicator catalogue or a setting is wrong."""


class SourceError(KernenkaartError):
    """A CBS/PDOK source could not be read or answered in an unexpected format."""


class SourceUnavailableError(SourceError):
    """A network source could not be reached (offline, timeout, HTTP 5xx)."""


class GeometryError(KernenkaartError):
    """Geometry could not be repaired or dissolved."""


class RecordsError(KernenkaartError):
    """Municipal records failed validation; carries the list of problems."""


class StoreError(KernenkaartError):
    """A store is missing, unreadable or was built by an incompatible version."""
