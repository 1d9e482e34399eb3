"""Resolve kern names as people write them to the kern slugs of a gemeente."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
from rapidfuzz import fuzz, process

from pipelines.gemeente import GemeenteConfig
from pipelines.records.parsers import normalise
from pipelines.records.schema import KERNOVERSTIJGEND

LIST_SEPARATORS = re.compile(r"\s*[;,|\n]\s*")
KERNOVERSTIJGEND_WORDS = (
    "kernoverstijgend",
    "gemeentebreed",
    "alle kernen",
    "gemeente",
)


def kern_key(name: str) -> str:
    """Comparison key: case, accents, hyphens and ``ij``/``y`` folded."""
    return normalise(name).replace("ij", "y").replace(" ", "")


@dataclass(frozen=True)
class Unresolved:
    """A name that is no kern of the gemeente, with the nearest kern names."""

    name: str
    suggestions: tuple[str, ...]


class KernResolver:
    """Map kern names (any spelling variant) to slugs of one gemeente's kernen.

    Parameters
    ----------
    gemeente : GemeenteConfig
        The gemeente whose kernen are valid.
    """

    def __init__(self, gemeente: GemeenteConfig) -> None:
        self.gemeente = gemeente
        self.names = {k.slug: k.naam for k in gemeente.kernen}
        self._lookup: dict[str, str] = {}
        for kern in gemeente.kernen:
            self._lookup[kern_key(kern.naam)] = kern.slug
            self._lookup[kern_key(kern.slug)] = kern.slug
        self._overstijgend = {kern_key(w) for w in KERNOVERSTIJGEND_WORDS}

    def resolve(self, name: str, *, allow_overstijgend: bool = False) -> str | None:
        """Return the slug for ``name``, or None when it is no kern."""
        key = kern_key(name)
        if allow_overstijgend and key in self._overstijgend:
            return KERNOVERSTIJGEND
        return self._lookup.get(key)

    def suggest(self, name: str, limit: int = 3) -> tuple[str, ...]:
        """Names of the kernen that look most like ``name`` (best first)."""
        choices = {slug: kern_key(naam) for slug, naam in self.names.items()}
        found = process.extract(
            kern_key(name), choices, scorer=fuzz.WRatio, limit=limit, score_cutoff=60
        )
        best = found[0][1] if found else 0
        return tuple(self.names[slug] for _, score, slug in found if score >= best - 10)

    def resolve_series(
        self, values: pd.Series, *, multi: bool, allow_overstijgend: bool = False
    ) -> tuple[pd.Series, dict[object, list[Unresolved]]]:
        """Resolve a column; returns ';'-joined slugs and the unresolved names per row.

        Each distinct cell is resolved once, so this is fast on large files.
        """
        cache: dict[str, tuple[str | None, list[Unresolved]]] = {}
        for cell in values.dropna().unique():
            cache[cell] = self._resolve_cell(str(cell), multi, allow_overstijgend)
        slugs = values.map(lambda c: cache[c][0] if c in cache else None)
        bad = {
            idx: cache[cell][1]
            for idx, cell in values.dropna().items()
            if cache[cell][1]
        }
        return slugs.astype("str"), bad

    def _resolve_cell(
        self, cell: str, multi: bool, allow_overstijgend: bool
    ) -> tuple[str | None, list[Unresolved]]:
        parts = [p for p in LIST_SEPARATORS.split(cell) if p] if multi else [cell]
        slugs: list[str] = []
        unresolved: list[Unresolved] = []
        for part in parts:
            slug = self.resolve(part, allow_overstijgend=allow_overstijgend)
            if slug is None:
                unresolved.append(Unresolved(part, self.suggest(part)))
            elif slug not in slugs:
                slugs.append(slug)
        if unresolved or not slugs:
            return None, unresolved
        return ";".join(slugs), []
