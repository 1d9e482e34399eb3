"""What the printed documents show, selected from a loaded store (pure pandas).

These functions take a :class:`pipelines.dashboard_data.GemeenteData` and plain
values and return frames or small dataclasses; they do no I/O. Where the
dashboard (``pipelines/dashboard_data/``) computes the same figures (key
figures, initiatieven per jaar, the "aandacht" rules), the functions here only
shape its result for the documents (rows, columns, labels), so that a screen
and its printed version cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from exports.render import ExportError
from layouts import format as fmt
from pipelines.catalogue import Catalogue

# The aandacht rules (attention_reasons, OPEN_STATUS, REASON_*) live in
# pipelines.dashboard_data, shared with the Gebied screen; re-exported here.
from pipelines.dashboard_data import (  # noqa: F401
    OPEN_STATUS,
    REASON_NO_OWNER,
    REASON_PAST,
    REASON_PREPARATION,
    REASON_STALE,
    GemeenteData,
    attention_reasons,
    initiatieven_per_jaar,
    kern_wijken,
    slugify,
)
from pipelines.dashboard_data import KeyFigure as PipelineKeyFigure
from pipelines.dashboard_data import key_figures as pipeline_key_figures
from pipelines.dashboard_data.profiles import PROFILE_KEYS

# The PDF carries the screen's cards (PROFILE_KEYS): the same figures.
PROFILE_INDICATORS = PROFILE_KEYS
RECENT_MONTHS = 12


# --- key figures --------------------------------------------------------------


@dataclass(frozen=True)
class KeyFigure:
    """One indicator of a kern (or a wijk) over the years, against the gemeente."""

    key: str
    titel: str
    eenheid: str
    decimalen: int
    area: str
    values: tuple[float | None, ...]  # one per year in KeyFigures.years
    in_store: tuple[bool, ...]  # the store has that year (a None value: no figure)
    estimated: tuple[bool, ...]  # that year's figure is partly an estimate
    vergelijking: float | None  # the gemeente, in vergelijking_year
    vergelijking_year: int | None
    ontwikkeling: str  # "+21 %", "+1,6 procentpunt" or ""
    notes: tuple[str, ...] = ()  # "2017: grens verschoven (Haaften, overlap 45 %)"
    vergelijking_label: str = "gemeente"


@dataclass(frozen=True)
class KeyFigures:
    """Key figures of a kern; ``level`` says whether they are kern or wijk figures."""

    level: str  # "kern" or "wijk"
    areas: tuple[str, ...]  # names of the areas the figures belong to
    rows: tuple[KeyFigure, ...] = field(default_factory=tuple)
    years: tuple[int, ...] = ()  # the year columns

    @property
    def caption(self) -> str:
        """Honest Dutch caption: whose figures these are, of which years."""
        years = ", ".join(str(y) for y in self.years)
        if self.level == "kern":
            return f"Cijfers van de kern (opgeteld uit CBS-buurtcijfers), {years}"
        if not self.areas:
            return "Geen CBS-cijfers voor deze kern"
        names = " en ".join(self.areas)
        word = "wijk" if len(self.areas) == 1 else "wijken"
        return (
            f"Cijfers van {word} {names}, {years}: het CBS publiceert hiervan "
            "geen cijfers per buurt of kern"
        )


def key_figures(
    data: GemeenteData, kern_slug: str, catalogue: Catalogue
) -> tuple[KeyFigures, ...]:
    """The PDF's kerncijfers: a table per level, kern figures first.

    Computed by :func:`pipelines.dashboard_data.key_figures` (the same
    figures as the Kernprofiel screen's cards, :data:`PROFILE_INDICATORS`)
    with a column per year; a store can have buurt figures (summed to the
    kern) for some indicators and only wijk figures for others: those are
    two tables, each under its own honest caption.
    """
    figures = [
        f
        for f in pipeline_key_figures(
            data, kern_slug, catalogue, keys=PROFILE_INDICATORS, all_wijken=True
        )
        if f.value is not None or f.gemeente is not None
    ]
    out = []
    kern = [f for f in figures if f.level == "kern"]
    wijk = [f for f in figures if f.level == "wijk"]
    if kern:
        areas = (data.kern_name(kern_slug),)
        out.append(_key_figure_table("kern", areas, kern))
    if wijk or not figures:
        wijken = kern_wijken(data).get(kern_slug, [])
        areas = tuple(_wijk_name(data, w) for w in wijken)
        out.append(_key_figure_table("wijk", areas, wijk))
    return tuple(out)


def _key_figure_table(level: str, areas: tuple[str, ...], figures: list) -> KeyFigures:
    years = tuple(sorted({y.year for f in figures for y in f.years}))
    return KeyFigures(
        level, areas, tuple(_key_figure(f, years) for f in figures), years
    )


def _key_figure(f: PipelineKeyFigure, years: tuple[int, ...]) -> KeyFigure:
    """One PDF row: the figure's value per year column, notes and the gemeente."""
    by_year = {y.year: y for y in f.years}
    gemeente = f.gemeente
    return KeyFigure(
        key=f.key,
        titel=f.titel,
        eenheid=f.eenheid,
        decimalen=f.decimalen,
        area=f.area,
        values=tuple(by_year[y].value if y in by_year else None for y in years),
        in_store=tuple(y in by_year for y in years),
        estimated=tuple(y in by_year and by_year[y].estimated for y in years),
        vergelijking=gemeente.value if gemeente else None,
        vergelijking_year=gemeente.year if gemeente else None,
        ontwikkeling=fmt.signed_change(f.change, f.share),
        notes=tuple(f"{y.year}: {y.note}" for y in f.years if y.note)
        + (
            (f"gemeente {gemeente.year}: {gemeente.note}",)
            if gemeente and gemeente.note
            else ()
        ),
    )


def _wijk_name(data: GemeenteData, code: str) -> str:
    match = data.wijken.loc[data.wijken["wijkcode"] == code, "name"]
    return str(match.iloc[0]) if len(match) else code


# --- records of a kern ------------------------------------------------------------


def _of_kern(frame: pd.DataFrame, kern_slug: str) -> pd.DataFrame:
    """Rows that concern ``kern_slug`` (also records of several kernen)."""
    if frame.empty:
        return frame
    if "kern_slugs" in frame.columns:
        slugs = frame["kern_slugs"].fillna(frame.get("kern_slug")).astype(str)
        mask = slugs.str.split(";").apply(lambda s: kern_slug in s)
    else:
        mask = frame["kern_slug"].astype(str).eq(kern_slug)
    return frame[mask.to_numpy()]


def kernagenda(data: GemeenteData, kern_slug: str) -> pd.DataFrame:
    """The actiepunten of a kern, open ones first, then by planning."""
    acties = _of_kern(data.record("actiepunten"), kern_slug).copy()
    if acties.empty:
        return acties
    order = {s: i for i, s in enumerate((*OPEN_STATUS, "gerealiseerd", "vervallen"))}
    acties["_order"] = acties["status"].map(order).fillna(len(order))
    acties = acties.sort_values(["_order", "planning_jaar", "planning_kwartaal", "id"])
    return acties.drop(columns="_order").reset_index(drop=True)


def status_counts(acties: pd.DataFrame) -> dict[str, int]:
    """Number of actiepunten per status (all statuses present, in order)."""
    statuses = (*OPEN_STATUS, "gerealiseerd", "vervallen")
    counts = acties["status"].value_counts() if not acties.empty else {}
    return {s: int(counts.get(s, 0)) for s in statuses}


def initiatieven_table(data: GemeenteData, kern_slug: str) -> pd.DataFrame:
    """The PDF's initiatieven table of a kern: a row per jaar and regeling.

    The dashboard's :func:`pipelines.dashboard_data.initiatieven_per_jaar`
    per regeling, in the PDF's columns; suppressed numbers stay NA.
    """
    per_year = initiatieven_per_jaar(data, kern_slug, per_regeling=True)
    cols = ["jaar", "regeling", "n_aangevraagd", "n_toegekend", "euro_toegekend"]
    return per_year[cols]


def recent_initiatives(
    data: GemeenteData,
    kern_slugs: list[str],
    today: date | None = None,
    months: int = RECENT_MONTHS,
) -> pd.DataFrame:
    """Initiatives of these kernen applied for in the last ``months``, newest first."""
    init = data.record("initiatieven")
    if init.empty:
        return init
    today = today or date.today()
    since = pd.Timestamp(today) - pd.DateOffset(months=months)
    when = pd.to_datetime(init["datum_aanvraag"], errors="coerce")
    mask = init["kern_slug"].astype(str).isin(kern_slugs) & (when >= since)
    out = init[mask.to_numpy()].assign(_when=when[mask.to_numpy()])
    return out.sort_values("_when", ascending=False).drop(columns="_when")


def opgaven(data: GemeenteData, kern_slug: str) -> pd.DataFrame:
    """Opgaven that concern this kern."""
    return _of_kern(data.record("opgaven"), kern_slug).reset_index(drop=True)


def platforms(data: GemeenteData, kern_slug: str) -> pd.DataFrame:
    """Village platforms of this kern."""
    return _of_kern(data.record("platforms"), kern_slug).reset_index(drop=True)


# --- aandacht voor de gebiedstafel ------------------------------------------------


def open_actiepunten(
    data: GemeenteData, kern_slug: str, today: date | None = None
) -> pd.DataFrame:
    """Open actiepunten of a kern with an ``aandacht`` column (reasons, '; ')."""
    acties = kernagenda(data, kern_slug)
    if acties.empty:
        return acties.assign(aandacht=pd.Series(dtype=str))
    acties = acties[acties["status"].isin(OPEN_STATUS)].copy()
    today = today or date.today()
    acties["aandacht"] = [
        "; ".join(attention_reasons(row, today)) for _, row in acties.iterrows()
    ]
    return acties.reset_index(drop=True)


# --- gebieden -------------------------------------------------------------------


@dataclass(frozen=True)
class Gebied:
    """A gebied with its makelaar and kernen (slugs, in gebied order)."""

    naam: str
    slug: str
    functie: str
    makelaar: str
    kernen: tuple[str, ...]


def gebieden(data: GemeenteData) -> list[Gebied]:
    """All gebieden of the store, in file order."""
    table = data.record("gebieden")
    out = []
    for row in table.itertuples():
        slugs = tuple(s for s in str(row.kern_slugs or "").split(";") if s)
        out.append(
            Gebied(
                naam=str(row.gebied),
                slug=slugify(str(row.gebied)),
                functie=str(getattr(row, "functie", "") or ""),
                makelaar=str(getattr(row, "naam", "") or ""),
                kernen=slugs,
            )
        )
    return out


def find_gebied(data: GemeenteData, which: str) -> Gebied:
    """A gebied by slug, name or id; ExportError listing the choices otherwise."""
    table = data.record("gebieden")
    wanted = which.strip().lower()
    ids = dict(zip(table.get("id", []), table.get("gebied", []), strict=False))
    for gebied in gebieden(data):
        if wanted in (gebied.slug, gebied.naam.lower()) or (
            str(ids.get(which, "")).lower() == gebied.naam.lower()
        ):
            return gebied
    choices = ", ".join(g.slug for g in gebieden(data)) or "(geen gebieden in de store)"
    raise ExportError(
        f"Gemeente {data.naam} has no gebied {which!r}.",
        hint=f"Choose one of: {choices}.",
    )


def find_kern(data: GemeenteData, which: str) -> str:
    """A kern slug by slug or name; ExportError listing the choices otherwise."""
    wanted = which.strip().lower()
    for slug, name in zip(data.kernen["kern_slug"], data.kernen["name"], strict=True):
        if wanted in (str(slug), str(name).lower()):
            return str(slug)
    raise ExportError(
        f"Gemeente {data.naam} has no kern {which!r}.",
        hint="Choose one of: " + ", ".join(data.kernen["kern_slug"]) + ".",
    )
