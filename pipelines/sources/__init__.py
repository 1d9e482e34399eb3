"""CBS sources behind one interface.

Every source returns a :class:`~pipelines.sources.base.CbsData` with the same
normalised frames, whatever it read: the bundled ``snapshot``, a ``files``
folder an analyst filled by hand, or the ``online`` PDOK/CBS services.
"""

from __future__ import annotations

from pipelines.errors import ConfigError
from pipelines.settings import Settings
from pipelines.sources.base import CbsData, CbsSource

SOURCES = ("snapshot", "files", "online")


def get_source(name: str, settings: Settings, folder: str | None = None) -> CbsSource:
    """Return the source called ``name`` (``snapshot``, ``files`` or ``online``)."""
    if name == "snapshot":
        from pipelines.sources.snapshot import SnapshotSource

        return SnapshotSource(settings.snapshot_dir)
    if name == "files":
        from pipelines.sources.files import FilesSource

        if folder is None:
            raise ConfigError(
                "The 'files' source needs a folder.",
                hint="Pass --cbs-dir DIR with the wijk- en buurtkaart and kwb file.",
            )
        from pathlib import Path

        return FilesSource(Path(folder))
    if name == "online":
        from pipelines.sources.online import OnlineSource

        return OnlineSource(settings)
    raise ConfigError(f"Unknown source {name!r}.", hint=f"Use one of {SOURCES}.")


__all__ = ["CbsData", "CbsSource", "SOURCES", "get_source"]
