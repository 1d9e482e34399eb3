"""The bundled CBS snapshot source returns normalised frames."""

from __future__ import annotations

import pytest

from pipelines.catalogue import Catalogue
from pipelines.errors import SourceError
from pipelines.settings import Settings
from pipelines.sources import get_source
from pipelines.sources.base import BUURT_COLUMNS, clean_missing, key_stem, map_cbs_keys


def test_snapshot_west_betuwe(settings: Settings, catalogue: Catalogue) -> None:
    data = get_source("snapshot", settings).load("GM1960", 2024, catalogue)
    assert list(data.buurten.columns) == BUURT_COLUMNS
    assert (
        len(data.buurten) == 66 and len(data.wijken) == 12 and len(data.gemeente) == 1
    )
    assert data.buurten.crs.to_epsg() == 4326
    now = data.kwb[data.kwb["year"] == 2024]
    gm = now.set_index("code").loc["GM1960"]
    assert gm["level"] == "gemeente"
    assert gm["aantal_inwoners"] == 52948 and gm["woningvoorraad"] == 21607
    # real buurt figures: 66 buurten of 2024 with inwoners and age groups
    buurt = now[now["level"] == "buurt"]
    assert len(buurt) == 66 and buurt["aantal_inwoners"].notna().all()
    assert buurt["inwoners_65_plus"].sum() == pytest.approx(10810, abs=60)
    # without history codes, 2017 has no West Betuwe rows (GM1960 did not exist)
    assert 2017 in data.unavailable and data.years == [2022, 2024]
    assert all(
        p["licence"] == "CC BY 4.0" and len(p["sha256"]) == 64 for p in data.provenance
    )


def test_snapshot_refuses_other_years_and_gemeenten(
    settings: Settings, catalogue: Catalogue
) -> None:
    source = get_source("snapshot", settings)
    with pytest.raises(SourceError, match="no wijk- en buurtkaart of 2023"):
        source.load("GM1960", 2023, catalogue)
    with pytest.raises(SourceError, match="GM0281 is not in the bundled snapshot"):
        source.load("GM0281", 2024, catalogue)


def test_cbs_keys_are_mapped_by_stem_not_position(catalogue: Catalogue) -> None:
    assert key_stem("AantalInwoners_5") == "AantalInwoners"
    mapping = map_cbs_keys(
        ["Codering_3", "AantalInwoners_6", "Woningvoorraad_40"], catalogue, "t"
    )
    assert mapping == {
        "AantalInwoners_6": "aantal_inwoners",
        "Woningvoorraad_40": "woningvoorraad",
    }
    with pytest.raises(SourceError, match="matches several columns"):
        map_cbs_keys(["AantalInwoners_5", "AantalInwoners_9"], catalogue, "t")


def test_missing_value_codes_become_nan() -> None:
    import pandas as pd

    cleaned = clean_missing(pd.Series([12, -99995, -99997, "7", None]))
    assert cleaned.tolist()[0] == 12 and cleaned.tolist()[3] == 7
    assert cleaned.isna().tolist() == [False, True, True, False, True]


def test_snapshot_years_and_predecessors(
    settings: Settings, catalogue: Catalogue
) -> None:
    predecessors = {2017: ["GM0236", "GM0733", "GM0304"]}
    data = get_source("snapshot", settings).load(
        "GM1960", 2024, catalogue, history_codes=predecessors
    )
    assert data.years == [2017, 2022, 2024]
    old = data.kwb[data.kwb["year"] == 2017]
    gemeenten = old[old["level"] == "gemeente"].set_index("code")["aantal_inwoners"]
    assert gemeenten.to_dict() == {"GM0236": 26587, "GM0733": 11158, "GM0304": 12344}
    assert (
        old.loc[old["level"] == "buurt", "code"]
        .str[:6]
        .isin(["BU0236", "BU0733", "BU0304"])
        .all()
    )
    # 2017 buurt codes are not today's: the 2017 buurtkaart comes along
    assert set(data.history) == {2017} and len(data.history[2017]) == 66
    keys = {(k["year"], k["indicator"]): k["key"] for k in data.source_keys}
    assert keys[(2017, "aantal_inwoners")] == "AantalInwoners_5"
    assert keys[(2017, "bevolkingsdichtheid")] == "Bevolkingsdichtheid_33"
    assert keys[(2024, "bevolkingsdichtheid")] == "Bevolkingsdichtheid_34"
    assert keys[(2022, "bedrijfsvestigingen")] == "BedrijfsvestigingenTotaal"


def test_snapshot_resolves_a_reused_key_by_its_group(
    settings: Settings, catalogue: Catalogue
) -> None:
    # Buren's full 2024 table has Nederland_17 (Herkomstland) and Nederland_20
    # (Geboren in Nederland); the catalogue asks for the Herkomstland group
    data = get_source("snapshot", settings).load(
        "GM0214", 2024, catalogue, years=[2024]
    )
    keys = {(k["year"], k["indicator"]): k["key"] for k in data.source_keys}
    assert keys[(2024, "herkomst_nederland")] == "Nederland_17"
    gm = data.kwb.set_index("code").loc["GM0214"]
    assert gm["herkomst_nederland"] == 24495 and gm["herkomst_europa"] == 1705
