"""Overlay figures per kern (and year) from the validated records, with suppression.

Suppression rule for ``openbaar`` (as CBS does for small numbers): every count
column (``n_*``) from 1 to :data:`MIN_COUNT` - 1 becomes NA, and so does
every figure derived from such a count (see :data:`DERIVED`). A zero stays
visible: it says nothing about a person, and hiding it would suggest activity
where there was none. Each row gets
``onderdrukt`` (bool) and ``onderdrukt_kolommen`` (``;``-joined names).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from pipelines.gemeente import GemeenteConfig
from pipelines.records.audience import check_audience
from pipelines.records.model import RecordsResult
from pipelines.records.specs import SPECS

MIN_COUNT = 5
GRANTED = ("toegekend", "uitgevoerd")
DERIVED = {
    "pct_gerealiseerd": ("n_gerealiseerd", "n_niet_vervallen"),
    "euro_toegekend": ("n_toegekend",),
    "euro_per_1000_inwoners": ("n_toegekend",),
    "euro_aangevraagd": ("n_aangevraagd",),
}


def column_slug(value: str) -> str:
    """``'groen en beheer'`` -> ``'groen_en_beheer'`` (for column names)."""
    return re.sub(r"[^a-z0-9]+", "_", value.lower()).strip("_")


def _explode(table: pd.DataFrame) -> pd.DataFrame:
    """One row per kern for records that concern several kernen."""
    kernen = table["kern_slugs"].fillna(table["kern_slug"]).str.split(";")
    return table.assign(kern_slug=kernen).explode("kern_slug")


def _one_hot(
    table: pd.DataFrame, column: str, values: tuple[str, ...], prefix: str
) -> pd.DataFrame:
    hot = pd.DataFrame(index=table.index)
    for value in values:
        hot[f"{prefix}{column_slug(value)}"] = table[column].eq(value).astype("int64")
    return hot


def _count(
    table: pd.DataFrame, keys: list[str], parts: list[pd.DataFrame]
) -> pd.DataFrame:
    data = pd.concat([table[keys], *parts], axis=1)
    grouped = data.groupby(keys, dropna=False, sort=True).sum(numeric_only=True)
    return grouped.reset_index()


def agg_actiepunten(table: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Actiepunten counted by status, eigenaar and thema, and % gerealiseerd.

    ``pct_gerealiseerd = 100 * n_gerealiseerd / (n_totaal - n_vervallen)``
    (NA when every actiepunt is vervallen).
    """
    spec = SPECS["actiepunten"]
    rows = _explode(table).rename(columns={"jaar_vastgesteld": "jaar"})
    parts = [
        pd.DataFrame({"n_totaal": np.ones(len(rows), dtype="int64")}, index=rows.index),
        _one_hot(rows, "status", spec.field("status").allowed, "n_"),
        _one_hot(rows, "eigenaar", spec.field("eigenaar").allowed, "n_eigenaar_"),
        _one_hot(rows, "thema", spec.field("thema").allowed, "n_thema_"),
    ]
    out = _count(rows, keys, parts)
    out["n_niet_vervallen"] = out["n_totaal"] - out["n_vervallen"]
    ratio = out["n_gerealiseerd"] / out["n_niet_vervallen"].replace(0, np.nan)
    out["pct_gerealiseerd"] = (100 * ratio).astype("float64")
    return out


def agg_initiatieven(
    table: pd.DataFrame, keys: list[str], inwoners: pd.Series | None
) -> pd.DataFrame:
    """Aanvragen and toekenningen per regeling, euros granted, per 1,000 inwoners."""
    rows = table.assign(jaar=pd.to_datetime(table["datum_aanvraag"]).dt.year)
    granted = rows["status"].isin(GRANTED)
    parts = [
        pd.DataFrame(
            {
                "n_aangevraagd": np.ones(len(rows), dtype="int64"),
                "n_toegekend": granted.astype("int64"),
                "n_afgewezen": rows["status"].eq("afgewezen").astype("int64"),
                "euro_aangevraagd": rows["bedrag_aangevraagd"].fillna(0.0),
                "euro_toegekend": rows["bedrag_toegekend"]
                .fillna(0.0)
                .where(granted, 0.0),
            },
            index=rows.index,
        )
    ]
    out = _count(rows, keys, parts)
    population = inwoners if inwoners is not None else pd.Series(dtype="float64")
    people = out["kern_slug"].map(population).astype("float64")
    per_1000 = out["euro_toegekend"] / people.where(people > 0) * 1000
    out["euro_per_1000_inwoners"] = per_1000.astype("float64")
    return out


def agg_opgaven(table: pd.DataFrame) -> pd.DataFrame:
    """Opgaven per kern and soort: all, open (fase not gereed), planned houses."""
    rows = _explode(table)
    open_ = rows["fase"].ne("gereed")
    parts = [
        pd.DataFrame(
            {
                "n_totaal": np.ones(len(rows), dtype="int64"),
                "n_open": open_.astype("int64"),
                "woningen_gepland": rows["aantal_woningen"]
                .fillna(0)
                .where(open_, 0)
                .astype("int64"),
            },
            index=rows.index,
        )
    ]
    return _count(rows, ["kern_slug", "soort"], parts)


def suppress(table: pd.DataFrame, audience: str) -> pd.DataFrame:
    """Apply the small-number rule for ``openbaar``; add the flag columns.

    Counts become nullable integers in both audiences, so the columns have the
    same types in an ``intern`` and an ``openbaar`` store.
    """
    out = table.copy()
    counts = [c for c in out.columns if c.startswith("n_")]
    hidden = pd.DataFrame(False, index=out.index, columns=[*counts, *DERIVED])
    if audience == "openbaar":
        for col in counts:
            hidden[col] = (out[col] > 0) & (out[col] < MIN_COUNT)
        for col, sources in DERIVED.items():
            if col in out:
                hidden[col] = hidden[[s for s in sources if s in out]].any(axis=1)
    for col in counts:
        out[col] = out[col].astype("Int64").mask(hidden[col])
    for col in DERIVED:
        if col in out:
            out[col] = out[col].astype("float64").mask(hidden[col])
    shown = hidden[[c for c in hidden.columns if c in out]]
    out["onderdrukt"] = shown.any(axis=1).astype(bool)
    out["onderdrukt_kolommen"] = (
        shown.apply(lambda r: ";".join(r.index[r.to_numpy()]), axis=1).astype("str")
        if len(out)
        else pd.Series([], dtype="str")
    )
    return out


def aggregate_records(
    result: RecordsResult,
    gemeente: GemeenteConfig,
    inwoners_per_kern: pd.Series | None,
    audience: str,
) -> dict[str, pd.DataFrame]:
    """Overlay figures per kern (and year) for the map and the kern pages.

    Parameters
    ----------
    result : RecordsResult
        Output of :func:`load_records` (either audience).
    gemeente : GemeenteConfig
        The gemeente; the ``*_totaal`` tables have a row for each of its kernen.
    inwoners_per_kern : Series or None
        Inhabitants indexed by kern slug, for ``euro_per_1000_inwoners``.
    audience : str
        ``"openbaar"`` suppresses counts below 5 (see :func:`suppress`).

    Returns
    -------
    dict of str to DataFrame
        ``agg_actiepunten`` (kern_slug, jaar = jaar_vastgesteld),
        ``agg_actiepunten_totaal`` (kern_slug), ``agg_initiatieven``
        (kern_slug, jaar = year of datum_aanvraag, regeling),
        ``agg_initiatieven_totaal`` (kern_slug, regeling), ``agg_opgaven``
        (kern_slug, soort).
    """
    check_audience(audience)
    acties, init = result.tables["actiepunten"], result.tables["initiatieven"]
    totaal = agg_actiepunten(acties, ["kern_slug"])
    all_kernen = pd.DataFrame({"kern_slug": [k.slug for k in gemeente.kernen]})
    totaal = all_kernen.merge(totaal, on="kern_slug", how="outer")
    totaal = totaal.fillna({c: 0 for c in totaal.columns if c.startswith("n_")})
    aggregates = {
        "agg_actiepunten": agg_actiepunten(acties, ["kern_slug", "jaar"]),
        "agg_actiepunten_totaal": totaal,
        "agg_initiatieven": agg_initiatieven(
            init, ["kern_slug", "jaar", "regeling"], inwoners_per_kern
        ),
        "agg_initiatieven_totaal": agg_initiatieven(
            init, ["kern_slug", "regeling"], inwoners_per_kern
        ),
        "agg_opgaven": agg_opgaven(result.tables["opgaven"]),
    }
    return {name: suppress(table, audience) for name, table in aggregates.items()}
