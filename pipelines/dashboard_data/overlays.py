"""Per-kern figures for the map overlays, with the dashboard filters."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipelines.dashboard_data.store_view import (
    ALL,
    Filters,
    GemeenteData,
)


def _years_of(frame: pd.DataFrame, column: str) -> set[int]:
    if frame.empty or column not in frame.columns:
        return set()
    values = frame[column]
    if not pd.api.types.is_numeric_dtype(values):
        values = pd.to_datetime(values, errors="coerce").dt.year
    return {int(v) for v in values.dropna()}


def filter_options(data: GemeenteData) -> dict[str, list[str]]:
    """Values the Kaart filters can take for this store (without ``ALL``)."""
    acties = data.record("actiepunten")
    inits = data.record("initiatieven")
    years = _years_of(acties, "jaar_vastgesteld") | _years_of(inits, "datum_aanvraag")
    years |= _years_of(inits, "jaar")

    def distinct(frame: pd.DataFrame, column: str) -> list[str]:
        if frame.empty or column not in frame.columns:
            return []
        return sorted({str(v) for v in frame[column].dropna() if str(v)})

    return {
        "jaar": [str(y) for y in sorted(years)],
        "thema": distinct(acties, "thema"),
        "eigenaar": distinct(acties, "eigenaar"),
        "regeling": distinct(inits, "regeling"),
    }


# --- records: per-kern figures for the overlays -----------------------------

STATUSES = ("nieuw", "in voorbereiding", "in uitvoering", "gerealiseerd", "vervallen")


def explode_kernen(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per (record, kern): records that name several kernen count for each.

    ``kern_slugs`` holds the kernen separated by ';'; kernoverstijgende records
    (no kern) are left out of per-kern figures.
    """
    if frame.empty:
        return frame.assign(kern=pd.Series(dtype=str))
    column = "kern_slugs" if "kern_slugs" in frame.columns else "kern_slug"
    slugs = frame[column].fillna("").astype(str).str.split(";")
    out = frame.assign(kern=slugs).explode("kern")
    out["kern"] = out["kern"].str.strip()
    return out[out["kern"] != ""].reset_index(drop=True)


def _match(frame: pd.DataFrame, column: str, value: str) -> pd.Series:
    if value == ALL or column not in frame.columns:
        return pd.Series(True, index=frame.index)
    return frame[column].astype(str) == value


def filter_actiepunten(data: GemeenteData, filters: Filters) -> pd.DataFrame:
    """Actiepunten for the jaar (vastgesteld), thema and eigenaar filters."""
    acties = data.record("actiepunten")
    if acties.empty:
        return acties
    keep = _match(acties, "thema", filters.thema) & _match(
        acties, "eigenaar", filters.eigenaar
    )
    keep &= _match(acties, "jaar_vastgesteld", filters.jaar)
    return acties[keep]


def kernagenda_per_kern(data: GemeenteData, filters: Filters) -> pd.DataFrame:
    """Per kern: actiepunten by status and % gerealiseerd (of those not vervallen).

    Returns
    -------
    DataFrame
        ``kern_slug``, ``n_totaal``, one ``n_<status>`` column per status and
        ``pct_gerealiseerd`` (NaN when a kern has no actiepunten).
    """
    rows = explode_kernen(filter_actiepunten(data, filters))
    counts = pd.crosstab(rows["kern"], rows["status"]) if not rows.empty else None
    out = data.kernen[["kern_slug"]].copy()
    for status in STATUSES:
        col = "n_" + status.replace(" ", "_")
        values = counts[status] if counts is not None and status in counts else None
        out[col] = (
            out["kern_slug"].map(values).fillna(0).astype(int)
            if values is not None
            else 0
        )
    cols = ["n_" + s.replace(" ", "_") for s in STATUSES]
    out["n_totaal"] = out[cols].sum(axis=1)
    active = out["n_totaal"] - out["n_vervallen"]
    out["pct_gerealiseerd"] = (
        100 * out["n_gerealiseerd"] / active.where(active > 0)
    ).round(0)
    return out


def leefbaarheid_per_kern(data: GemeenteData, filters: Filters) -> pd.DataFrame:
    """Per kern: initiatives granted and euros, for the jaar and regeling filters.

    Uses the aggregate layers (``agg_initiatieven_totaal`` for all years), so an
    openbaar store's suppression of small numbers is kept: suppressed cells are
    left out of the sums and the kern is flagged ``onderdrukt``; a kern whose
    cells are all suppressed gets NaN.
    """
    totals = data.record("agg_initiatieven_totaal")
    use_totals = filters.jaar == ALL and not totals.empty
    agg = totals if use_totals else data.record("agg_initiatieven")
    out = data.kernen[["kern_slug"]].copy()
    if agg.empty:
        return out.assign(
            n_toegekend=np.nan,
            euro_toegekend=np.nan,
            onderdrukt=False,
            euro_per_1000=np.nan,
        )
    keep = _match(agg, "regeling", filters.regeling)
    if not use_totals:
        keep &= _match(agg, "jaar", filters.jaar)
    agg = agg[keep]
    grouped = agg.groupby("kern_slug").agg(
        n_toegekend=("n_toegekend", lambda s: s.sum(min_count=1)),
        euro_toegekend=("euro_toegekend", lambda s: s.sum(min_count=1)),
        onderdrukt=("onderdrukt", "any"),
    )
    out = out.merge(grouped, left_on="kern_slug", right_index=True, how="left")
    out["onderdrukt"] = out["onderdrukt"].fillna(False).astype(bool)
    has_rows = out["kern_slug"].isin(set(agg["kern_slug"]))
    for col in ("n_toegekend", "euro_toegekend"):
        out[col] = out[col].where(out["onderdrukt"] | has_rows, 0.0)
    population = kern_population_of(data)
    out["euro_per_1000"] = (
        (out["euro_toegekend"] / out["kern_slug"].map(population) * 1000).round(0)
        if population is not None
        else np.nan
    )
    return out


def kern_population_of(data: GemeenteData) -> pd.Series | None:
    """Inwoners per kern where the store has kern-level figures (buurt data)."""
    ind = data.indicators
    rows = ind[(ind["level"] == "kern") & (ind["indicator"] == "aantal_inwoners")]
    return rows.set_index("code")["value"] if not rows.empty else None


OPEN_FASEN = ("idee", "verkenning", "planvorming", "voorbereiding", "uitvoering")


def opgaven_per_kern(data: GemeenteData) -> pd.DataFrame:
    """Per kern: number of opgaven, how many are still open, and their soorten."""
    rows = explode_kernen(data.record("opgaven"))
    out = data.kernen[["kern_slug"]].copy()
    if rows.empty:
        return out.assign(n_totaal=0, n_open=0, soorten="")
    rows = rows.assign(open=rows["fase"].isin(OPEN_FASEN))
    grouped = rows.groupby("kern").agg(
        n_totaal=("id", "size"),
        n_open=("open", "sum"),
        soorten=("soort", lambda s: ", ".join(sorted(set(s.dropna())))),
    )
    out = out.merge(grouped, left_on="kern_slug", right_index=True, how="left")
    out[["n_totaal", "n_open"]] = out[["n_totaal", "n_open"]].fillna(0).astype(int)
    out["soorten"] = out["soorten"].fillna("")
    return out


def slugify(text: str) -> str:
    """'Buren en Asch' -> 'buren-en-asch' (for /gebied/<slug>)."""
    import re
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def gebieden_per_kern(data: GemeenteData) -> pd.DataFrame:
    """Per kern: its gebied, the gebied's slug, and who covers it (name, functie)."""
    gebieden = data.record("gebieden")
    out = data.kernen[["kern_slug"]].copy()
    if gebieden.empty:
        return out.assign(gebied=None, gebied_slug=None, naam=None, functie=None)
    rows = explode_kernen(gebieden)
    rows = rows.assign(gebied_slug=rows["gebied"].map(slugify))
    rows = rows.drop_duplicates("kern")[
        ["kern", "gebied", "gebied_slug", "naam", "functie"]
    ]
    return out.merge(rows, left_on="kern_slug", right_on="kern", how="left").drop(
        columns="kern"
    )


def opgave_points(data: GemeenteData) -> pd.DataFrame:
    """Opgaven with a location as points (lon, lat, label), EPSG:4326."""
    loc = data.locations
    if loc is None or loc.empty:
        return pd.DataFrame(columns=["lon", "lat", "label"])
    label = loc["titel"].astype(str) + " (" + loc["soort"].astype(str)
    label = label + ", " + loc["fase"].astype(str) + ")"
    return pd.DataFrame({"lon": loc["lon"], "lat": loc["lat"], "label": label})


# --- Kernprofiel, Gebied, Monitor -----------------------------------------


def kern_records(data: GemeenteData, name: str, slug: str) -> pd.DataFrame:
    """The records of one kern (records for several kernen included)."""
    rows = explode_kernen(data.record(name))
    if rows.empty:
        return rows
    return rows[rows["kern"] == slug].drop(columns="kern").reset_index(drop=True)
