"""Aggregates and audiences on small hand-made inputs, answers computed by hand."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from pipelines.gemeente import GemeenteConfig, load_gemeente
from pipelines.records import (
    RECORD_TYPES,
    aggregate_records,
    apply_audience,
    load_records,
    personal_columns,
)
from pipelines.settings import PROJECT_ROOT

TODAY = date(2026, 11, 22)
AP = "id;kern;titel;thema;eigenaar;status;jaar vastgesteld;datum laatste update\n"
IN = (
    "id;kern;regeling;titel;datum aanvraag;bedrag aangevraagd;bedrag toegekend;"
    "status;aanvrager;email\n"
)


@pytest.fixture(scope="module")
def buren() -> GemeenteConfig:
    return load_gemeente(PROJECT_ROOT / "geodata" / "gemeenten" / "buren.toml")


def actiepunten(statuses: list[str], kern: str = "Zoelen", jaar: int = 2022) -> str:
    return "".join(
        f"AP-{kern}-{i};{kern};t;groen;inwoners;{s};{jaar};01-10-2026\n"
        for i, s in enumerate(statuses)
    )


@pytest.fixture
def records(tmp_path, buren):
    # Zoelen 2022: 6 gerealiseerd, 2 in uitvoering, 2 vervallen -> 6 / (10 - 2) = 75%
    # Asch 2023: 1 gerealiseerd, 1 nieuw -> 50%; plus one Asch+Zoelen actiepunt 2023
    text = AP + actiepunten(
        ["gerealiseerd"] * 6 + ["in uitvoering"] * 2 + ["vervallen"] * 2
    )
    text += actiepunten(["gerealiseerd", "nieuw"], "Asch", 2023)
    text += 'AP-both;"Asch; Zoelen";t;wonen;samen;nieuw;2023;01-10-2026\n'
    (tmp_path / "actiepunten.csv").write_text(text)
    rows = [  # Asch 2024: 6 granted (1.000 each, one 500 of 800), 1 afgewezen
        f"IN-{i};Asch;leefbaarheidsbudget;t;0{i + 1}-03-2024;1.000;1.000;uitgevoerd;"
        f"Persoon {i};p{i}@example.org\n"
        for i in range(5)
    ]
    rows.append("IN-5;Asch;leefbaarheidsbudget;t;01-06-2024;800;500;toegekend;;\n")
    rows.append("IN-6;Asch;leefbaarheidsbudget;t;01-07-2024;300;;afgewezen;;\n")
    rows.append("IN-7;Asch;kernenbudget;t;01-07-2025;12.000,50;12.000,50;toegekend;;\n")
    (tmp_path / "initiatieven.csv").write_text(IN + "".join(rows))
    (tmp_path / "opgaven.csv").write_text(
        "id;kern;soort;titel;fase\n"
        "OP-1;Asch;wonen;a;planvorming\nOP-2;Asch;wonen;b;gereed\n"
        'OP-3;"Asch; Zoelen";dijkversterking;c;uitvoering\n'
    )
    result = load_records(tmp_path, buren, today=TODAY)
    assert not result.errors, result.errors
    return result


def row(frame: pd.DataFrame, **keys) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for k, v in keys.items():
        mask &= frame[k] == v
    assert mask.sum() == 1, (keys, frame)
    return frame[mask].iloc[0]


def test_actiepunten_per_kern_and_year(records, buren):
    agg = aggregate_records(records, buren, None, "intern")["agg_actiepunten"]
    zoelen = row(agg, kern_slug="zoelen", jaar=2022)
    assert (zoelen["n_totaal"], zoelen["n_gerealiseerd"], zoelen["n_vervallen"]) == (
        10,
        6,
        2,
    )
    assert zoelen["pct_gerealiseerd"] == pytest.approx(75.0)
    asch = row(agg, kern_slug="asch", jaar=2023)  # multi-kern row counts for both
    assert (asch["n_totaal"], asch["n_nieuw"], asch["n_eigenaar_samen"]) == (3, 2, 1)
    assert asch["pct_gerealiseerd"] == pytest.approx(100 / 3)
    assert row(agg, kern_slug="zoelen", jaar=2023)["n_thema_wonen"] == 1
    assert not agg["onderdrukt"].any()


def test_totaal_has_every_kern(records, buren):
    totaal = aggregate_records(records, buren, None, "intern")["agg_actiepunten_totaal"]
    assert set(totaal["kern_slug"]) == {k.slug for k in buren.kernen}
    assert row(totaal, kern_slug="maurik")["n_totaal"] == 0
    assert math.isnan(row(totaal, kern_slug="maurik")["pct_gerealiseerd"])
    assert row(totaal, kern_slug="zoelen")["n_totaal"] == 11


def test_initiatieven_euros_and_per_1000(records, buren):
    inwoners = pd.Series({"asch": 2000.0, "zoelen": 0.0})
    agg = aggregate_records(records, buren, inwoners, "intern")["agg_initiatieven"]
    lb = row(agg, kern_slug="asch", jaar=2024, regeling="leefbaarheidsbudget")
    assert (lb["n_aangevraagd"], lb["n_toegekend"], lb["n_afgewezen"]) == (7, 6, 1)
    assert lb["euro_toegekend"] == pytest.approx(5500.0)
    assert lb["euro_aangevraagd"] == pytest.approx(6100.0)
    assert lb["euro_per_1000_inwoners"] == pytest.approx(2750.0)
    kb = row(agg, kern_slug="asch", jaar=2025, regeling="kernenbudget")
    assert kb["euro_toegekend"] == pytest.approx(12000.5)


def test_opgaven_open_per_soort(records, buren):
    agg = aggregate_records(records, buren, None, "intern")["agg_opgaven"]
    assert row(agg, kern_slug="asch", soort="wonen")[
        ["n_totaal", "n_open"]
    ].tolist() == [2, 1]
    assert row(agg, kern_slug="zoelen", soort="dijkversterking")["n_open"] == 1


def test_openbaar_suppresses_counts_below_five_and_derived_figures(records, buren):
    inwoners = pd.Series({"asch": 2000.0})
    agg = aggregate_records(records, buren, inwoners, "openbaar")
    zoelen = row(agg["agg_actiepunten"], kern_slug="zoelen", jaar=2022)
    assert zoelen["n_totaal"] == 10 and zoelen["n_gerealiseerd"] == 6
    assert pd.isna(zoelen["n_vervallen"]) and pd.isna(zoelen["n_in_uitvoering"])
    assert zoelen["n_nieuw"] == 0  # a zero reveals nobody and stays visible
    assert zoelen["n_niet_vervallen"] == 8
    assert zoelen["pct_gerealiseerd"] == pytest.approx(75.0)
    assert zoelen["onderdrukt"]
    assert "n_vervallen" in zoelen["onderdrukt_kolommen"].split(";")
    asch = row(agg["agg_actiepunten"], kern_slug="asch", jaar=2023)
    assert pd.isna(asch["n_totaal"]) and pd.isna(asch["pct_gerealiseerd"])
    lb = row(
        agg["agg_initiatieven"],
        kern_slug="asch",
        jaar=2024,
        regeling="leefbaarheidsbudget",
    )
    assert lb["n_toegekend"] == 6 and lb["euro_toegekend"] == pytest.approx(5500.0)
    kb = row(
        agg["agg_initiatieven"], kern_slug="asch", jaar=2025, regeling="kernenbudget"
    )
    assert pd.isna(kb["n_toegekend"]) and pd.isna(kb["euro_toegekend"])
    assert pd.isna(kb["euro_per_1000_inwoners"])
    assert str(agg["agg_actiepunten"]["n_totaal"].dtype) == "Int64"


def test_openbaar_drops_every_personal_column(records):
    public = apply_audience(records, "openbaar")
    for record_type in RECORD_TYPES:
        columns = set(public.tables[record_type].columns)
        assert not columns & set(personal_columns(record_type)), record_type
        assert not columns & {
            "contactpersoon",
            "aanvrager",
            "email",
            "telefoon",
            "toelichting",
        }
    assert "aanvrager" in records.tables["initiatieven"]  # the input is unchanged
    assert apply_audience(records, "intern") is records
    text = public.tables["initiatieven"].to_csv()
    assert "example.org" not in text and "Persoon" not in text


def test_openbaar_blanks_person_organisers_and_hides_problem_values(tmp_path, buren):
    (tmp_path / "activiteiten.csv").write_text(
        "kern;datum;titel;organisator;organisator_soort;contactpersoon\n"
        "Asch;01-06-2027;Feest;Dorpsraad Asch;organisatie;A. Fictief\n"
        "Asch;01-07-2027;Markt;B. Fictief;persoon;B. Fictief\n"
    )
    (tmp_path / "platforms.csv").write_text(
        "kern;naam;vorm;e-mail\nAsch;Dorpsraad Asch;dorpsraad;geen-adres\n"
    )
    result = load_records(tmp_path, buren, today=TODAY)
    public = apply_audience(result, "openbaar")
    act = public.tables["activiteiten"]
    assert act["organisator"].tolist()[0] == "Dorpsraad Asch"
    assert pd.isna(act["organisator"].tolist()[1])
    assert "contactpersoon" not in act
    (mail,) = [p for p in public.problems if p.file == "platforms.csv"]
    assert mail.column == "e-mail" and "geen-adres" not in mail.value
    assert [p.value for p in result.errors] == ["geen-adres"]


def test_unknown_audience_is_refused(records, buren):
    from pipelines.errors import ConfigError

    with pytest.raises(ConfigError):
        apply_audience(records, "iedereen")
    with pytest.raises(ConfigError):
        aggregate_records(records, buren, None, "pers")
