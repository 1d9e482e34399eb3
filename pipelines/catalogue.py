"""The indicator catalogue (``geodata/indicators.toml``): one place per indicator."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from pipelines.errors import ConfigError

AGGREGATIONS = {"som", "gewogen_gemiddelde", "aandeel"}


@dataclass(frozen=True)
class Indicator:
    """One indicator: how it is named at each source and how it aggregates."""

    key: str
    titel: str
    eenheid: str
    aggregatie: str
    cbs: str | tuple[str, ...] = ()
    pdok: str = ""
    kwb: str = ""
    definitie: str = ""
    weging: str | None = None
    pdok_percentage_van: str | None = None
    decimalen: int = 0
    cbs_groep: str | None = None  # DataProperties parent title, for reused stems
    teller: str | None = None  # aandeel: numerator indicator
    noemer: str | None = None  # aandeel: denominator indicator
    factor: float = 100.0  # aandeel: teller / noemer * factor
    thema: str = "overig"  # group on screens (bevolking, wonen, ...)

    @property
    def cbs_stems(self) -> tuple[str, ...]:
        """CBS key stems that carry this indicator, in any year (first wins)."""
        if isinstance(self.cbs, str):
            return (self.cbs,) if self.cbs else ()
        return tuple(self.cbs)

    @property
    def derived(self) -> bool:
        """True for a share computed from two other indicators, not read."""
        return self.aggregatie == "aandeel"


@dataclass(frozen=True)
class Catalogue:
    """All indicators in catalogue order, with lookups by key."""

    indicators: tuple[Indicator, ...]

    @property
    def keys(self) -> list[str]:
        return [i.key for i in self.indicators]

    @property
    def read_keys(self) -> list[str]:
        """Keys of indicators read from a source (every one but the aandelen)."""
        return [i.key for i in self.indicators if not i.derived]

    def get(self, key: str) -> Indicator:
        for ind in self.indicators:
            if ind.key == key:
                return ind
        raise ConfigError(
            f"Unknown indicator {key!r}.", hint="See geodata/indicators.toml."
        )

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.indicators)


def load_catalogue(path: Path) -> Catalogue:
    """Read and check the indicator catalogue.

    Parameters
    ----------
    path : Path
        TOML file with ``[[indicator]]`` blocks (see its header for the fields).

    Returns
    -------
    Catalogue
        Checked for unknown aggregations and weights that are not indicators.
    """
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"Cannot read indicator catalogue {path}: {exc}.") from exc
    items = []
    for i, entry in enumerate(raw.get("indicator", []), start=1):
        if isinstance(entry.get("cbs"), list):
            entry = {**entry, "cbs": tuple(str(c) for c in entry["cbs"])}
        try:
            items.append(Indicator(**entry))
        except TypeError as exc:
            raise ConfigError(
                f"{path}: indicator number {i} ({entry.get('key', '?')}): {exc}.",
                hint="Compare with the fields listed at the top of the file.",
            ) from exc
    keys = [i.key for i in items]
    for ind in items:
        if ind.aggregatie not in AGGREGATIONS:
            raise ConfigError(
                f"{path}: indicator {ind.key} has aggregatie {ind.aggregatie!r}.",
                hint=f"Use one of {sorted(AGGREGATIONS)}.",
            )
        if ind.aggregatie == "gewogen_gemiddelde" and ind.weging not in keys:
            raise ConfigError(
                f"{path}: indicator {ind.key} is weighted by {ind.weging!r}, "
                "which is not an indicator in the catalogue.",
                hint="Set weging to the key of a count indicator.",
            )
        if ind.derived and not (ind.teller in keys and ind.noemer in keys):
            raise ConfigError(
                f"{path}: indicator {ind.key} is an aandeel of {ind.teller!r} over "
                f"{ind.noemer!r}; both must be indicators in the catalogue.",
                hint="Set teller and noemer to the keys of count indicators.",
            )
    if len(set(keys)) != len(keys):
        raise ConfigError(f"{path}: an indicator key is used twice.")
    return Catalogue(tuple(items))
