"""The Over and Toegankelijkheid pages: what the store has, and whom to tell."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

import pandas as pd
from dash.development.base_component import Component

from callbacks.other_pages import contact
from layouts import over
from pipelines.dashboard_data import indicator_coverage, trends


def _text(node: object) -> Iterator[str]:
    if isinstance(node, Component):
        yield from _text(getattr(node, "children", None))
    elif isinstance(node, list | tuple):
        for child in node:
            yield from _text(child)
    elif isinstance(node, str | int | float):
        yield str(node)


def _links(node: object) -> Iterator[Component]:
    if isinstance(node, Component):
        if node._type == "A":
            yield node
        yield from _links(getattr(node, "children", None))
    elif isinstance(node, list | tuple):
        for child in node:
            yield from _links(child)


def _content(**kwargs: object) -> over.OverContent:
    base = {
        "gemeente": "Klein",
        "sources": [],
        "attribution": "Bron: CBS",
        "built_at": "2026-11-23T10:00:00+00:00",
        "audience": "intern",
        "voorbeelddata": False,
        "indicators": [],
    }
    return over.OverContent(**{**base, **kwargs})


def test_over_01_coverage_per_indicator_in_level_order() -> None:
    rows = [
        ("gemeente", "GM0001", "inwoners", 100.0, 2024),
        ("wijk", "W1", "inwoners", 60.0, 2024),
        ("wijk", "W1", "inwoners", 58.0, 2023),
        ("wijk", "W1", "woz", None, 2024),  # no value: not covered
    ]
    frame = pd.DataFrame(rows, columns=["level", "code", "indicator", "value", "year"])
    coverage = indicator_coverage(SimpleNamespace(indicators=frame))
    assert coverage == {"inwoners": (("wijk", "gemeente"), (2023, 2024))}


def test_over_02_definitions_say_where_there_are_figures() -> None:
    indicators = [
        over.IndicatorInfo(
            "Inwoners",
            "inwoners",
            "Op 1 januari.",
            (("kern", (2017, 2024)), ("wijk", (2024,)), ("gemeente", (2017, 2024))),
            "bevolking",
        ),
        over.IndicatorInfo("WOZ-waarde", "× 1.000 euro", "Gemiddeld.", (), "wonen"),
    ]
    text = " ".join(_text(over.page(_content(indicators=indicators))))
    assert (
        "Eenheid: inwoners. In deze gegevens: per kern 2017, 2024; per wijk 2024; "
        "voor de gemeente 2017, 2024." in text
    )
    assert "Bevolking" in text and "Wonen" in text  # grouped by thema
    assert "Eenheid: × 1.000 euro. Niet in deze gegevens." in text
    assert "1 van de 2 indicatoren hebben geen cijfers" in text
    assert "(inwoners)" not in text  # the unit once, not after the title as well


def test_over_03_accessibility_problems_go_to_the_gemeente() -> None:
    data = SimpleNamespace(
        naam="Buren", slug="buren", metadata={"website": "https://www.buren.nl"}
    )
    page = over.accessibility_page(contact(data))
    text = "".join(_text(page))
    assert "gebruiken, meld het dan bij de gemeente Buren via www.buren.nl." in text
    assert [a.href for a in _links(page)][0] == "https://www.buren.nl"
    # a store built before the website setting, and no gemeente at all
    old = SimpleNamespace(naam="Buren", slug="buren", metadata={})
    assert "bij de gemeente Buren." in " ".join(
        _text(over.accessibility_page(contact(old)))
    )
    assert "bij uw gemeente." in " ".join(_text(over.accessibility_page(contact(None))))


def test_over_04_coverage_lists_every_year_per_level() -> None:
    rows = [
        ("kern", "a", "inwoners", 10.0, 2017),
        ("kern", "a", "inwoners", 12.0, 2024),
        ("kern", "b", "inwoners", None, 2022),  # no value: not a year with figures
        ("gemeente", "GM0001", "inwoners", 100.0, 2024),
        ("wijk", "W1", "woz", None, 2024),
    ]
    frame = pd.DataFrame(rows, columns=["level", "code", "indicator", "value", "year"])
    coverage = trends.coverage(SimpleNamespace(history=frame))
    assert coverage == {"inwoners": (("kern", (2017, 2024)), ("gemeente", (2024,)))}
