"""Presentation mode refits the map and enlarges the kern names."""

from __future__ import annotations

from layouts import map_figure

BOUNDS = (4.95, 51.80, 5.45, 51.98)  # roughly West Betuwe (WGS84)


def test_presentation_patch_zooms_in_and_enlarges_labels() -> None:
    on = map_figure.presentation_patch(BOUNDS, True).to_plotly_json()
    off = map_figure.presentation_patch(BOUNDS, False).to_plotly_json()

    def value(patch: dict, location: list) -> object:
        return next(
            op["params"]["value"]
            for op in patch["operations"]
            if op["location"] == location
        )

    zoom_on = value(on, ["layout", "map", "zoom"])
    zoom_off = value(off, ["layout", "map", "zoom"])
    assert zoom_on > zoom_off + 1  # the projector map area shows the gemeente larger
    label = ["data", map_figure.LIVE_LABEL_TRACE, "textfont", "size"]
    assert value(on, label) == map_figure.LABEL_SIZE_LARGE > value(off, label)
    assert value(on, ["layout", "map", "center"]) == value(
        off, ["layout", "map", "center"]
    )


def test_center_zoom_fits_the_larger_map() -> None:
    _, small = map_figure.center_zoom(BOUNDS, *map_figure.MAP_SIZE)
    _, large = map_figure.center_zoom(BOUNDS, *map_figure.PRESENTATION_SIZE)
    assert large > small
