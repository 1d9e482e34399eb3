"""The indicator catalogue (``geodata/indicators.toml``): one place per indicator."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from pipelines.errors import ConfigError

AGGREGATIONS = {"som", "gewogen_gemiddelde"}


@dataclass(frozen=True)
class Indicator:
    """One indicator: how it is named at each source and how it aggregates."""

    key: str
    titel: str
    eenheid: str
    aggregatie: str
    cbs: str
    pdok: str
    kwb: str
    definitie: str = ""
    weging: str | None = None
    pdok_percentage_van: str | None = None
    decimalen: int = 0


@dataclass(frozen=True)
class Catalogue:
    """All indicators in catalogue order, with lookups by key."""

    indicators: tuple[Indicator, ...]

    @property
    def keys(self) -> list[str]:
        return [i.key for i in self.indicators]

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
    if len(set(keys)) != len(keys):
        raise ConfigError(f"{path}: an indicator key is used twice.")
    return Catalogue(tuple(items))
