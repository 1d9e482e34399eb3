"""The Kaart's map style: what the live map loads with itself."""

from __future__ import annotations

from dataclasses import replace

from layouts import map_figure
from layouts.overlays.base import OverlayView


def test_live_style_holds_the_kernen_source_and_paint_layer() -> None:
    style = map_figure.base_style("/assets/glyphs/{fontstack}/{range}.pbf", "/k.json")
    assert style["sources"][map_figure.PAINT_SOURCE] == {
        "type": "geojson",
        "data": "/k.json",
        "promoteId": map_figure.KERN_KEY,
    }
    layers = {layer["id"]: layer for layer in style["layers"]}
    # fill and outline, over the background: one pass over the geometry
    assert list(layers)[1:] == [map_figure.PAINT_LAYER, map_figure.LINE_LAYER]
    fill = layers[map_figure.PAINT_LAYER]["paint"]["fill-color"]
    assert fill[1] == ["feature-state", "c"]
    line = layers[map_figure.LINE_LAYER]
    assert line == map_figure.kernen_line_layer()
    assert line["source"] == map_figure.PAINT_SOURCE
    width = line["paint"]["line-width"]
    assert width == ["case", ["boolean", ["feature-state", "s"], False], 4, 0.8]


def _base() -> map_figure.MapBase:
    return map_figure.MapBase(
        kern_url="/geo/x/kernen.json?v=1",
        wijk_url="/geo/x/wijken.json?v=1",
        kern_codes=["a", "b"],
        kern_names=["Aa", "Bee"],
        label_lon=[5.1, 5.2],
        label_lat=[51.9, 51.8],
        wijk_codes=["WK01"],
        wijk_names=["Wijk 1"],
        bounds=(5.0, 51.7, 5.3, 52.0),
        glyphs_url="/assets/glyphs/{fontstack}/{range}.pbf",
        revision="1",
    )


def _view() -> OverlayView:
    return OverlayView(
        level="kern",
        codes=["b", "a"],
        classes=[1, 0],
        hover=["b: 2", "a: 1"],
        palette=["#eeeeee", "#333333"],
        legend_title="Test",
        legend_items=[],
    )


def test_live_figure_has_no_area_traces_and_the_static_one_is_coloured() -> None:
    live = map_figure.base_figure(_base(), _view(), "a", pdok=False, live=True)
    assert [t["uid"] for t in live["data"]] == ["opgaven", "namen"]
    assert live["data"][map_figure.LIVE_LABEL_TRACE]["text"] == ["Aa", "Bee"]
    assert map_figure.PAINT_SOURCE in live["layout"]["map"]["style"]["sources"]
    assert "geojson" not in str(live["data"])  # geometry is loaded by the style

    static = map_figure.base_figure(_base(), _view(), "a", pdok=False)
    kernen = static["data"][map_figure.KERN_TRACE]
    assert kernen["locations"] == ["a", "b"] and kernen["geojson"].endswith("v=1")
    assert static["data"][map_figure.SELECT_TRACE]["locations"] == ["a"]
    assert map_figure.PAINT_SOURCE not in static["layout"]["map"]["style"]["sources"]


def test_static_style_has_only_a_background() -> None:
    # exports render offline: no URL that a headless browser would fetch
    style = map_figure.base_style("/glyphs/{fontstack}/{range}.pbf")
    assert map_figure.PAINT_SOURCE not in style["sources"]
    assert [layer["type"] for layer in style["layers"]] == ["background"]


def test_pdok_background_goes_under_the_painted_kernen_on_the_live_map() -> None:
    assert map_figure.background_layers(False, live=True) == []
    (live,) = map_figure.background_layers(True, live=True)
    (static,) = map_figure.background_layers(True)
    assert live["below"] == map_figure.PAINT_LAYER
    assert static["below"] == "traces"
    assert live["source"] == [map_figure.PDOK_GRIJS]


def test_static_figure_gives_each_area_its_own_class_whatever_the_view_order() -> None:
    # the indicator's wijken are sorted by name, the figure's by wijkcode
    codes, names = ["WK01", "WK02", "WK03"], ["Wijk 1", "Wijk 2", "Wijk 3"]
    base = replace(_base(), wijk_codes=codes, wijk_names=names)
    wijk_view = replace(
        _view(),
        level="wijk",
        codes=["WK03", "WK01", "WK02"],
        classes=[1, -1, 0],
        hover=["wk3", "wk1", "wk2"],
        kern_hover=["Aa: wk1", "Bee: wk2"],
    )
    figure = map_figure.base_figure(base, wijk_view, None, pdok=False)
    wijken = figure["data"][map_figure.WIJK_TRACE]
    assert wijken["locations"] == ["WK01", "WK02", "WK03"]
    assert wijken["z"] == [0, 1, 2]  # class + 1; 0 = geen gegevens
    assert wijken["customdata"] == ["wk1", "wk2", "wk3"]
    assert figure["data"][map_figure.KERN_TRACE]["z"] == [0, 0]

    # kern level likewise (the Kernprofiel map and the kern overlays)
    figure = map_figure.base_figure(base, _view(), "a", pdok=False)
    kernen = figure["data"][map_figure.KERN_TRACE]
    assert kernen["locations"] == ["a", "b"]
    assert kernen["z"] == [1, 2]
    assert kernen["customdata"] == ["a: 1", "b: 2"]
