"""Audiences in the built GeoPackage: an openbaar store holds no personal data.

The GeoPackage is opened with sqlite3 (as any other tool would) rather than
through our own reader, so a column hidden by our code would still be found.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from pipelines.build import build_gemeente
from pipelines.gemeente import resolve_gemeenten
from pipelines.records import OPTIONAL_TYPES, RECORD_TYPES, personal_columns
from pipelines.settings import PROJECT_ROOT, Settings
from pipelines.store import read_layer, read_metadata

RECORDS = PROJECT_ROOT / "data" / "voorbeelddata"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def columns_by_table(path: Path) -> dict[str, list[str]]:
    with sqlite3.connect(path) as con:
        tables = [r[0] for r in con.execute("select table_name from gpkg_contents")]
        return {
            t: [r[1] for r in con.execute(f'pragma table_info("{t}")')] for t in tables
        }


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from pipelines.settings import load_settings

    settings: Settings = load_settings(build_dir=tmp_path_factory.mktemp("build"))
    config = resolve_gemeenten(settings.gemeenten_dir, "west-betuwe")[0]
    return {
        audience: build_gemeente(
            settings, config, "snapshot", records_dir=RECORDS, audience=audience
        ).path
        for audience in ("intern", "openbaar")
    }


def test_openbaar_store_has_no_personal_columns(stores: dict[str, Path]) -> None:
    personal = {
        c for t in (*RECORD_TYPES, *OPTIONAL_TYPES) for c in personal_columns(t)
    }
    assert {"contactpersoon", "email", "aanvrager", "telefoon"} <= personal
    intern = columns_by_table(stores["intern"])
    openbaar = columns_by_table(stores["openbaar"])
    # the intern store really has them (so the check below can fail)
    assert "aanvrager" in intern["initiatieven"] and "email" in intern["platforms"]
    for table, cols in openbaar.items():
        assert not personal & set(cols), (table, personal & set(cols))


def test_openbaar_store_has_no_email_addresses_anywhere(
    stores: dict[str, Path],
) -> None:
    def emails(path: Path) -> int:
        found = 0
        with sqlite3.connect(path) as con:
            for table, cols in columns_by_table(path).items():
                for col in cols:
                    rows = con.execute(
                        f'select "{col}" from "{table}" where typeof("{col}") = "text"'
                    )
                    found += sum(bool(EMAIL.search(v)) for (v,) in rows)
        return found

    assert emails(stores["intern"]) > 0
    assert emails(stores["openbaar"]) == 0


def test_row_accounting_and_voorbeelddata_flag(stores: dict[str, Path]) -> None:
    for audience, path in stores.items():
        meta = read_metadata(path)
        assert meta["voorbeelddata"] is True and meta["audience"] == audience
        for record_type, counts in meta["records"].items():
            assert counts["input"] == counts["stored"] + counts["rejected"]
            assert len(read_layer(path, record_type)) == counts["stored"]


def test_openbaar_aggregates_suppress_small_counts(stores: dict[str, Path]) -> None:
    agg = read_layer(stores["openbaar"], "agg_initiatieven")
    counts = agg.filter(regex=r"^n_").stack()
    assert len(counts) > 0
    assert not ((counts > 0) & (counts < 5)).any()
    intern = (
        read_layer(stores["intern"], "agg_initiatieven").filter(regex=r"^n_").stack()
    )
    assert ((intern > 0) & (intern < 5)).any()  # there was something to suppress
