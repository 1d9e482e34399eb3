"""Gemeente configuration: loading, and checks against CBS buurten."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.errors import ConfigError
from pipelines.gemeente import (
    check_against_buurten,
    load_gemeente,
    resolve_gemeenten,
)
from pipelines.settings import PROJECT_ROOT

GEMEENTEN = PROJECT_ROOT / "geodata" / "gemeenten"


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "test.toml"
    path.write_text(body, encoding="utf-8")
    return path


HEAD = '[gemeente]\ncode = "GM1960"\nnaam = "West Betuwe"\nslug = "west-betuwe"\n'


def test_bundled_gemeenten_have_their_kernen() -> None:
    wb = load_gemeente(GEMEENTEN / "west-betuwe.toml")
    buren = load_gemeente(GEMEENTEN / "buren.toml")
    assert (wb.code, len(wb.kernen)) == ("GM1960", 26)
    assert (buren.code, len(buren.kernen)) == ("GM0214", 16)
    assert buren.kern_by_slug("kapel-avezaath").buurten == ("BU02140209",)
    # every uncertain row of the proposal carries a recorded decision
    noted = {n.split(":")[0] for k in buren.kernen for n in k.toelichting}
    assert {"BU02140402", "BU02140503", "BU02140109", "BU02140209"} <= noted


def test_buurt_in_two_kernen_is_named(tmp_path: Path) -> None:
    body = HEAD + (
        '[[kern]]\nnaam = "Deil"\nslug = "deil"\nbuurten = ["BU19600100"]\n'
        '[[kern]]\nnaam = "Enspijk"\nslug = "enspijk"\nbuurten = ["BU19600100"]\n'
    )
    with pytest.raises(ConfigError, match=r"BU19600100 \(Deil and Enspijk\)"):
        load_gemeente(write(tmp_path, body))


def test_kern_without_buurten_is_an_error(tmp_path: Path) -> None:
    body = HEAD + '[[kern]]\nnaam = "Deil"\nslug = "deil"\nbuurten = []\n'
    with pytest.raises(ConfigError, match="kern 'Deil' has no buurten"):
        load_gemeente(write(tmp_path, body))


def test_malformed_code_and_foreign_buurt(tmp_path: Path) -> None:
    body = HEAD + '[[kern]]\nnaam = "Deil"\nslug = "deil"\nbuurten = ["BU1960010"]\n'
    with pytest.raises(ConfigError, match="invalid buurtcodes: BU1960010"):
        load_gemeente(write(tmp_path, body))
    body = HEAD + '[[kern]]\nnaam = "Deil"\nslug = "deil"\nbuurten = ["BU02140100"]\n'
    with pytest.raises(ConfigError, match="do not belong to gemeente GM1960"):
        load_gemeente(write(tmp_path, body))


def test_unknown_and_unassigned_buurten_are_named(tmp_path: Path) -> None:
    body = HEAD + (
        '[[kern]]\nnaam = "Deil"\nslug = "deil"\nbuurten = ["BU19600100", "BU19609999"]\n'
    )
    config = load_gemeente(write(tmp_path, body))
    with pytest.raises(ConfigError) as info:
        check_against_buurten(config, {"BU19600100", "BU19600109"})
    message = str(info.value)
    assert "unknown buurtcodes (not in the CBS data): BU19609999" in message
    assert "not assigned to any kern: BU19600109" in message
    assert "Hint:" in message


def test_resolve_by_slug_code_and_all() -> None:
    assert [c.slug for c in resolve_gemeenten(GEMEENTEN, "GM0214")] == ["buren"]
    assert {c.slug for c in resolve_gemeenten(GEMEENTEN, "all")} == {
        "buren",
        "west-betuwe",
    }
    with pytest.raises(ConfigError, match="Choose one of: buren, west-betuwe"):
        resolve_gemeenten(GEMEENTEN, "tiel")


def test_website_of_the_gemeente(tmp_path: Path) -> None:
    for name in ("west-betuwe", "buren"):
        assert load_gemeente(GEMEENTEN / f"{name}.toml").website.startswith("https://")
    kern = '[[kern]]\nnaam = "Deil"\nslug = "deil"\nbuurten = ["BU19600100"]\n'
    assert load_gemeente(write(tmp_path, HEAD + kern)).website == ""
    body = HEAD + 'website = "www.westbetuwe.nl"\n' + kern
    with pytest.raises(ConfigError, match="not an https:// address") as info:
        load_gemeente(write(tmp_path, body))
    assert "Hint:" in str(info.value)
