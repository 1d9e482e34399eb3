"""Shared CLI helpers: console, logging, friendly errors."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

import typer
from rich.console import Console
from rich.logging import RichHandler

from pipelines.errors import KernenkaartError

console = Console(stderr=True)
F = TypeVar("F", bound=Callable[..., Any])


def setup_logging(verbose: bool = False) -> None:
    """Log to stderr through rich; WARNING by default, DEBUG with --verbose."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(message)s",
        handlers=[RichHandler(console=console, show_path=False, show_time=False)],
        force=True,
    )
    # pyogrio logs every layer it writes at INFO; that is noise for an analyst.
    logging.getLogger("pyogrio").setLevel(logging.WARNING)


def friendly_errors(func: F) -> F:
    """Turn expected errors into a readable message and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except KernenkaartError as exc:
            console.print(f"[bold red]Fout:[/] {exc}", highlight=False, markup=True)
            raise typer.Exit(code=1) from None

    return wrapper  # type: ignore[return-value]
