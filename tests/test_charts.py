"""The HTML bar charts (layouts/charts.py): bar lengths proportional to the values.

A bar's width is a percentage of its track (``staaf-baan``). The track holds the
bars and the number only; the series name sits outside it, so every track in a
chart is equally wide and a percentage means the same length on every row.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from dash.development.base_component import Component

from layouts import charts


def _walk(node: object) -> Iterator[Component]:
    if isinstance(node, Component):
        yield node
        yield from _walk(getattr(node, "children", None))
    elif isinstance(node, list | tuple):
        for child in node:
            yield from _walk(child)


def _classes(node: Component) -> set[str]:
    return set((getattr(node, "className", None) or "").split())


def _tracks(figure: Component) -> list[Component]:
    return [n for n in _walk(figure) if "staaf-baan" in _classes(n)]


def _bar_widths(track: Component) -> list[float]:
    return [
        float(n.style["width"].removesuffix("%"))
        for n in _walk(track)
        if "staaf" in _classes(n)
    ]


def _number(track: Component) -> str:
    (label,) = [n for n in _walk(track) if "staaf-getal" in _classes(n)]
    return label.children


def test_charts_01_bars_in_a_track_without_the_name() -> None:
    figure = charts.bars(
        "Burgerpeiling", ["Stelling"], {"Score": [55], "Doel": [60]}, "procent"
    )
    rows = [n for n in _walk(figure) if "staaf-rij" in _classes(n)]
    assert len(rows) == 2
    for row in rows:
        (track,) = [c for c in row.children if "staaf-baan" in _classes(c)]
        # the name is beside the track, never inside it
        assert not [n for n in _walk(track) if "staaf-naam" in _classes(n)]
        assert len(_bar_widths(track)) == 1


def test_charts_02_bar_widths_proportional_at_the_top_end() -> None:
    values = [95, 98, 99, 99, 100, 86]
    figure = charts.bars("Initiatieven", list("abcdef"), {"n": values}, "aantal")
    tracks = _tracks(figure)
    assert len(tracks) == len(values)
    widths = [_bar_widths(t)[0] for t in tracks]
    assert widths[4] == pytest.approx(100.0)
    assert widths[4] > widths[2] > widths[1] > widths[0]
    for value, width in zip(values, widths, strict=True):
        assert width / widths[4] == pytest.approx(value / 100, abs=1e-3)
    assert [_number(t) for t in tracks] == ["95", "98", "99", "99", "100", "86"]


def test_charts_03_grouped_series_share_one_scale() -> None:
    figure = charts.bars(
        "Burgerpeiling",
        ["Verantwoordelijk", "Luistert"],
        {"Score 2019": [55, 16], "Benchmark": [57, 29], "Doel 2023": [60, 30]},
        "procent",
    )
    widths = [_bar_widths(t)[0] for t in _tracks(figure)]
    assert widths[0] < widths[1] < widths[2] == pytest.approx(100.0)
    assert widths[0] / widths[2] == pytest.approx(55 / 60, abs=1e-3)
    assert widths[3] / widths[2] == pytest.approx(16 / 60, abs=1e-3)


def test_charts_04_missing_values_have_no_bar_length() -> None:
    figure = charts.bars("x", ["a", "b", "c"], {"n": [None, float("nan"), 4]}, "aantal")
    tracks = _tracks(figure)
    assert [_bar_widths(t)[0] for t in tracks] == [0.0, 0.0, 100.0]
    assert [_number(t) for t in tracks] == ["-", "-", "4"]


def test_charts_05_stacked_parts_proportional_to_the_largest_total() -> None:
    series = {"nieuw": [1, 6], "gerealiseerd": [99, 43]}  # totals 100 and 49
    figure = charts.stacked("Actiepunten", ["2021", "2022"], series, "actiepunten")
    first, second = _tracks(figure)
    assert sum(_bar_widths(first)) == pytest.approx(100.0)
    assert sum(_bar_widths(second)) == pytest.approx(49.0)
    assert _bar_widths(second) == pytest.approx([6.0, 43.0])
    assert [_number(first), _number(second)] == ["100", "49"]


def test_charts_06_track_reserves_room_for_the_longest_number() -> None:
    figure = charts.bars("x", ["a", "b"], {"n": [7, 12345]}, "aantal")
    # '12.345' is six characters; the track leaves that much room after a full bar
    assert figure.style == {"--staaf-getal-tekens": "6"}


def test_charts_07_percentages_on_a_scale_of_hundred() -> None:
    figure = charts.bars(
        "Burgerpeiling", ["A", "B"], {"Score": [30, 60]}, "procent", maximum=100
    )
    assert [_bar_widths(t)[0] for t in _tracks(figure)] == [30.0, 60.0]
    assert _number(_tracks(figure)[0]) == "30"  # a plain number by default
    shown = charts.bars("B", ["A"], {"Score": [30]}, "procent", percent=True)
    assert _number(_tracks(shown)[0]) == "30%"


def test_charts_08_monitor_burgerpeiling_is_drawn_out_of_hundred() -> None:
    from types import SimpleNamespace

    from layouts import monitor

    peiling = [
        {
            "stelling": "Stelling",
            "eenheid": "procent",
            "score_2019": 20.0,
            "benchmark": 40.0,
            "doel_2023": 50.0,
        }
    ]
    section = monitor.peiling_section(SimpleNamespace(peiling=peiling))
    widths = [_bar_widths(t)[0] for t in _tracks(section)]
    assert widths == [20.0, 40.0, 50.0]
