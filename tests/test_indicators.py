"""Aggregation rules: counts summed, rates weighted by their base, levels kept."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from pipelines.catalogue import Catalogue, load_catalogue
from pipelines.errors import ConfigError
from pipelines.indicators import aggregate_to_kernen, available_levels, kern_population

KERN_OF = {"BU1": "noord", "BU2": "noord", "BU3": "zuid", "BU4": "zuid"}
NAMES = {"noord": "Noord", "zuid": "Zuid"}


def kwb() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "code": ["BU1", "BU2", "BU3", "BU4", "WK1", "GM1"],
            "level": ["buurt"] * 4 + ["wijk", "gemeente"],
            "name": ["b1", "b2", "b3", "b4", "w", "g"],
            "aantal_inwoners": [100, 300, None, 50, 450, 455],
            "oppervlakte_land": [10, 30, 5, 5, 50, 50],
            "bevolkingsdichtheid": [1000, 1000, 400, 1000, 900, 910],
            "woningvoorraad": [40, 160, 20, None, 220, 222],
            "gemiddelde_woz": [300, 400, 500, 999, 380, 381],
        }
    )


def value(table: pd.DataFrame, level: str, code: str, indicator: str) -> pd.Series:
    row = table[
        (table.level == level) & (table.code == code) & (table.indicator == indicator)
    ]
    assert len(row) == 1
    return row.iloc[0]


def test_counts_are_summed_and_missing_is_counted(catalogue: Catalogue) -> None:
    out = aggregate_to_kernen(kwb(), KERN_OF, NAMES, catalogue, 2024)
    noord = value(out, "kern", "noord", "aantal_inwoners")
    assert noord["value"] == 400 and noord["n_parts"] == 2 and noord["n_missing"] == 0
    zuid = value(out, "kern", "zuid", "aantal_inwoners")
    # BU3 is suppressed by CBS: the sum covers BU4 only and says so
    assert zuid["value"] == 50 and zuid["n_missing"] == 1
    assert zuid["source_level"] == "buurt" and zuid["name"] == "Zuid"


def test_rates_are_weighted_by_their_base(catalogue: Catalogue) -> None:
    out = aggregate_to_kernen(kwb(), KERN_OF, NAMES, catalogue, 2024)
    # density weighted by land area: (1000*10 + 1000*30) / 40 = 1000; zuid: (400*5+1000*5)/10
    assert value(out, "kern", "noord", "bevolkingsdichtheid")["value"] == pytest.approx(
        1000
    )
    assert value(out, "kern", "zuid", "bevolkingsdichtheid")["value"] == pytest.approx(
        700
    )
    # WOZ weighted by dwellings: (300*40 + 400*160) / 200 = 380
    assert value(out, "kern", "noord", "gemiddelde_woz")["value"] == pytest.approx(380)
    # zuid: BU4 has no dwellings figure, so only BU3 counts (500), flagged as missing 1
    woz = value(out, "kern", "zuid", "gemiddelde_woz")
    assert woz["value"] == pytest.approx(500) and woz["n_missing"] == 1


def test_wijk_and_gemeente_figures_stay_at_their_level(catalogue: Catalogue) -> None:
    wijk_only = kwb()[kwb()["level"] != "buurt"]
    out = aggregate_to_kernen(wijk_only, KERN_OF, NAMES, catalogue, 2024)
    assert set(out["level"]) == {"wijk", "gemeente"}  # nothing divided over kernen
    assert value(out, "wijk", "WK1", "aantal_inwoners")["value"] == 450
    assert value(out, "gemeente", "GM1", "aantal_inwoners")["value"] == 455
    assert kern_population(out) is None
    assert available_levels(out)["aantal_inwoners"] == "wijk"


def test_all_missing_sum_is_nan_not_zero(catalogue: Catalogue) -> None:
    frame = kwb()
    frame.loc[frame.code.isin(["BU3", "BU4"]), "aantal_inwoners"] = None
    out = aggregate_to_kernen(frame, KERN_OF, NAMES, catalogue, 2024)
    assert math.isnan(value(out, "kern", "zuid", "aantal_inwoners")["value"])
    assert kern_population(out).to_dict() == pytest.approx(
        {"noord": 400, "zuid": math.nan}, nan_ok=True
    )


def test_new_indicator_needs_only_a_catalogue_entry(
    tmp_path, catalogue: Catalogue
) -> None:
    source = (catalogue_path := tmp_path / "ind.toml")
    base = (
        __import__("pipelines.settings").settings.PROJECT_ROOT
        / "geodata"
        / "indicators.toml"
    )
    extra = (
        '\n[[indicator]]\nkey = "auto_per_huishouden"\ntitel = "Auto\'s per huishouden"\n'
        'eenheid = "per huishouden"\naggregatie = "gewogen_gemiddelde"\nweging = "woningvoorraad"\n'
        'cbs = "PersonenautoSPerHuishouden"\npdok = "personenautos_per_huishouden"\nkwb = "g_pau_hh"\n'
    )
    source.write_text(base.read_text(encoding="utf-8") + extra, encoding="utf-8")
    cat = load_catalogue(catalogue_path)
    frame = kwb().assign(auto_per_huishouden=[1.0, 2.0, 1.5, 1.0, 1.4, 1.4])
    out = aggregate_to_kernen(frame, KERN_OF, NAMES, cat, 2024)
    # (1*40 + 2*160) / 200 = 1.8
    assert value(out, "kern", "noord", "auto_per_huishouden")["value"] == pytest.approx(
        1.8
    )


def test_catalogue_rejects_unknown_weight(tmp_path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        '[[indicator]]\nkey = "x"\ntitel = "X"\neenheid = "%"\naggregatie = "gewogen_gemiddelde"\n'
        'weging = "bestaat_niet"\ncbs = "X"\npdok = "x"\nkwb = "x"\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="weighted by 'bestaat_niet'"):
        load_catalogue(path)
