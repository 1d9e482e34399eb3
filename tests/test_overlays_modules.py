"""Every overlay module on the tiny gemeente: classes, legend text, table, no-records."""

from __future__ import annotations

import pytest

from layouts.overlays import (
    REGISTRY,
    gebieden,
    indicator,
    kernagenda,
    leefbaarheid,
    ruimtelijk,
)
from layouts.overlays.base import NO_DATA, colorscale, range_labels
from pipelines.dashboard_data import Filters
from tests.test_overlays_data import tiny_data


def test_registry_has_every_overlay_once() -> None:
    assert list(REGISTRY) == [
        "kernagenda",
        "leefbaarheid",
        "indicator",
        "ruimtelijk",
        "gebieden",
    ]


def test_range_labels_and_colorscale() -> None:
    assert range_labels([100, 200], 0, "inwoners") == [
        "tot en met 100 inwoners",
        "meer dan 100 tot en met 200 inwoners",
    ]
    scale = colorscale(["#111111", "#222222"])
    assert scale[0] == [0.0, NO_DATA]
    assert scale[-1] == [1.0, "#222222"]


def test_indicator_overlay_at_wijk_level_names_the_level(catalogue) -> None:
    view = indicator.build(tiny_data(), Filters(indicator="aantal_inwoners"), catalogue)
    assert view.level == "wijk"
    assert view.codes == ["W1", "W2"]
    assert view.classes == [1, 0]
    assert "Cijfers per wijk" in view.legend_note
    assert "niet over kernen verdeeld" in view.legend_note
    assert [i.label for i in view.legend_items] == [
        "tot en met 1.000 inwoners",
        "meer dan 1.000 tot en met 3.000 inwoners",
        "geen gegevens",
    ]
    assert view.rows[0]["kernen"] == ["a", "b"]
    assert view.kern_hover[2] == "Wijk Twee: 1.000 inwoners (wijkcijfer)"


def test_indicator_overlay_uses_kernen_when_kern_rows_exist(catalogue) -> None:
    view = indicator.build(tiny_data(kern_figures=True), Filters(), catalogue)
    assert view.level == "kern"
    assert view.codes == ["a", "b", "c"]
    assert view.hover[0] == "100 inwoners"


def test_kernagenda_overlay_fixed_classes(catalogue) -> None:
    view = kernagenda.build(tiny_data(), Filters(), catalogue)
    assert view.classes == [2, 0, -1]  # 67% -> 50-75, 0% -> 0-25, no actiepunten
    assert view.legend_items[0].label == "0 tot 25%"
    assert view.hover[0].startswith("67% gerealiseerd (2 van 4")
    assert view.rows[0]["pct"] == 67


def test_leefbaarheid_overlay_legend_in_euro(catalogue) -> None:
    view = leefbaarheid.build(tiny_data(), Filters(), catalogue)
    assert view.hover[0] == "€ 6.000 toegekend aan 3 initiatieven"
    assert all("euro" in i.label for i in view.legend_items[:-1])
    assert "Per 1.000 inwoners kan niet" in view.legend_note


@pytest.mark.parametrize("module", [kernagenda, leefbaarheid, ruimtelijk, gebieden])
def test_records_overlays_without_records_say_so(module, catalogue) -> None:
    view = module.build(tiny_data(records=False), Filters(), catalogue)
    assert "Geen registraties in deze store" in view.message
    assert set(view.classes) == {-1}


def test_ruimtelijk_overlay_counts_open_opgaven(catalogue) -> None:
    view = ruimtelijk.build(tiny_data(), Filters(), catalogue)
    assert view.classes == [0, 0, 0]
    assert view.hover[0] == "1 open van 2 opgaven: energie, wonen"


def test_gebieden_overlay_one_colour_per_gebied(catalogue) -> None:
    view = gebieden.build(tiny_data(), Filters(), catalogue)
    assert view.classes == [0, 0, 1]
    assert view.legend_items[0].label == "Noord: Makelaar Noord (gebiedsmakelaar)"
