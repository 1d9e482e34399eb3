"""Kernprofiel, Monitor and Gebied selections, incl. 'aandacht'."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from pipelines.catalogue import Catalogue
from pipelines.dashboard_data.indicators import kern_wijken
from pipelines.dashboard_data.overlays import (
    STATUSES,
    gebieden_per_kern,
    slugify,
)
from pipelines.dashboard_data.store_view import (
    GemeenteData,
    per_store,
)
from pipelines.dashboard_data.trends import (
    AGE_GROUPS,
    gemeente_code,
    moved_buurten,
)

# The Kernprofiel's cards, by thema: a selection that fits a screen. Every
# indicator is in the full table (key_figure_table with keys=None).
PROFILE_KEYS = (
    "aantal_inwoners",
    "bevolkingsdichtheid",
    "aandeel_0_15",
    "aandeel_65_plus",
    "aandeel_herkomst_nederland",
    "aandeel_herkomst_europa",
    "aandeel_herkomst_buiten_europa",
    "aantal_huishoudens",
    "gemiddelde_huishoudensgrootte",
    "woningvoorraad",
    "gemiddelde_woz",
    "percentage_koopwoningen",
    "bedrijfsvestigingen",
    "personenautos_per_huishouden",
    "gemiddeld_inkomen_per_inwoner",
)
ESTIMATED = ("grens_verschoven", "oppervlakte")
KEY_FIGURE_COLUMNS = (
    "key",
    "titel",
    "eenheid",
    "decimalen",
    "thema",
    "level",
    "code",
    "area",
    "year",
    "value",
    "methode",
    "aandeel_geschat",
    "n_parts",
    "n_missing",
    "note",
    "gemeente_value",
    "latest",
)


def optional_float(value: object) -> float | None:
    """``value`` as a plain float for screens and documents.

    Parameters
    ----------
    value : object
        A figure from a frame (NumPy or pandas scalar, NA, None, ...).

    Returns
    -------
    float or None
        None when ``value`` is missing or not a number.
    """
    try:
        out = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if pd.isna(out) else out


@dataclass(frozen=True)
class YearValue:
    """One year's figure of one area, with how it was made.

    ``value`` None: the store has the year but no figure (CBS suppressed or
    did not publish it); such a year is counted as missing, never filled in.
    ``note`` says in Dutch what is not exact about it ('' when all is exact).
    """

    year: int
    value: float | None
    methode: str = "exact"
    aandeel_geschat: float = 0.0
    n_parts: int = 0
    n_missing: int = 0
    note: str = ""

    @property
    def estimated(self) -> bool:
        """True when part of the figure is an estimate (moved border, area)."""
        return self.methode in ESTIMATED


@dataclass(frozen=True)
class KeyFigure:
    """One indicator of a kern (or, without buurt figures, of a wijk) over the years.

    ``years`` holds every year the store has for this area, ascending (also
    years without a figure); ``gemeente`` is the gemeente's figure of the
    latest year with a figure here (None when the store has none that year).
    """

    key: str
    titel: str
    eenheid: str
    decimalen: int
    thema: str
    level: str  # "kern" or "wijk"
    code: str
    area: str
    years: tuple[YearValue, ...]
    gemeente: YearValue | None
    gemeente_naam: str

    @property
    def present(self) -> tuple[YearValue, ...]:
        """The years with a figure."""
        return tuple(y for y in self.years if y.value is not None)

    @property
    def latest(self) -> YearValue | None:
        return self.present[-1] if self.present else None

    @property
    def value(self) -> float | None:
        return self.latest.value if self.latest else None

    @property
    def year(self) -> int | None:
        return self.latest.year if self.latest else None

    @property
    def share(self) -> bool:
        """A percentage: its change is in procentpunten, not in percent."""
        return self.eenheid.startswith("%")

    @property
    def change(self) -> float | None:
        """First to latest year with a figure: procentpunten for a share, else %.

        None with fewer than two years, or from 0 (no relative change).
        """
        if len(self.present) < 2:
            return None
        first, last = self.present[0].value, self.present[-1].value
        assert first is not None and last is not None
        if self.share:
            return last - first
        return None if first == 0 else (last - first) / first * 100


def _year_value(row: dict, note: str) -> YearValue:
    return YearValue(
        year=int(row["year"]),
        value=optional_float(row["value"]),
        methode=str(row.get("methode") or "exact"),
        aandeel_geschat=optional_float(row.get("aandeel_geschat")) or 0.0,
        n_parts=int(optional_float(row.get("n_parts")) or 0),
        n_missing=int(optional_float(row.get("n_missing")) or 0),
        note=note,
    )


def _pct(share: float) -> str:
    return f"{round(share * 100)} %"


def year_note(row: dict, moved: pd.DataFrame | None = None) -> str:
    """What is not exact about one figure, in Dutch ('' when all is exact).

    Parameters
    ----------
    row : dict
        A ``history`` row (value, methode, aandeel_geschat, n_parts, n_missing).
    moved : DataFrame, optional
        :func:`trends.moved_buurten` of the area and year, to name the buurten
        whose border moved and their overlap.

    Returns
    -------
    str
        For example 'grens verschoven (Haaften, overlap 45 %)',
        'schatting naar oppervlakte (35 % van dit cijfer)' or
        'geen cijfer (door het CBS geheimgehouden of niet gepubliceerd)'.
    """
    parts, missing = int(row.get("n_parts") or 0), int(row.get("n_missing") or 0)
    if optional_float(row["value"]) is None:
        return "geen cijfer (door het CBS geheimgehouden of niet gepubliceerd)"
    notes = []
    methode = row.get("methode") or "exact"
    if methode == "grens_verschoven":
        named = [] if moved is None else moved[moved["methode"] == methode]
        buurten = (
            "; ".join(
                f"{r.name}, overlap {_pct(float(r.iou))}" for r in named.itertuples()
            )
            if len(named)
            else ""
        )
        notes.append(f"grens verschoven ({buurten})" if buurten else "grens verschoven")
    elif methode == "oppervlakte":
        share = optional_float(row.get("aandeel_geschat")) or 0.0
        notes.append(f"schatting naar oppervlakte ({_pct(share)} van dit cijfer)")
    elif methode == "samengevoegd":
        notes.append(f"opgeteld uit de {parts} voorgaande gemeenten")
    if missing and methode != "samengevoegd":
        notes.append(f"zonder {missing} van de {parts} buurten (CBS-cijfer geheim)")
    return "; ".join(notes)


def _buckets(rows: pd.DataFrame) -> dict[tuple[str, str], list[dict]]:
    """History rows by (indicator, code), each list ascending by year."""
    out: dict[tuple[str, str], list[dict]] = {}
    for row in rows.sort_values("year").to_dict("records"):
        out.setdefault((str(row["indicator"]), str(row["code"])), []).append(row)
    return out


def _area_rows(
    data: GemeenteData, slug: str, wijken: list[str]
) -> dict[tuple[str, str], list[dict]]:
    """The history of this kern, its wijken and the gemeente, by indicator and code."""
    table = data.history
    if table.empty:
        return {}
    wanted = (
        ((table["level"] == "kern") & (table["code"] == slug))
        | ((table["level"] == "wijk") & table["code"].isin(wijken))
        | ((table["level"] == "gemeente") & (table["code"] == gemeente_code(data)))
    )
    return _buckets(table[wanted])


def key_figures(
    data: GemeenteData,
    slug: str,
    catalogue: Catalogue,
    *,
    keys: Sequence[str] | None = PROFILE_KEYS,
    all_wijken: bool = False,
) -> list[KeyFigure]:
    """A kern's own CBS figures over the years, against the gemeente.

    The one computation behind the Kernprofiel screen and the exported
    kernprofiel (``exports.selection``) and its Excel file.

    Parameters
    ----------
    data : GemeenteData
        The loaded store (its ``history``: every year).
    slug : str
        The kern.
    catalogue : Catalogue
        Titles, units, decimals and thema of the indicators.
    keys : sequence of str or None
        Indicators in this order (keys not in the catalogue are left out); by
        default the screen's :data:`PROFILE_KEYS`; None: every catalogue
        indicator.
    all_wijken : bool
        For an indicator the store has only per wijk: a figure for every wijk
        the kern lies in (the documents) instead of its first wijk (a card).

    Returns
    -------
    list of KeyFigure
        An indicator with kern figures (summed from buurten) is a kern figure;
        one without, but with figures of the kern's wijk, a wijk figure (never
        divided over kernen); one without either is left out.
    """
    wijken = kern_wijken(data).get(slug, [])
    rows = _area_rows(data, slug, wijken)
    gm = gemeente_code(data)
    moved: dict[int, pd.DataFrame] = {}
    out = []
    for key in [k for k in (keys or catalogue.keys) if k in catalogue.keys]:
        ind = catalogue.get(key)
        kern = rows.get((key, slug), [])
        if any(optional_float(r["value"]) is not None for r in kern) or (
            kern and not any(rows.get((key, w)) for w in wijken)
        ):
            areas = [("kern", slug, data.kern_name(slug), kern)]
        else:
            chosen = wijken if all_wijken else wijken[:1]
            areas = [
                ("wijk", w, str(rows[(key, w)][0]["name"]), rows[(key, w)])
                for w in chosen
                if rows.get((key, w))
            ]
        for level, code, area, history in areas:
            years = []
            for row in history:
                year = int(row["year"])
                if level == "kern" and row.get("methode") == "grens_verschoven":
                    if year not in moved:
                        moved[year] = moved_buurten(data, slug, year)
                note = year_note(row, moved.get(year) if level == "kern" else None)
                years.append(_year_value(row, note))
            figure = KeyFigure(
                ind.key,
                ind.titel,
                ind.eenheid,
                ind.decimalen,
                ind.thema,
                level,
                code,
                area,
                tuple(years),
                None,
                data.naam,
            )
            gem = {int(r["year"]): r for r in rows.get((key, gm), [])}
            latest = gem.get(figure.year) if figure.year is not None else None
            if latest is not None:
                figure = replace(
                    figure, gemeente=_year_value(latest, year_note(latest))
                )
            out.append(figure)
    return out


def key_figure_table(
    data: GemeenteData,
    slug: str,
    catalogue: Catalogue,
    *,
    keys: Sequence[str] | None = None,
    all_wijken: bool = False,
) -> pd.DataFrame:
    """:func:`key_figures` as a long table: a row per indicator, area and year.

    By default every catalogue indicator the store has for this kern (the
    screen's "Alle CBS-cijfers" and the Excel file); see :func:`figures_table`.
    """
    figures = key_figures(data, slug, catalogue, keys=keys, all_wijken=all_wijken)
    return figures_table(data, figures)


def figures_table(data: GemeenteData, figures: Sequence[KeyFigure]) -> pd.DataFrame:
    """Key figures as a long table: a row per figure and year.

    Returns
    -------
    DataFrame
        Columns :data:`KEY_FIGURE_COLUMNS`. ``gemeente_value`` is the gemeente
        figure of the same year (None when the store has none); ``latest``
        marks the year a card shows. A year without a figure has ``value``
        None and a ``note`` saying so.
    """
    gm = gemeente_code(data)
    table = data.history
    gemeente = {}
    if not table.empty:
        gem = table[(table["level"] == "gemeente") & (table["code"] == gm)]
        gemeente = {
            (str(k), int(y)): optional_float(v)
            for k, y, v in zip(gem["indicator"], gem["year"], gem["value"], strict=True)
        }
    records = [
        {
            "key": f.key,
            "titel": f.titel,
            "eenheid": f.eenheid,
            "decimalen": f.decimalen,
            "thema": f.thema,
            "level": f.level,
            "code": f.code,
            "area": f.area,
            "year": y.year,
            "value": y.value,
            "methode": y.methode,
            "aandeel_geschat": y.aandeel_geschat,
            "n_parts": y.n_parts,
            "n_missing": y.n_missing,
            "note": y.note,
            "gemeente_value": gemeente.get((f.key, y.year)),
            "latest": y.year == f.year,
        }
        for f in figures
        for y in f.years
    ]
    frame = pd.DataFrame(records, columns=list(KEY_FIGURE_COLUMNS))
    return frame.astype(object).where(frame.notna(), None)


def profile_cards(
    figures: Sequence[KeyFigure], keys: Sequence[str] = PROFILE_KEYS
) -> list[KeyFigure]:
    """The figures of ``keys`` that have a value, in the order of ``keys``."""
    by_key: dict[str, list[KeyFigure]] = {}
    for f in figures:
        if f.value is not None:
            by_key.setdefault(f.key, []).append(f)
    return [f for key in keys for f in by_key.get(key, [])]


def age_groups(data: GemeenteData, slug: str) -> dict | None:
    """The five CBS age groups of a kern and of the gemeente, as plain values.

    The figures of :func:`trends.age_structure` (the latest year in which
    the kern has all five groups and the gemeente too), read in one pass.

    Returns
    -------
    dict or None
        ``year`` and ``groups``: a list of dicts (groep, kern, gemeente,
        kern_pct, gemeente_pct); None when the store has no such year.
    """
    table = data.history
    if table.empty:
        return None
    keys = [key for key, _ in AGE_GROUPS]
    rows = table[
        table["indicator"].isin(keys)
        & table["value"].notna()
        & (
            ((table["level"] == "kern") & (table["code"] == slug))
            | ((table["level"] == "gemeente") & (table["code"] == gemeente_code(data)))
        )
    ]
    values = {
        (str(lv), str(k), int(y)): float(v)
        for lv, k, y, v in zip(
            rows["level"], rows["indicator"], rows["year"], rows["value"], strict=True
        )
    }
    years = [
        y
        for y in sorted({int(y) for y in rows["year"]}, reverse=True)
        if all((lv, k, y) in values for lv in ("kern", "gemeente") for k in keys)
    ]
    if not years:
        return None
    year = years[0]
    kern = [values[("kern", k, year)] for k in keys]
    gem = [values[("gemeente", k, year)] for k in keys]
    groups = [
        {
            "groep": label,
            "kern": k,
            "gemeente": g,
            "kern_pct": k / sum(kern) * 100 if sum(kern) else None,
            "gemeente_pct": g / sum(gem) * 100 if sum(gem) else None,
        }
        for (_, label), k, g in zip(AGE_GROUPS, kern, gem, strict=True)
    ]
    return {"year": year, "groups": groups}


def source_line(figures: Sequence[KeyFigure]) -> str:
    """'Bron: CBS, Kerncijfers wijken en buurten 2017, 2024 (CC BY 4.0); ...'.

    The years are those of the figures shown; the processing says what was
    done to them (buurten summed to kernen; wijk figures; estimates).
    """
    years = ", ".join(str(y) for y in figure_years(figures)) or "(geen jaren)"
    steps = []
    if any(f.level == "kern" for f in figures):
        steps.append("optelling van buurten tot kernen")
    if any(f.level == "wijk" for f in figures):
        steps.append("cijfers per wijk waar het CBS geen buurtcijfers heeft")
    if any(y.estimated for f in figures for y in f.present):
        steps.append("schatting waar buurtgrenzen verschoven")
    processing = "; bewerking: " + ", ".join(steps) if steps else ""
    return f"Bron: CBS, Kerncijfers wijken en buurten {years} (CC BY 4.0){processing}"


def figure_years(figures: Sequence[KeyFigure]) -> list[int]:
    """The years of all figures with a value, ascending (for the source line)."""
    return sorted({y.year for f in figures for y in f.present})


def counts(frame: pd.DataFrame, column: str) -> dict[str, int]:
    """Value counts as a plain dict (empty for a missing column)."""
    if frame.empty or column not in frame.columns:
        return {}
    return {str(k): int(v) for k, v in frame[column].value_counts().items()}


INITIATIEVEN_FIGURES = ("n_aangevraagd", "n_toegekend", "euro_toegekend")


def initiatieven_per_jaar(
    data: GemeenteData, slug: str | None = None, *, per_regeling: bool = False
) -> pd.DataFrame:
    """Initiatieven applied for and granted, and euros granted, per jaar.

    The one computation behind the Kernprofiel and Monitor screens and the
    exported kernprofiel (``exports.selection.initiatieven_table``). Read
    from ``agg_initiatieven`` (a row per kern, jaar and regeling), so an
    openbaar store's suppression of small numbers carries through.

    Parameters
    ----------
    data : GemeenteData
        The loaded store.
    slug : str, optional
        One kern; by default the whole gemeente.
    per_regeling : bool
        A row per jaar and regeling (the PDF) instead of per jaar (the
        screens). This also decides what a suppressed (NA) cell becomes: in a
        jaar total (screens) it is left out of the sum, so a year whose cells
        are all suppressed shows 0, and the year is flagged in ``onderdrukt``;
        per regeling a row whose cells are all suppressed stays NA, so the PDF
        can print that the number is suppressed.

    Returns
    -------
    DataFrame
        ``jaar`` (and ``regeling``), :data:`INITIATIEVEN_FIGURES` and
        ``onderdrukt`` (the number of stored rows with a suppressed cell; of
        these columns, those the store's layer has), sorted by ``jaar`` (and
        ``regeling``). Per jaar, every year from the gemeente's first to its
        last is there, with 0 where this kern had no initiatieven.
    """
    keys = ["jaar", "regeling"] if per_regeling else ["jaar"]
    columns = [*INITIATIEVEN_FIGURES, "onderdrukt"]
    agg = data.record("agg_initiatieven")
    if agg.empty:
        return pd.DataFrame(columns=[*keys, *columns])
    columns = [c for c in columns if c in agg.columns]
    years = agg["jaar"].dropna()
    if slug is not None:
        agg = agg[agg["kern_slug"].astype(str) == slug]
    min_count = 1 if per_regeling else 0
    out = agg.groupby(keys)[columns].sum(min_count=min_count)
    if not per_regeling and not years.empty:
        # every year of the gemeente's records, also those without a row here:
        # a year with no initiatieven shows as 0, not as a gap in the chart
        span = range(int(years.min()), int(years.max()) + 1)
        out = out.reindex(pd.Index(span, name="jaar"), fill_value=0)
    return out.reset_index().sort_values(keys).reset_index(drop=True)


def actiepunten_per_jaar(data: GemeenteData) -> pd.DataFrame:
    """Actiepunten per jaar vastgesteld and status (one row per jaar, a column per "
    "status)."""
    acties = data.record("actiepunten")
    if acties.empty:
        return pd.DataFrame(columns=["jaar", *STATUSES])
    table = pd.crosstab(acties["jaar_vastgesteld"], acties["status"])
    table = table.reindex(columns=list(STATUSES), fill_value=0)
    return table.rename_axis("jaar").reset_index()


OPEN_STATUS = ("nieuw", "in voorbereiding", "in uitvoering")
STALE_MONTHS = 6
PREPARATION_YEARS = 1
REASON_STALE = f"{STALE_MONTHS} maanden niet bijgewerkt"
REASON_PREPARATION = "langer dan een jaar in voorbereiding"
REASON_NO_OWNER = "geen eigenaar"
REASON_PAST = "gepland voor een verstreken kwartaal"


def _quarter_end(year: object, quarter: object) -> pd.Timestamp | None:
    if pd.isna(year):
        return None
    q = 4 if pd.isna(quarter) else int(quarter)
    return pd.Timestamp(int(year), 3 * q, 1) + pd.offsets.MonthEnd(0)


def attention_reasons(actie: pd.Series, today: date | pd.Timestamp) -> list[str]:
    """Why an open actiepunt needs attention at the gebiedstafel (empty: none).

    The one definition used by the Gebied screen and the exported agenda: not
    updated for 6 months (or never); in voorbereiding for over a year (counted
    from 31 December of the year the kernagenda was adopted, the latest it can
    have started); without eigenaar; planned for a quarter (or year) that has
    passed. Gerealiseerde and vervallen punten never need attention.
    """
    if actie.get("status") not in OPEN_STATUS:
        return []
    now = pd.Timestamp(today)
    reasons = []
    updated = pd.to_datetime(actie.get("datum_laatste_update"), errors="coerce")
    if pd.isna(updated) or updated < now - pd.DateOffset(months=STALE_MONTHS):
        reasons.append(REASON_STALE)
    adopted = actie.get("jaar_vastgesteld")
    if actie.get("status") == "in voorbereiding" and not pd.isna(adopted):
        start = pd.Timestamp(int(adopted), 12, 31)
        if start < now - pd.DateOffset(years=PREPARATION_YEARS):
            reasons.append(REASON_PREPARATION)
    owner = actie.get("eigenaar")
    if owner is None or pd.isna(owner) or str(owner).strip() in ("", "None"):
        reasons.append(REASON_NO_OWNER)
    end = _quarter_end(actie.get("planning_jaar"), actie.get("planning_kwartaal"))
    if end is not None and end < now:
        reasons.append(REASON_PAST)
    return reasons


def aandacht(actiepunten: pd.DataFrame, today: pd.Timestamp) -> pd.DataFrame:
    """Open actiepunten that need attention, with their reasons in ``reden``."""
    if actiepunten.empty:
        return actiepunten.assign(reden=pd.Series(dtype=str))
    reasons = [
        "; ".join(attention_reasons(row, today)) for _, row in actiepunten.iterrows()
    ]
    flagged = actiepunten.assign(reden=reasons)
    return flagged[flagged["reden"] != ""].reset_index(drop=True)


def gebied_of_kern(data: GemeenteData, slug: str) -> pd.Series | None:
    """The gebied that covers kern ``slug`` (``gebied``, ``gebied_slug``, ``naam``,
    ``functie``), or None when no gebied does.

    The Kaart asks on every change (the chosen kern's summary links to its
    gebied), so the table is computed once per store.
    """
    table = _gebieden_by_kern(data)
    if slug not in table.index or pd.isna(table.at[slug, "gebied"]):
        return None
    return table.loc[slug]


@per_store()
def _gebieden_by_kern(data: GemeenteData) -> pd.DataFrame:
    """gebieden_per_kern by kern slug, computed once per store object."""
    return gebieden_per_kern(data).set_index("kern_slug")


def gebied_by_slug(data: GemeenteData, slug: str) -> pd.Series | None:
    """The gebieden row whose name slugifies to ``slug``."""
    gebieden = data.record("gebieden")
    if gebieden.empty:
        return None
    match = gebieden[gebieden["gebied"].map(slugify) == slug]
    return match.iloc[0] if len(match) else None


# --- Vergelijken: CBS figures of the chosen kernen and the gemeente ----------

COMPARE_KEYS = (
    "aantal_inwoners",
    "aandeel_65_plus",
    "aandeel_0_15",
    "aantal_huishoudens",
)


@dataclass(frozen=True)
class CompareColumn:
    """An indicator of the comparison: its latest kern year and first kern year.

    ``year`` None: no kern has a figure in any year ('geen cijfer' for all);
    ``since`` None: only one year, so no change is shown (none is made up).
    """

    key: str
    titel: str
    eenheid: str
    decimalen: int
    year: int | None
    since: int | None

    @property
    def share(self) -> bool:
        return self.eenheid.startswith("%")


@dataclass(frozen=True)
class CompareFigure:
    """One area's figure in the column's ``year`` and its change since ``since``.

    ``change`` is absolute (procentpunten for a share), ``procent`` relative
    (counts only); ``note`` and ``note_since`` say in Dutch what is not exact
    about the figure of each year ('' when exact).
    """

    value: float | None = None
    value_since: float | None = None
    change: float | None = None
    procent: float | None = None
    note: str = ""
    note_since: str = ""


@dataclass(frozen=True)
class CompareRow:
    level: str  # "kern" or "gemeente"
    code: str
    naam: str
    figures: dict[str, CompareFigure]


def _compare_note(
    data: GemeenteData, row: dict | None, level: str, names: tuple[str, ...]
) -> str:
    """:func:`year_note` of a figure, naming the buurten moved or the predecessors."""
    if row is None or optional_float(row.get("value")) is None:
        return ""
    methode = row.get("methode") or "exact"
    if methode == "samengevoegd" and names:
        return "som van " + (
            names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]
        )
    moved = None
    if level == "kern" and methode == "grens_verschoven":
        moved = moved_buurten(data, str(row["code"]), int(row["year"]))
    return year_note(row, moved)


def _compare_figure(
    data: GemeenteData,
    column: CompareColumn,
    level: str,
    rows: tuple[dict | None, dict | None],
    names: tuple[str, ...],
) -> CompareFigure:
    before, now = rows
    value = optional_float(now["value"]) if now else None
    first = optional_float(before["value"]) if before else None
    change = value - first if value is not None and first is not None else None
    procent = None
    if change is not None and not column.share and first:
        procent = change / first * 100
    return CompareFigure(
        value=value,
        value_since=first,
        change=change,
        procent=procent,
        note=_compare_note(data, now, level, names),
        note_since=_compare_note(data, before, level, names),
    )


def cbs_comparison(
    data: GemeenteData,
    slugs: Sequence[str],
    catalogue: Catalogue,
    keys: Sequence[str] = COMPARE_KEYS,
) -> tuple[list[CompareColumn], list[CompareRow]]:
    """CBS figures of the chosen kernen and of the gemeente, with their change.

    Parameters
    ----------
    data : GemeenteData
        The loaded store (its ``history``: every year).
    slugs : sequence of str
        The kernen, in the order to show them.
    catalogue : Catalogue
        Titles, units and decimals.
    keys : sequence of str
        The indicators (by default inwoners, aandeel 65+, aandeel 0-15 and
        huishoudens).

    Returns
    -------
    tuple
        The columns (each with the latest and the first year in which the
        store has kern figures of it) and the rows: the kernen, then the
        gemeente (level ``gemeente``, naam 'Gemeente Buren'), each figure of
        the column's years. A kern without a figure has value None, never 0.
    """
    from pipelines.dashboard_data import trends

    gm = gemeente_code(data)
    names = trends.predecessors(data)
    areas = [("kern", s, data.kern_name(s)) for s in slugs]
    areas.append(("gemeente", gm, f"Gemeente {data.naam}"))
    figures: dict[str, dict[str, CompareFigure]] = {code: {} for _, code, _ in areas}
    columns = []
    for key in [k for k in keys if k in catalogue.keys]:
        ind = catalogue.get(key)
        years = trends.years_with(data, key, "kern")
        column = CompareColumn(
            key,
            ind.titel,
            ind.eenheid,
            ind.decimalen,
            years[-1] if years else None,
            years[0] if len(years) > 1 else None,
        )
        columns.append(column)
        by_year: dict[tuple[str, int], dict[str, dict]] = {}
        for level in ("kern", "gemeente"):
            for year in (y for y in (column.since, column.year) if y is not None):
                frame = trends.values_in(data, key, year, level)
                by_year[(level, year)] = {
                    str(r["code"]): r for r in frame.to_dict("records")
                }
        for level, code, _ in areas:
            pair = tuple(
                by_year.get((level, y), {}).get(code) if y is not None else None
                for y in (column.since, column.year)
            )
            figures[code][key] = _compare_figure(data, column, level, pair, names)
    rows = [CompareRow(lv, code, naam, figures[code]) for lv, code, naam in areas]
    return columns, rows
