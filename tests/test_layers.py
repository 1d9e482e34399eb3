"""Imports only point down: layouts/ never imports pipelines/ at runtime."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from pipelines.settings import PROJECT_ROOT

LAYOUTS = sorted((PROJECT_ROOT / "layouts").rglob("*.py"))


def _is_type_checking(test: ast.expr) -> bool:
    """``if TYPE_CHECKING:`` or ``if typing.TYPE_CHECKING:``."""
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"


def _runtime_imports(node: ast.AST) -> list[tuple[int, str]]:
    """(line, module) of every import outside the body of ``if TYPE_CHECKING:``."""
    if isinstance(node, ast.If) and _is_type_checking(node.test):
        return [imp for child in node.orelse for imp in _runtime_imports(child)]
    found: list[tuple[int, str]] = []
    if isinstance(node, ast.Import):
        found += [(node.lineno, alias.name) for alias in node.names]
    elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        found.append((node.lineno, node.module))
    for child in ast.iter_child_nodes(node):
        found += _runtime_imports(child)
    return found


def pipelines_imports(source: str) -> list[tuple[int, str]]:
    """Runtime imports of ``pipelines`` (or a submodule) in Python ``source``."""
    imports = _runtime_imports(ast.parse(source))
    return [(n, m) for n, m in imports if m.split(".")[0] == "pipelines"]


def test_the_check_sees_runtime_imports_and_skips_type_checking() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "import pipelines.store\n"
        "if TYPE_CHECKING:\n"
        "    from pipelines.dashboard_data import OverlayInput\n"
        "else:\n"
        "    from pipelines import catalogue\n"
        "def build():\n"
        "    from pipelines.dashboard_data import overlay_input\n"
    )
    assert pipelines_imports(source) == [
        (2, "pipelines.store"),
        (6, "pipelines"),
        (8, "pipelines.dashboard_data"),
    ]


def test_layouts_are_found() -> None:
    names = {p.relative_to(PROJECT_ROOT).as_posix() for p in LAYOUTS}
    assert "layouts/overlays/kernagenda.py" in names
    assert "layouts/kaart.py" in names


@pytest.mark.parametrize(
    "path", LAYOUTS, ids=[p.relative_to(PROJECT_ROOT).as_posix() for p in LAYOUTS]
)
def test_layouts_module_does_not_import_pipelines_at_runtime(path: Path) -> None:
    found = pipelines_imports(path.read_text(encoding="utf-8"))
    assert found == [], (
        f"{path.relative_to(PROJECT_ROOT)} imports pipelines at runtime "
        f"(line, module): {found}. Layouts build components from plain values; "
        "compute the data in pipelines/ and pass it in from callbacks/, or import "
        "the type under 'if TYPE_CHECKING:'."
    )
