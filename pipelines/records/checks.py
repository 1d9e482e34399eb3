"""The pandera schema of each record type, built from its declared fields, and
the record-level rules (several columns at once) with their Dutch messages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd
import pandera.pandas as pa
import shapely

from pipelines.records.model import FOUT, WAARSCHUWING
from pipelines.records.schema import (
    AMOUNT,
    DATE,
    EMAIL,
    ENUM,
    ID,
    INT,
    NUMBER,
    PHONE,
    URL,
    YEAR,
    Field,
    RecordSpec,
)

EMAIL_RE = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
URL_RE = r"^https?://\S+$"
HTTPS_RE = r"^https://[^\s/]+\.[^\s]+$"
PHONE_RE = r"^\+?[0-9 ()-]{6,20}$"
MIN_DATE = date(2000, 1, 1)
FUTURE_YEARS = 5
OPEN_ACTIEPUNT = ("nieuw", "in voorbereiding", "in uitvoering")
STALE_DAYS = 365


def max_date(f: Field, today: date) -> date:
    """Latest accepted date of a date field."""
    return today.replace(year=today.year + FUTURE_YEARS) if f.future else today


def unique_non_null(values: pd.Series) -> pd.Series:
    """True for cells whose value occurs once (empty cells pass)."""
    return ~(values.duplicated(keep=False) & values.notna())


def _field_checks(f: Field, today: date, allowed: tuple[str, ...]) -> list[pa.Check]:
    checks: list[pa.Check] = []
    if f.kind == ENUM:
        checks.append(pa.Check.isin(list(allowed), name="toegestaan"))
    if f.kind == AMOUNT:
        checks.append(pa.Check.ge(0, name="niet_negatief"))
    if f.kind in (INT, NUMBER) and (f.minimum is not None or f.maximum is not None):
        lo = -1e300 if f.minimum is None else f.minimum
        hi = 1e300 if f.maximum is None else f.maximum
        checks.append(pa.Check.in_range(lo, hi, name="bereik"))
    if f.kind == YEAR:
        checks.append(
            pa.Check.in_range(f.minimum or 2000, today.year + 1, name="bereik")
        )
    if f.kind == DATE:
        lo, hi = pd.Timestamp(MIN_DATE), pd.Timestamp(max_date(f, today))
        checks.append(pa.Check.in_range(lo, hi, name="datum_bereik"))
    patterns = {EMAIL: EMAIL_RE, URL: URL_RE, PHONE: PHONE_RE}
    if f.kind in patterns:
        checks.append(pa.Check.str_matches(patterns[f.kind], name=f.kind))
    if f.kind == ID and f.name in ("id",):
        checks.append(pa.Check(unique_non_null, name="uniek"))
    return checks


@dataclass(frozen=True)
class Rule:
    """A rule over the columns of a row; ``test`` is True where a row passes."""

    name: str
    column: str
    severity: str
    test: Callable[[pd.DataFrame, date], pd.Series]
    message: str
    hint: str


def build_schema(
    spec: RecordSpec, today: date, allowed: dict[str, tuple[str, ...]]
) -> pa.DataFrameSchema:
    """The pandera schema of ``spec``: one column per field plus its error rules.

    ``allowed`` overrides the allowed values of enum fields (configurable lists).
    """
    columns = {
        f.name: pa.Column(
            nullable=not f.required,
            checks=_field_checks(f, today, allowed.get(f.name, f.allowed)),
            required=False,
        )
        for f in spec.fields
    }
    checks = [
        pa.Check(lambda df, r=rule: r.test(df, today), name=rule.name)
        for rule in rules_for(spec)
        if rule.severity == FOUT
    ]
    if len(spec.unique_key) > 1:
        checks.append(pa.Check(_unique_key(spec.unique_key), name="uniek_combinatie"))
    return pa.DataFrameSchema(columns, checks=checks)


def _unique_key(key: tuple[str, ...]) -> Callable[[pd.DataFrame], pd.Series]:
    def test(df: pd.DataFrame) -> pd.Series:
        return ~df.duplicated(subset=list(key), keep=False) | df[list(key)].isna().any(
            axis=1
        )

    return test


def _toegekend_max(df: pd.DataFrame, today: date) -> pd.Series:
    over = df["bedrag_toegekend"] > df["bedrag_aangevraagd"]
    return ~over.fillna(False).astype(bool) | df["toegekend_boven_aanvraag"].fillna(
        False
    )


def _afgewezen_zonder_bedrag(df: pd.DataFrame, today: date) -> pd.Series:
    closed = df["status"].isin(["afgewezen", "ingetrokken"])
    paid = df["bedrag_toegekend"].fillna(0) > 0
    return ~(closed & paid)


def _pair(a: str, b: str) -> Callable[[pd.DataFrame, date], pd.Series]:
    def test(df: pd.DataFrame, today: date) -> pd.Series:
        return df[a].isna() == df[b].isna()

    return test


def _wkt_valid(df: pd.DataFrame, today: date) -> pd.Series:
    text = df["wkt"]
    geoms = shapely.from_wkt(
        text.fillna("").to_numpy(dtype=object), on_invalid="ignore"
    )
    bounds = shapely.bounds(geoms)
    inside = (
        (bounds[:, 0] >= 3.3)
        & (bounds[:, 2] <= 7.3)
        & (bounds[:, 1] >= 50.7)
        & (bounds[:, 3] <= 53.6)
    )
    ok = ~shapely.is_missing(geoms) & ~shapely.is_empty(geoms) & inside
    return pd.Series(ok, index=df.index) | text.isna()


def _score_range(df: pd.DataFrame, today: date) -> pd.Series:
    cols = ["score_2019", "benchmark", "doel_2023", "score_2023"]
    values = df[cols]
    pct = values.ge(0) & values.le(100)
    grade = values.ge(1) & values.le(10)
    ok = pct.where(df["eenheid"].eq("procent").to_numpy()[:, None], grade)
    return (ok | values.isna()).all(axis=1)


def _not_stale(df: pd.DataFrame, today: date) -> pd.Series:
    limit = pd.Timestamp(today) - pd.Timedelta(days=STALE_DAYS)
    stale = df["status"].isin(OPEN_ACTIEPUNT) & (df["datum_laatste_update"] < limit)
    return ~stale.fillna(False).astype(bool)


def _planning_not_past(df: pd.DataFrame, today: date) -> pd.Series:
    late = df["status"].isin(OPEN_ACTIEPUNT) & (df["planning_jaar"] < today.year)
    return ~late.fillna(False).astype(bool)


def _end_not_before_start(df: pd.DataFrame, today: date) -> pd.Series:
    return ~(df["einddatum"] < df["datum"]).fillna(False).astype(bool)


def _one_day(df: pd.DataFrame) -> pd.Series:
    return (df["einddatum"].isna() | (df["einddatum"] == df["datum"])).astype(bool)


def _end_time_after_start(df: pd.DataFrame, today: date) -> pd.Series:
    # HH:MM text compares as times; over several days any times are possible
    before = (df["eindtijd"] <= df["begintijd"]).fillna(False).astype(bool)
    return ~(before & _one_day(df))


def _end_time_needs_start(df: pd.DataFrame, today: date) -> pd.Series:
    return ~(df["eindtijd"].notna() & df["begintijd"].isna())


def _https_link(df: pd.DataFrame, today: date) -> pd.Series:
    return df["link"].isna() | df["link"].str.match(HTTPS_RE).fillna(False)


def _amount_when_granted(df: pd.DataFrame, today: date) -> pd.Series:
    granted = df["status"].isin(["toegekend", "uitgevoerd"])
    return ~(granted & df["bedrag_toegekend"].isna())


RULES: dict[str, tuple[Rule, ...]] = {
    "actiepunten": (
        Rule(
            "niet_bijgewerkt",
            "datum_laatste_update",
            WAARSCHUWING,
            _not_stale,
            "Dit actiepunt is al meer dan 12 maanden niet bijgewerkt.",
            "Vraag de eigenaar naar de stand van zaken en werk de datum bij.",
        ),
        Rule(
            "planning_verstreken",
            "planning",
            WAARSCHUWING,
            _planning_not_past,
            "De planning is verstreken, maar het actiepunt is nog niet gerealiseerd.",
            "Pas de planning of de status aan.",
        ),
    ),
    "initiatieven": (
        Rule(
            "toegekend_max",
            "bedrag_toegekend",
            FOUT,
            _toegekend_max,
            "Het toegekende bedrag is hoger dan het aangevraagde bedrag.",
            "Controleer de bedragen. Is bewust meer toegekend, zet dan 'ja' in de "
            "kolom toegekend_boven_aanvraag.",
        ),
        Rule(
            "afgewezen_met_bedrag",
            "bedrag_toegekend",
            FOUT,
            _afgewezen_zonder_bedrag,
            "Een afgewezen of ingetrokken aanvraag heeft een toegekend bedrag.",
            "Maak het toegekende bedrag leeg of 0, of pas de status aan.",
        ),
        Rule(
            "bedrag_ontbreekt",
            "bedrag_toegekend",
            WAARSCHUWING,
            _amount_when_granted,
            "De aanvraag is toegekend, maar het toegekende bedrag ontbreekt.",
            "Vul het toegekende bedrag in.",
        ),
    ),
    "opgaven": (
        Rule(
            "lat_lon",
            "lat",
            FOUT,
            _pair("lat", "lon"),
            "Van de locatie is alleen lat of alleen lon ingevuld.",
            "Vul beide in (lat = breedtegraad, ongeveer 51-53; lon = lengtegraad, "
            "ongeveer 3-7), of geen van beide.",
        ),
        Rule(
            "x_y",
            "x",
            FOUT,
            _pair("x", "y"),
            "Van de RD-locatie is alleen x of alleen y ingevuld.",
            "Vul beide RD-coördinaten in, of geen van beide.",
        ),
        Rule(
            "wkt_geldig",
            "wkt",
            FOUT,
            _wkt_valid,
            "De geometrie is geen geldige WKT in WGS84 binnen Nederland.",
            "Schrijf bijvoorbeeld POINT (5.2456 51.8654): eerst de lengtegraad, dan "
            "de breedtegraad, met een punt als decimaalteken.",
        ),
    ),
    "activiteiten": (
        Rule(
            "einddatum_voor_datum",
            "einddatum",
            FOUT,
            _end_not_before_start,
            "De einddatum ligt voor de datum waarop de activiteit begint.",
            "Vul als einddatum de laatste dag in (op of na de datum), of laat "
            "einddatum leeg bij een activiteit van een dag.",
        ),
        Rule(
            "eindtijd_zonder_begintijd",
            "eindtijd",
            FOUT,
            _end_time_needs_start,
            "Er is een eindtijd maar geen begintijd.",
            "Vul ook de begintijd in, of maak de eindtijd leeg (dan duurt de "
            "activiteit de hele dag).",
        ),
        Rule(
            "eindtijd_voor_begintijd",
            "eindtijd",
            FOUT,
            _end_time_after_start,
            "De eindtijd ligt niet na de begintijd.",
            "Controleer de tijden (uu:mm). Loopt de activiteit door na middernacht, "
            "vul dan ook de einddatum in.",
        ),
        Rule(
            "link_https",
            "link",
            FOUT,
            _https_link,
            "De link is geen beveiligd webadres (https://).",
            "Schrijf het volledige adres met https://, bijvoorbeeld "
            "https://www.dorpsraad.nl/agenda. Adressen met http:// worden niet "
            "getoond.",
        ),
    ),
    "burgerpeiling": (
        Rule(
            "eenheid_bereik",
            "score_2019",
            FOUT,
            _score_range,
            "Een score past niet bij de eenheid (procent: 0-100, cijfer: 1-10).",
            "Controleer de scores en de kolom eenheid.",
        ),
    ),
}


def rules_for(spec: RecordSpec) -> tuple[Rule, ...]:
    """The record-level rules of a record type."""
    return RULES.get(spec.name, ())
