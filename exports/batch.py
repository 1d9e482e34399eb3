"""Batch: every kern profile PDF and every gebiedstafel XLSX + PDF of a gemeente."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from exports import selection as sel
from exports.gebiedstafel import gebiedstafel_pdf, gebiedstafel_xlsx
from exports.profiel import profiel_pdf
from exports.render import Renderer
from pipelines.catalogue import Catalogue
from pipelines.dashboard_data import GemeenteData

logger = logging.getLogger(__name__)
Step = Callable[[str], None]


@dataclass(frozen=True)
class Job:
    """One document of the batch: what it is and where it goes."""

    kind: str  # "profiel" or "gebiedstafel"
    label: str  # kern or gebied name (Dutch, for messages)
    key: str  # kern slug or gebied slug
    path: Path


@dataclass
class BatchResult:
    """Written files and failures (job, reason) of one batch."""

    written: list[Path] = field(default_factory=list)
    failed: list[tuple[Job, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def plan_batch(data: GemeenteData, out_dir: Path) -> list[Job]:
    """All jobs: one profile per kern, one gebiedstafel (XLSX and PDF) per gebied."""
    jobs = [
        Job("profiel", str(name), str(slug), out_dir / "kernprofielen" / f"{slug}.pdf")
        for slug, name in zip(
            data.kernen["kern_slug"], data.kernen["name"], strict=True
        )
    ]
    for gebied in sel.gebieden(data):
        folder = out_dir / "gebiedstafels"
        jobs.append(Job("gebiedstafel", gebied.naam, gebied.slug, folder / gebied.slug))
    return jobs


def _write(path: Path, content: bytes) -> Path:
    """Write atomically: a temporary file next to ``path``, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(content)
    tmp.replace(path)
    return path


def run_job(
    job: Job,
    data: GemeenteData,
    catalogue: Catalogue,
    renderer: Renderer,
    today: date,
) -> list[Path]:
    """Produce one job's file(s); raises on failure."""
    if job.kind == "profiel":
        pdf = profiel_pdf(data, job.key, catalogue, renderer=renderer, today=today)
        return [_write(job.path, pdf)]
    xlsx = gebiedstafel_xlsx(data, job.key, today=today)
    pdf = gebiedstafel_pdf(data, job.key, renderer=renderer, today=today)
    return [
        _write(job.path.with_suffix(".xlsx"), xlsx),
        _write(job.path.with_suffix(".pdf"), pdf),
    ]


def export_all(
    data: GemeenteData,
    catalogue: Catalogue,
    out_dir: Path,
    *,
    step: Step | None = None,
    today: date | None = None,
    renderer: Renderer | None = None,
) -> BatchResult:
    """Write every kern profile and gebiedstafel of ``data`` into ``out_dir``.

    One browser (and one kaleido process) serves the whole batch. A failing
    document is logged and recorded in the result; the others are still made.
    ``step`` is called with a Dutch description before each document.
    """
    today = today or date.today()
    result = BatchResult()
    own = renderer is None
    active = renderer or Renderer()
    try:
        for job in plan_batch(data, out_dir):
            if step is not None:
                step(f"{job.kind} {job.label}")
            try:
                result.written += run_job(job, data, catalogue, active, today)
            except Exception as exc:  # one bad kern must not stop the batch
                logger.warning("%s %s failed: %s", job.kind, job.label, exc)
                logger.debug("traceback", exc_info=True)
                result.failed.append((job, f"{type(exc).__name__}: {exc}"))
    finally:
        if own:
            active.close()
    return result
