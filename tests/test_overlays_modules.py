"""Every overlay module on the tiny gemeente: classes, legend text, table, no-records."""

from __future__ import annotations

from types import ModuleType

import numpy as np
import pandas as pd
import pytest

from layouts.overlays import (
    REGISTRY,
    gebieden,
    indicator,
    kernagenda,
    leefbaarheid,
    ruimtelijk,
)
from layouts.overlays.base import (
    DIVERGING,
    NO_DATA,
    OverlayView,
    assign_classes,
    change_breaks,
    change_classes,
    change_legend,
    class_breaks,
    colorscale,
    nice_number,
    range_labels,
)
from pipelines.catalogue import Catalogue
from pipelines.dashboard_data import (
    OVERLAY_SOURCES,
    Filters,
    GemeenteData,
    OverlayInput,
    overlay_input,
)
from tests.test_overlays_data import tiny_data, tiny_history


def view_of(
    module: ModuleType, data: GemeenteData, filters: Filters, catalogue: Catalogue
) -> OverlayView:
    """As the app does it: the pipeline computes the input, the module colours it."""
    overlay = module.OVERLAY
    return overlay.build(overlay_input(overlay.source, data, filters, catalogue))


def test_registry_has_every_overlay_once() -> None:
    assert list(REGISTRY) == [
        "kernagenda",
        "leefbaarheid",
        "indicator",
        "ruimtelijk",
        "gebieden",
    ]


def test_every_overlay_names_a_pipeline_source() -> None:
    assert {o.source for o in REGISTRY.values()} <= set(OVERLAY_SOURCES)


def test_range_labels_and_colorscale() -> None:
    assert range_labels([100, 200], 0, "inwoners") == [
        "tot en met 100 inwoners",
        "meer dan 100 tot en met 200 inwoners",
    ]
    scale = colorscale(["#111111", "#222222"])
    assert scale[0] == [0.0, NO_DATA]
    assert scale[-1] == [1.0, "#222222"]


def test_nice_number_keeps_two_significant_digits() -> None:
    rounded = [nice_number(1234), nice_number(1234, up=True), nice_number(7345, True)]
    assert rounded == [1200, 1300, 7400]
    assert nice_number(0.87) == pytest.approx(0.87)


def test_class_breaks_in_layouts_round_and_cover_the_maximum() -> None:
    assert class_breaks(pd.Series([1, 2, 2, np.nan])) == [1.0, 2.0]
    values = pd.Series(range(100, 1100, 10), dtype=float)
    breaks = class_breaks(values, k=5)
    assert len(breaks) == 5
    assert breaks[-1] >= values.max()
    assert all(b == nice_number(b) for b in breaks[:-1])
    assert class_breaks(pd.Series([np.nan])) == []


def test_assign_classes_gives_plain_ints_and_minus_one_for_nan() -> None:
    classes = assign_classes(pd.Series([1.0, 2.0, 2.5, np.nan]), [2.0, 3.0])
    assert classes == [0, 0, 1, -1]
    assert all(type(c) is int for c in classes)


def test_indicator_overlay_at_wijk_level_names_the_level(catalogue) -> None:
    view = view_of(
        indicator, tiny_data(), Filters(indicator="aantal_inwoners"), catalogue
    )
    assert view.level == "wijk"
    assert view.codes == ["W1", "W2"]
    assert view.classes == [1, 0]
    assert view.legend_note.startswith("Cijfers per wijk: voor 2024 zijn er")
    assert "Bron: CBS, Kerncijfers wijken en buurten." in view.legend_note
    # the unit is in the title already: not 'Aantal inwoners (inwoners)'
    assert view.legend_title == "Aantal inwoners, 2024"
    assert view.columns[1].label == "Aantal inwoners 2024"
    assert "niet over kernen verdeeld" in view.legend_note
    assert [i.label for i in view.legend_items] == [
        "tot en met 1.000 inwoners",
        "meer dan 1.000 tot en met 3.000 inwoners",
        "geen gegevens",
    ]
    assert view.rows[0]["kernen"] == ["a", "b"]
    assert view.kern_hover[2] == "Wijk Twee: 1.000 inwoners (wijkcijfer, 2024)"


def test_indicator_overlay_uses_kernen_when_kern_rows_exist(catalogue) -> None:
    view = view_of(indicator, tiny_data(kern_figures=True), Filters(), catalogue)
    assert view.level == "kern"
    assert view.codes == ["a", "b", "c"]
    assert view.hover[0] == "100 inwoners (2024)"
    assert view.legend_note.startswith(
        "Cijfers per kern, 2024. Bron: CBS, Kerncijfers wijken en buurten."
    )


# --- Maatschappelijke opgaven over the years (tiny_history: 2017 and 2024) ----


def test_indicator_value_view_per_kern_for_a_year_with_buurt_figures(
    catalogue,
) -> None:
    data = tiny_history()
    view = view_of(indicator, data, Filters(cbsjaar="2017"), catalogue)
    assert view.level == "kern"
    assert view.legend_title == "Aantal inwoners, 2017"
    assert view.legend_note.startswith("Cijfers per kern, 2017. Bron: CBS")
    # kern b's 2017 figure came from a buurt whose border moved: marked, and
    # the footnote says what the mark means
    assert view.hover[1] == "2.000 inwoners (2017, grens verschoven)"
    assert view.rows[1]["toelichting"] == "grens verschoven"
    assert [c.label for c in view.columns][-1] == "Toelichting"
    assert "'grens verschoven': een buurt met dezelfde code" in view.legend_note
    # a suppressed CBS figure stays empty, never 0
    assert view.classes[2] == -1 and view.rows[2]["waarde"] is None
    assert view.hover[2] == "geen cijfer (2017)"
    assert [o["value"] for o in view.choices["cbsjaar"]] == ["2024", "2017"]


def test_indicator_falls_back_to_the_latest_year_and_wijken_without_buurten(
    catalogue,
) -> None:
    data = tiny_history()
    # a year that is not in the store is never made up: the latest one is shown
    view = view_of(indicator, data, Filters(cbsjaar="2019"), catalogue)
    assert view.legend_title == "Aantal inwoners, 2024"
    # woningvoorraad: buurt figures only in 2024; 2017 has wijk figures only
    wijk = view_of(
        indicator, data, Filters(indicator="woningvoorraad", cbsjaar="2017"), catalogue
    )
    assert wijk.level == "wijk" and wijk.codes == ["W1", "W2"]
    assert wijk.legend_note.startswith("Cijfers per wijk: voor 2017 zijn er")
    assert wijk.choices["cbsjaar"][1]["label"] == "2017 (alleen per wijk)"
    kern = view_of(
        indicator, data, Filters(indicator="woningvoorraad", cbsjaar="2024"), catalogue
    )
    assert kern.level == "kern"
    # no earlier year at kern level: no change view offered
    assert kern.choices["weergave"][1]["disabled"] is True


def test_indicator_change_view_diverging_and_symmetric(catalogue) -> None:
    view = view_of(
        indicator,
        tiny_history(),
        Filters(weergave="verandering", sinds="2017"),
        catalogue,
    )
    assert view.level == "kern"
    assert view.palette == DIVERGING and len(DIVERGING) == 5
    assert view.legend_title == "Aantal inwoners: verandering 2017-2024"
    assert view.legend_note.startswith("Verandering 2017-2024, per kern.")
    labels = [i.label for i in view.legend_items]
    assert labels[2] == "(vrijwel) geen verandering: -5 tot en met +5 %"
    # symmetric: the same bounds on both sides of 'geen verandering'
    assert labels[1] == "afname van meer dan 5 tot en met 20 %"
    assert labels[3] == "toename van meer dan 5 tot en met 20 %"
    assert labels[0] == "afname van meer dan 20 %"
    assert labels[4] == "toename van meer dan 20 %"
    assert labels[5] == "geen gegevens"
    # a: 100 -> 125 (+25 %), b: 2.000 -> 2.010 (+0,5 %), c: suppressed in 2017
    assert view.classes == [4, 2, -1]
    assert view.hover[0] == "2017: 100 · 2024: 125 (+25 inwoners, +25 %)"
    # below 10 % a decimal, so a value near a class bound reads on its side
    assert view.hover[1] == (
        "2017: 2.000 · 2024: 2.010 (+10 inwoners, +0,5 %; grens verschoven)"
    )
    row = view.rows[0]
    assert (row["sinds"], row["waarde"]) == (100.0, 125.0)
    assert (str(row["verschil"]), str(row["procent"])) == ("+25", "+25 %")
    assert float(row["procent"]) == 25.0  # sorts and exports as a number
    assert [c.key for c in view.columns] == [
        "naam",
        "sinds",
        "waarde",
        "verschil",
        "procent",
        "klasse",
        "toelichting",
    ]


def test_change_of_a_share_is_in_procentpunt(catalogue) -> None:
    view = view_of(
        indicator,
        tiny_history(),
        Filters(indicator="aandeel_65_plus", weergave="verandering", sinds="2017"),
        catalogue,
    )
    assert "procentpunt" in view.legend_items[2].label
    assert "Kleur naar het verschil in procentpunt." in view.legend_note
    assert "procent" not in [c.key for c in view.columns]
    assert str(view.rows[0]["verschil"]) == "+5,0"  # 20 % -> 25 %
    assert view.classes[0] == 3  # +5 procentpunt: toename (1 tot en met 5)


def test_change_classes_middle_is_no_change_and_bounds_are_symmetric() -> None:
    values = pd.Series([-30.0, -5.0, -1.0, 0.0, 1.0, 2.0, 5.0, 8.0, np.nan])
    bounds = change_breaks(values)
    assert bounds == (2.0, 10.0)
    classes = change_classes(values, bounds)
    assert classes == [0, 1, 2, 2, 2, 2, 3, 3, -1]
    # mirrored values land in mirrored classes
    mirrored = change_classes(-values, bounds)
    assert [4 - c if c >= 0 else -1 for c in classes] == mirrored
    assert change_breaks(pd.Series([0.0, 0.1])) == (0.2, 1.0)  # never below 1
    items = change_legend(bounds, "%")
    assert items[2].colour == DIVERGING[2] and items[-1].colour == NO_DATA


def test_kernagenda_overlay_fixed_classes(catalogue) -> None:
    view = view_of(kernagenda, tiny_data(), Filters(), catalogue)
    assert view.classes == [2, 0, -1]  # 67% -> 50-75, 0% -> 0-25, no actiepunten
    assert view.legend_items[0].label == "0 tot 25%"
    assert view.hover[0].startswith("67% gerealiseerd (2 van 4")
    # breakdown by eigenaar and thema, one line each, most first
    lines = view.hover[0].split("\n")
    assert lines[1].startswith("Eigenaar: ") and "zonder eigenaar 1" in lines[1]
    assert "inwoners 1" in lines[1] and "gemeente 1" in lines[1]
    assert lines[2].startswith("Thema: wonen 2, ")
    assert view.summaries["a"] == view.hover[0]
    assert view.rows[0]["pct"] == 67


def test_kernagenda_overlay_names_its_filters_and_an_empty_year(catalogue) -> None:
    view = view_of(kernagenda, tiny_data(), Filters(jaar="2022"), catalogue)
    assert view.legend_note.endswith("Alleen actiepunten vastgesteld in 2022.")
    assert view.message == ""
    empty = view_of(kernagenda, tiny_data(), Filters(jaar="2019"), catalogue)
    assert set(empty.classes) == {-1}
    assert empty.message.startswith("Geen actiepunten vastgesteld in 2019.")


def test_kernagenda_counts_vervallen_and_names_actiepunten_without_kern(
    catalogue,
) -> None:
    data = tiny_data()
    acties = data.records["actiepunten"]
    extra = acties.iloc[[0, 0]].assign(id=["6", "7"], titel=["Visie", "Raad"])
    # as the records pipeline writes a gemeente-wide one, and an empty cell
    extra = extra.assign(kern_slug=["kernoverstijgend", ""])
    extra = extra.assign(kern_slugs=extra["kern_slug"])
    data.records["actiepunten"] = pd.concat([acties, extra], ignore_index=True)
    view = view_of(kernagenda, data, Filters(), catalogue)
    assert "Vervallen" in [c.label for c in view.columns]
    assert view.rows[0]["n_vervallen"] == 1  # kern a: one of its four vervallen
    assert "2 actiepunten voor de hele gemeente (zonder kern)" in view.legend_note
    plain = view_of(kernagenda, tiny_data(), Filters(), catalogue)
    assert "zonder kern" not in plain.legend_note


def test_leefbaarheid_overlay_legend_in_euro(catalogue) -> None:
    view = view_of(leefbaarheid, tiny_data(), Filters(), catalogue)
    assert view.hover[0] == "€ 6.000 toegekend aan 3 initiatieven"
    assert all("euro" in i.label for i in view.legend_items[:-1])
    assert "Per 1.000 inwoners kan niet" in view.legend_note


@pytest.mark.parametrize("module", [kernagenda, leefbaarheid, ruimtelijk, gebieden])
def test_records_overlays_without_records_say_so(module, catalogue) -> None:
    view = view_of(module, tiny_data(records=False), Filters(), catalogue)
    assert "Geen registraties voor deze gemeente" in view.message
    assert set(view.classes) == {-1}


def test_ruimtelijk_overlay_counts_open_opgaven(catalogue) -> None:
    view = view_of(ruimtelijk, tiny_data(), Filters(), catalogue)
    assert view.classes == [0, 0, 0]
    assert view.hover[0] == "1 open van 2 opgaven: energie, wonen"


def test_gebieden_overlay_one_colour_per_gebied(catalogue) -> None:
    view = view_of(gebieden, tiny_data(), Filters(), catalogue)
    assert view.classes == [0, 0, 1]
    assert view.legend_items[0].label == "Noord: Makelaar Noord (gebiedsmakelaar)"


def plain_input(frame: pd.DataFrame | None, **extra: object) -> OverlayInput:
    """An overlay input written by hand: no store, no GemeenteData."""
    return OverlayInput(
        kern_codes=["a", "b"],
        kern_names={"a": "Aadorp", "b": "Beedorp"},
        gemeente="Klein",
        year="2024",
        chosen={},
        frame=frame,
        **extra,
    )


def test_overlay_modules_build_from_plain_values_only() -> None:
    frame = pd.DataFrame(
        {"kern_slug": ["a", "b"], "n_totaal": [3, 1], "n_open": [3, 1]}
    ).assign(soorten=["wonen", ""])
    points = pd.DataFrame({"lon": [5.0], "lat": [52.0], "label": ["Dijk"]})
    view = ruimtelijk.build(plain_input(frame, points=points))
    assert view.classes == [2, 0]
    assert view.hover == ["3 open van 3 opgaven: wonen", "1 open van 1 opgaven"]
    assert view.rows[0]["naam"] == "Aadorp"
    assert view.points is points
    empty = kernagenda.build(plain_input(None))
    assert empty.codes == ["a", "b"]
    assert empty.classes == [-1, -1]


def test_leefbaarheid_names_the_chosen_year_and_regeling(catalogue) -> None:
    view = view_of(
        leefbaarheid,
        tiny_data(),
        Filters(jaar="2023", regeling="kernenbudget"),
        catalogue,
    )
    assert view.legend_title == "Leefbaarheidsbudget: euro toegekend (2023)"
    assert view.legend_note.startswith("Toegekende bedragen, 2023, kernenbudget.")
    assert view.hover[0] == "€ 5.000 toegekend aan 1 initiatieven"
