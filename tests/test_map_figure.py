"""The Kaart's map style: what the live map loads with itself."""

from __future__ import annotations

from layouts import map_figure


def test_live_style_holds_the_kernen_source_and_paint_layer() -> None:
    style = map_figure.base_style("/assets/glyphs/{fontstack}/{range}.pbf", "/k.json")
    source = style["sources"][map_figure.PAINT_SOURCE]
    assert source == {
        "type": "geojson",
        "data": "/k.json",
        "promoteId": map_figure.KERN_KEY,
    }
    layer = style["layers"][-1]
    assert layer["id"] == map_figure.PAINT_LAYER
    assert layer["source"] == map_figure.PAINT_SOURCE
    assert layer["paint"]["fill-color"][1] == ["feature-state", "c"]


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
