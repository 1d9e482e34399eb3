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
    gm = data.kwb.set_index("code").loc["GM1960"]
    assert gm["level"] == "gemeente"
    assert gm["aantal_inwoners"] == 52948 and gm["woningvoorraad"] == 21607
    assert set(data.kwb["level"]) == {"wijk", "gemeente"}  # no buurt figures here
    assert all(
        p["licence"] == "CC BY 4.0" and len(p["sha256"]) == 64 for p in data.provenance
    )


def test_snapshot_refuses_other_years_and_gemeenten(
    settings: Settings, catalogue: Catalogue
) -> None:
    source = get_source("snapshot", settings)
    with pytest.raises(SourceError, match="holds 2024 only"):
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
