"""BAG woonplaatsen of a gemeente (CBS), to check the kern indeling against.

A kern is a set of CBS buurten chosen by the gemeente; a woonplaats is the
official BAG place name. They mostly agree, and where they do not the
gemeente's file should say why (Lingemeer is a recreation area in Buren, not
a woonplaats; Zennewijnen is a woonplaats of West Betuwe without buurten of
its own). The bundled tables are CBS "Woonplaatsen in Nederland" 2018-2024.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipelines.errors import SourceError
from pipelines.gemeente import GemeenteConfig

_SUFFIX = re.compile(r"\s*\((?:GLD|GE|UT|ZH|NB)\)$", re.IGNORECASE)


def normalise_name(name: str) -> str:
    """'Rijswijk (GLD)' -> 'rijswijk', 'Kerk Avezaath' -> 'kerk-avezaath'."""
    plain = _SUFFIX.sub("", str(name).strip()).lower()
    return re.sub(r"[\s-]+", "-", plain)


def read_woonplaatsen(path: Path, gemeentecode: str) -> pd.DataFrame:
    """``code`` (WP...) and ``naam`` of the woonplaatsen of one gemeente.

    Parameters
    ----------
    path : Path
        A CBS table with ``Woonplaatsen``, ``Woonplaatscode_1`` and ``Code_3``
        (gemeentecode), as in ``geodata/cbs/woonplaatsen/``.
    gemeentecode : str
        ``GM1960``.
    """
    try:
        table = pd.read_csv(path, dtype=str)
    except (OSError, ValueError) as exc:
        raise SourceError(f"Cannot read woonplaatsen table {path}: {exc}.") from exc
    needed = {"Woonplaatsen", "Woonplaatscode_1", "Code_3"}
    if not needed <= set(table.columns):
        raise SourceError(
            f"{path}: columns {', '.join(sorted(needed - set(table.columns)))} "
            f"are missing (found: {', '.join(table.columns)})."
        )
    rows = table[table["Code_3"].str.strip() == gemeentecode]
    return pd.DataFrame(
        {
            "code": rows["Woonplaatscode_1"].str.strip().to_numpy(),
            "naam": rows["Woonplaatsen"].str.strip().to_numpy(),
        }
    )


@dataclass(frozen=True)
class Comparison:
    """Kernen without a woonplaats of their name, and woonplaatsen without a kern."""

    kernen_zonder_woonplaats: tuple[str, ...]
    woonplaatsen_zonder_kern: tuple[str, ...]


def compare(config: GemeenteConfig, woonplaatsen: pd.DataFrame) -> Comparison:
    """Match kern names to BAG woonplaats names (case, hyphens, '(GLD)' ignored)."""
    places = {normalise_name(n): n for n in woonplaatsen["naam"]}
    kernen = {normalise_name(k.naam): k.naam for k in config.kernen}
    return Comparison(
        tuple(sorted(n for key, n in kernen.items() if key not in places)),
        tuple(sorted(n for key, n in places.items() if key not in kernen)),
    )
