"""The Kaart table as plain functions: sort order, paging, cells, sort and page clicks."""

from __future__ import annotations

import json
import math
from contextvars import copy_context
from typing import Any

import pytest
from dash import html
from dash._callback_context import context_value
from dash._utils import AttributeDict
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from callbacks.table import go_to_page, toggle_sort
from layouts import ids
from layouts.components import PAGE_SIZE, data_table, sort_rows
from layouts.overlays.base import Column

COLUMNS = [Column("naam", "Kern"), Column("inwoners", "Inwoners", numeric=True)]


def walk(node: Any) -> list[Component]:
    """Every component in a tree (lists and children)."""
    if isinstance(node, list | tuple):
        return [c for item in node for c in walk(item)]
    if not isinstance(node, Component):
        return []
    return [node, *walk(getattr(node, "children", None))]


def text(node: Any) -> str:
    if isinstance(node, str | int | float):
        return str(node)
    if isinstance(node, list | tuple):
        return "".join(text(n) for n in node)
    return text(getattr(node, "children", None) or "")


def rows(n: int) -> list[dict]:
    return [
        {"code": f"k{i:03d}", "naam": f"Kern {i:03d}", "inwoners": i} for i in range(n)
    ]


def table(n: int, page: int, sort: dict | None = None) -> list[Any]:
    names = {r["code"]: r["naam"] for r in rows(n)}
    return data_table(
        "Inwoners — Testgemeente",
        COLUMNS,
        rows(n),
        level="kern",
        names=names,
        selected="k051",
        sort=sort or {},
        page=page,
    )


def body_names(tree: list[Any]) -> list[str]:
    body = next(c for c in walk(tree) if isinstance(c, html.Tbody))
    return [text(tr.children[0]) for tr in body.children]


def test_sort_rows_puts_missing_values_last_both_ways() -> None:
    data = [
        {"code": "a", "v": 2.0, "naam": "beesd"},
        {"code": "b", "v": None, "naam": "Asperen"},
        {"code": "c", "v": math.nan, "naam": "Haaften"},
        {"code": "d", "v": 1.0, "naam": "Acquoy"},
    ]
    up = [r["code"] for r in sort_rows(data, {"key": "v"})]
    down = [r["code"] for r in sort_rows(data, {"key": "v", "desc": True})]
    assert up[:2] == ["d", "a"] and set(up[2:]) == {"b", "c"}
    assert down[:2] == ["a", "d"] and set(down[2:]) == {"b", "c"}
    # text sorts without regard to case; no key keeps the given order
    assert [r["naam"] for r in sort_rows(data, {"key": "naam"})] == [
        "Acquoy",
        "Asperen",
        "beesd",
        "Haaften",
    ]
    assert sort_rows(data, {}) == data


def test_one_page_of_rows_with_a_pager() -> None:
    tree = table(120, page=1)
    assert body_names(tree) == [f"Kern {i:03d}" for i in range(50, 100)]
    assert len(body_names(tree)) == PAGE_SIZE
    pager = tree[1]
    assert isinstance(pager, html.Nav)
    assert "Pagina 2 van 3 (120 rijen)" in text(pager)
    previous, following = [c for c in walk(pager) if isinstance(c, html.Button)]
    assert previous.id == {"type": ids.PAGE_BUTTON, "index": 0}
    assert following.id == {"type": ids.PAGE_BUTTON, "index": 2}
    assert not previous.disabled and not following.disabled
    # the selected kern is marked on its page: row class and aria-pressed
    chosen = [c for c in walk(tree) if getattr(c, "className", None) == "gekozen"]
    assert [text(tr.children[0]) for tr in chosen] == ["Kern 051"]
    pressed = [c for c in walk(tree) if getattr(c, "aria-pressed", None) == "true"]
    assert [c.id["index"] for c in pressed] == ["k051"]


def test_page_past_the_end_shows_the_last_page() -> None:
    tree = table(120, page=7)
    assert body_names(tree) == [f"Kern {i:03d}" for i in range(100, 120)]
    buttons = [c for c in walk(tree[1]) if isinstance(c, html.Button)]
    assert buttons[1].disabled and not buttons[0].disabled
    assert table(120, page=-3)[1].children[0].disabled  # first page: no "Vorige"


def test_short_table_has_no_pager_and_sorts_across_pages() -> None:
    short = table(26, page=0)
    assert isinstance(short[1], html.P) and text(short[1]) == "26 rijen"
    # sorted before it is cut into pages: the largest come first, on page 1
    largest = table(120, page=0, sort={"key": "inwoners", "desc": True})
    assert body_names(largest)[:2] == ["Kern 119", "Kern 118"]


def test_header_states_the_sort_and_cells_are_dutch_text() -> None:
    data = [{"code": "a", "naam": "Asch", "inwoners": 1234.5}]
    data.append({"code": "b", "naam": "Buren", "inwoners": None})
    tree = data_table(
        "t",
        COLUMNS,
        data,
        level="kern",
        names={"a": "Asch", "b": "Buren"},
        selected=None,
        sort={"key": "inwoners", "desc": True},
    )
    heads = [c for c in walk(tree) if isinstance(c, html.Th) and c.scope == "col"]
    sort_state = [getattr(h, "aria-sort") for h in heads]
    assert sort_state == ["none", "descending"]
    assert "▼" in text(heads[1])
    cells = [c for c in walk(tree) if isinstance(c, html.Td)]
    assert [text(c) for c in cells] == ["1.234,5", "geen gegevens"]
    assert all(c.className == "getal" for c in cells)


def click(func, prop_id: dict, *args: Any, value: int | None = 1) -> Any:
    """Call a table callback as Dash would after a click on ``prop_id``."""

    def call() -> Any:
        key = json.dumps(prop_id, separators=(",", ":"), sort_keys=True)
        context_value.set(
            AttributeDict(
                triggered_inputs=[{"prop_id": f"{key}.n_clicks", "value": value}]
            )
        )
        return func(*args)

    return copy_context().run(call)


def test_sort_click_sorts_then_reverses_then_sorts_another_column() -> None:
    header = {"type": ids.SORT_BUTTON, "index": "inwoners"}
    first = click(toggle_sort, header, [1], {})
    assert first == {"key": "inwoners", "desc": False}
    assert click(toggle_sort, header, [2], first) == {"key": "inwoners", "desc": True}
    other = {"type": ids.SORT_BUTTON, "index": "naam"}
    assert click(toggle_sort, other, [1], {"key": "inwoners", "desc": True}) == {
        "key": "naam",
        "desc": False,
    }
    # a header that was (re)drawn, not clicked, changes nothing
    with pytest.raises(PreventUpdate):
        click(toggle_sort, header, [None], first, value=None)


def test_page_click_goes_to_that_page() -> None:
    assert click(go_to_page, {"type": ids.PAGE_BUTTON, "index": 2}, [1]) == 2
    with pytest.raises(PreventUpdate):
        click(go_to_page, {"type": ids.PAGE_BUTTON, "index": 2}, [None], value=None)
