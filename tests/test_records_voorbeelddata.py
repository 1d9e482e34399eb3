"""The committed voorbeelddata: reproducible, valid, calibrated to DESIGN.md."""

from __future__ import annotations

from datetime import date

import geopandas as gpd
import pytest
import shapely

from pipelines.gemeente import discover_gemeenten
from pipelines.records import load_records
from pipelines.records.voorbeelddata import generate
from pipelines.records.voorbeelddata_overig import gebied_groups
from pipelines.settings import PROJECT_ROOT

DATA = PROJECT_ROOT / "data" / "voorbeelddata"
GEMEENTEN = discover_gemeenten(PROJECT_ROOT / "geodata" / "gemeenten")


@pytest.fixture(scope="module")
def loaded():
    return {
        slug: load_records(DATA, g, today=date(2026, 11, 22))
        for slug, g in GEMEENTEN.items()
    }


@pytest.mark.parametrize("slug", sorted(GEMEENTEN))
def test_committed_files_equal_regenerated(tmp_path, slug):
    folder = generate(GEMEENTEN[slug], tmp_path, PROJECT_ROOT / "geodata" / "cbs")
    for path in folder.iterdir():
        assert path.read_bytes() == (DATA / slug / path.name).read_bytes(), path.name


@pytest.mark.parametrize("slug", sorted(GEMEENTEN))
def test_valid_marked_and_nothing_lost(loaded, slug):
    result = loaded[slug]
    assert not result.errors, result.errors[:5]
    assert result.voorbeelddata
    for name, counts in result.row_counts.items():
        assert counts["input"] == counts["stored"] + counts["rejected"]
        assert counts["input"] == len(result.tables[name]) > 0
        assert result.tables[name]["voorbeelddata"].all()


def test_west_betuwe_calibration(loaded):
    t = loaded["west-betuwe"].tables
    init = t["initiatieven"]
    lb = init[
        (init["regeling"] == "leefbaarheidsbudget")
        & init["status"].isin(["toegekend", "uitgevoerd"])
    ]
    year = lb["datum_aanvraag"].str[:4].astype(int)
    assert (year <= 2023).sum() == 467
    assert (year == 2020).sum() == 93 and (year == 2022).sum() == 89
    assert init["datum_aanvraag"].max() <= "2026-11-22"
    per_year = lb[year <= 2025].groupby(year)["bedrag_toegekend"].sum()
    assert per_year.between(85_000, 115_000).all()
    assert lb["bedrag_toegekend"].between(100, 6000).all()
    assert (init["regeling"] == "kernenbudget").sum() == 45
    assert (t["platforms"]["subsidie_per_jaar"] > 0).sum() == 17
    gebieden = t["gebieden"]
    assert len(gebieden) == 7 and set(gebieden["functie"]) == {"gebiedsmakelaar"}
    assert t["actiepunten"]["jaar_vastgesteld"].between(2021, 2023).all()
    assert set(t["actiepunten"]["status"]) >= {"nieuw", "gerealiseerd", "vervallen"}
    dijk = t["opgaven"][t["opgaven"]["soort"] == "dijkversterking"]
    assert {"varik", "vuren", "waardenburg"} <= set(
        ";".join(dijk["kern_slugs"]).split(";")
    )


def test_buren_burgerpeiling_and_kernambtenaren(loaded):
    t = loaded["buren"].tables
    peiling = t["burgerpeiling"].set_index("stelling")
    row = peiling.loc["Gemeente luistert naar mening burgers"]
    assert (row["score_2019"], row["benchmark"], row["doel_2023"]) == (16, 29, 30)
    assert len(peiling) == 7 and (peiling["eenheid"] == "cijfer").sum() == 1
    assert set(t["gebieden"]["functie"]) == {"kernambtenaar"}


def test_every_kern_in_exactly_one_gebied_of_neighbours():
    buurten = gpd.read_file(
        PROJECT_ROOT / "geodata" / "cbs" / "2024" / "buurten_2024.geojson"
    ).set_index("statcode")
    for gemeente in GEMEENTEN.values():
        groups = gebied_groups(gemeente)
        slugs = [k.slug for _, kernen in groups for k in kernen]
        assert sorted(slugs) == sorted(k.slug for k in gemeente.kernen)
        for _, kernen in groups:
            shapes = [
                [
                    shapely.make_valid(g).buffer(0.001)
                    for g in buurten.loc[list(k.buurten)].geometry
                    if g is not None
                ]
                for k in kernen
            ]
            reached, todo = {0}, [0]
            while todo:
                i = todo.pop()
                for j, other in enumerate(shapes):
                    near = any(a.intersects(b) for a in shapes[i] for b in other)
                    if j not in reached and near:
                        reached.add(j)
                        todo.append(j)
            assert len(reached) == len(kernen), [k.naam for k in kernen]


def test_people_are_fictitious(loaded):
    for result in loaded.values():
        init = result.tables["initiatieven"]
        assert init["aanvrager"].str.startswith("Voorbeeld Persoon").all()
        assert init["email"].str.endswith("@example.org").all()
