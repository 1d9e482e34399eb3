"""Data quality of a store, for the analist: the build's warnings, grouped."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class QualityRow:
    """One kind of warning of the build: where, what, how often."""

    bron: str
    melding: str
    aantal: int


def quality_rows(metadata: dict[str, Any]) -> list[QualityRow]:
    """The warnings in a store's metadata, grouped by source and message.

    Parameters
    ----------
    metadata : dict
        A store's metadata (:func:`pipelines.store.read_metadata`); its
        ``warnings`` are texts such as ``"west-betuwe/actiepunten.csv: ..."``.

    Returns
    -------
    list of QualityRow
        Most frequent first, then by source and message. A warning without
        ``": "`` gets source ``"bouw"``.
    """
    counts: Counter[tuple[str, str]] = Counter()
    for warning in metadata.get("warnings") or []:
        bron, sep, melding = str(warning).partition(": ")
        counts[(bron, melding) if sep else ("bouw", str(warning))] += 1
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [QualityRow(bron, melding, n) for (bron, melding), n in ordered]
