"""The audit log: who logged in or out, who was refused, who took personal data out.

One JSON object per line, appended, rotated at midnight UTC (one file per day
kept ``audit_keep_days`` days). Only the user is identified (``sub`` and their
e-mail or user name); never a resident's data. See docs/deployment.md, "Audit log".
"""

from __future__ import annotations

import json
import logging
import os
import threading
from datetime import UTC, datetime
from logging.handlers import TimedRotatingFileHandler
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)
EVENTS = ("login", "logout", "refused", "download", "export")
FILE_MODE = 0o640  # the owner writes; a log shipper in its group may read


class _PrivateFileHandler(TimedRotatingFileHandler):
    """Each file (also after rotation) readable by its owner and group only."""

    def _open(self):  # noqa: ANN202 - logging's own signature
        stream = super()._open()
        os.chmod(self.baseFilename, FILE_MODE)
        return stream


class AuditLog:
    """Appends audit events to a JSON lines file (thread-safe, rotated daily)."""

    def __init__(self, path: Path, keep_days: int, audience: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.audience = audience
        self._handler = _PrivateFileHandler(
            path, when="midnight", backupCount=keep_days, encoding="utf-8", utc=True
        )
        self._handler.setFormatter(logging.Formatter("%(message)s"))
        self._lock = threading.Lock()

    def write(self, event: str, user: dict[str, Any] | None, **fields: Any) -> None:
        """One line: ts, event, user, role, audience, then ``fields`` (what, ...)."""
        if event not in EVENTS:
            raise ValueError(f"unknown audit event {event!r}")
        user = user or {}
        entry = {
            "ts": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "event": event,
            "user": user.get("sub"),
            "name": user.get("name_id"),
            "role": user.get("role"),
            "audience": self.audience,
            **fields,
        }
        record = logging.makeLogRecord(
            {"msg": json.dumps(entry, ensure_ascii=False, default=str)}
        )
        with self._lock:
            self._handler.emit(record)
            self._handler.flush()

    def close(self) -> None:
        self._handler.close()


def read_events(path: Path) -> list[dict[str, Any]]:
    """Every event in an audit file (for tests and the privacy officer's tools)."""
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]
