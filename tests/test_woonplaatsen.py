"""The kern names against the BAG woonplaatsen CBS publishes per gemeente."""

from __future__ import annotations

from pipelines.gemeente import load_gemeente
from pipelines.settings import PROJECT_ROOT
from pipelines.woonplaatsen import compare, normalise_name, read_woonplaatsen

TABLE = PROJECT_ROOT / "geodata/cbs/woonplaatsen/woonplaatsen_2024_85877NED.csv"


def test_names_are_compared_without_case_hyphens_or_province() -> None:
    assert normalise_name("Rijswijk (GLD)") == normalise_name("rijswijk")
    assert normalise_name("Kerk Avezaath") == normalise_name("Kerk-Avezaath")


def test_kernen_of_both_gemeenten_against_their_woonplaatsen() -> None:
    buren = load_gemeente(PROJECT_ROOT / "geodata/gemeenten/buren.toml")
    found = compare(buren, read_woonplaatsen(TABLE, "GM0214"))
    # Lingemeer is a recreation area, not a BAG woonplaats; Buurmalsen is a
    # woonplaats in both gemeenten, in Buren without a kern of its own
    assert found.kernen_zonder_woonplaats == ("Lingemeer",)
    assert found.woonplaatsen_zonder_kern == ("Buurmalsen",)
    west_betuwe = load_gemeente(PROJECT_ROOT / "geodata/gemeenten/west-betuwe.toml")
    found = compare(west_betuwe, read_woonplaatsen(TABLE, "GM1960"))
    assert found.kernen_zonder_woonplaats == ()
    assert found.woonplaatsen_zonder_kern == ("Zennewijnen",)
