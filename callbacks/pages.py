"""Which screen a path shows, and building that screen (no Dash callbacks here)."""

from __future__ import annotations

from typing import Any

from dash import html

from callbacks import screens, state
from callbacks.context import login_mode, repo, viewer
from layouts import kaart, shell
from layouts.components import notice
from pipelines.dashboard_data import GemeenteData, gebied_by_slug
from pipelines.errors import KernenkaartError


def resolve_gemeente(pathname: str, search: str | None) -> str | None:
    """The gemeente of a URL: the query, or the only store with that kern or gebied."""
    repository = repo()
    wanted = state.parse_search(search).get("gemeente")
    if wanted in repository.slugs():
        return wanted
    parts = pathname.strip("/").split("/")
    if len(parts) == 2 and parts[0] in ("kern", "gebied"):
        holds = _has_kern if parts[0] == "kern" else _has_gebied
        holders = [s for s in repository.slugs() if holds(repository.get(s), parts[1])]
        if len(holders) == 1:
            return holders[0]
    return repository.default_slug()


def _has_kern(data: GemeenteData, slug: str) -> bool:
    return slug in set(data.kernen["kern_slug"])


def _has_gebied(data: GemeenteData, slug: str) -> bool:
    return gebied_by_slug(data, slug) is not None


def page_exists(pathname: str, search: str | None) -> bool:
    """Whether a URL is a screen of the app (otherwise it shows 'Niet gevonden').

    The server answers 404 for the others; the page itself says what is
    missing. With no stores yet every path shows how to build them.
    """
    repository = repo()
    if not repository.slugs():
        return True
    from callbacks import other_pages

    parts = tuple(p for p in (pathname or "/").strip("/").split("/") if p)
    if parts in {(), ("toegankelijkheid",)} or (
        len(parts) == 1 and parts[0] in other_pages.SCREENS
    ):
        return True
    if len(parts) == 2 and parts[0] in ("kern", "gebied"):
        data = repository.get(resolve_gemeente(pathname, search))
        return (_has_kern if parts[0] == "kern" else _has_gebied)(data, parts[1])
    return False


def kaart_page(gemeente: str, search: str | None) -> Any:
    repository = repo()
    data = repository.get(gemeente)
    raw = state.parse_search(search)
    current = state.normalise(raw, data, repository.catalogue)
    content = screens.kaart_content(
        data, current, repository.names(), repository.catalogue
    )
    content.url_note = state.ignored_note(raw, current)
    return kaart.page(content, {"key": None, "desc": False})


def render(pathname: str, search: str | None) -> tuple[Any, str | None]:
    """The page for a URL and the gemeente it shows."""
    repository = repo()
    if not repository.slugs():
        return html.Div(
            [
                html.H1("Nog geen gegevens"),
                notice(
                    "Er zijn nog geen gegevens gebouwd. Bouw ze eerst: "
                    "kernenkaart build --gemeente all --source snapshot",
                    "fout",
                ),
            ]
        ), None
    gemeente = resolve_gemeente(pathname or "/", search)
    try:
        if pathname in ("/", ""):
            return kaart_page(gemeente, search), gemeente
        from callbacks import other_pages

        return other_pages.render(pathname, search, gemeente), gemeente
    except KernenkaartError as exc:
        return html.Div(
            [html.H1("Er ging iets mis"), notice(str(exc), "fout")]
        ), gemeente


def chrome(
    gemeente: str | None, pathname: str
) -> tuple[list[Any], list[Any], list[Any]]:
    """Navigation, voorbeelddata banner and footer for a gemeente."""
    user = viewer() or {}
    nav = shell.navigation(gemeente, pathname or "/", user.get("role") == "analist")
    foot = shell.footer(gemeente)
    login = shell.access_line(login_mode(), user.get("name_id"), user.get("role"))
    if gemeente is None:
        return nav, login, foot
    data = repo().get(gemeente)
    return nav, login + shell.banner(data.voorbeelddata, data.audience), foot
