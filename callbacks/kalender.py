"""Jaarkalender: the /kalender screen, its filters, downloads and the feeds.

A filter change redraws only the list (focus stays on the select) and writes
the filters into the URL and the router's record, so the router does not draw
the page again. ``today`` is a module function so tests can set the date.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import parse_qs, urlencode

import flask
from dash import Dash, Input, Output, State, ctx, dcc
from dash.exceptions import PreventUpdate

from callbacks import pages
from callbacks.context import login_mode, record_download, repo, settings
from layouts import ids, kalender
from layouts.components import notice
from pipelines.dashboard_data import GemeenteData, Repository
from pipelines.dashboard_data.kalender import (
    feed_name,
    feed_path,
    kalender_content,
    kalender_of,
    parse_selection,
)
from pipelines.errors import KernenkaartError
from pipelines.kalender import ALLES, normalise, select
from pipelines.kalender_ics import feed

FILTER_KEYS = ("kern", "gebied", "soort", "periode")


def today() -> date:
    """The date the calendar counts from (tests replace this function)."""
    return date.today()


def parse_args(search: str | None) -> dict[str, str]:
    """The calendar's filters in a query string (first value of each)."""
    raw = parse_qs((search or "").lstrip("?"))
    return {k: v[0] for k, v in raw.items() if k in FILTER_KEYS and v and v[0]}


FEED_PUBLIC = (
    "Dit is het adres van de openbare kernenkaart: een agenda-app kan niet "
    "inloggen. De openbare agenda bevat geen persoonsgegevens."
)
FEED_NO_PUBLIC = (
    "Let op: deze interne kernenkaart vraagt om inloggen, en een agenda-app kan "
    "dat niet. Abonneer u op de agenda van de openbare kernenkaart; de beheerder "
    "kan het adres daarvan hier laten zien (instelling KERNENKAART_PUBLIC_URL)."
)


def _feed(path: str) -> tuple[str, str]:
    """The feed's address for a calendar app, and a note when it is elsewhere.

    Behind a login the app's own feeds need a session that agenda apps do not
    have: the openbaar server's feed is offered instead (same path).
    """
    if not flask.has_request_context():
        return path, ""
    if login_mode() != "oidc":
        return flask.request.host_url.rstrip("/") + path, ""
    public = settings().public_url.rstrip("/")
    if public:
        return public + path, FEED_PUBLIC
    return flask.request.host_url.rstrip("/") + path, FEED_NO_PUBLIC


def screen(data: GemeenteData, search: str | None) -> Any:
    """The /kalender page for the query in ``search``."""
    content = kalender_content(data, parse_args(search), today())
    return kalender.page(content, *_feed(content.feed_path))


def _query(gemeente: str, values: dict[str, str]) -> str:
    query = {
        "gemeente": gemeente,
        **{k: v for k, v in values.items() if v and v != "alle"},
    }
    if query.get("periode") == "komend":
        query.pop("periode")
    return "?" + urlencode(query)


def update(
    kern: str | None,
    gebied: str | None,
    soort: str | None,
    periode: str | None,
    pathname: str | None,
    search: str | None,
    rendered: dict | None,
) -> tuple[Any, str, dict]:
    """The list for the chosen filters, and the URL that keeps them."""
    if (pathname or "").rstrip("/") != "/kalender":
        raise PreventUpdate
    data = repo().get(pages.resolve_gemeente("/kalender", search))
    values = dict(zip(FILTER_KEYS, (kern, gebied, soort, periode), strict=True))
    new = _query(data.slug, {k: v or "" for k, v in values.items()})
    if new == (search or ""):
        raise PreventUpdate
    content = kalender_content(data, parse_args(new), today())
    return (
        kalender.results(content, *_feed(content.feed_path)),
        new,
        {**(rendered or {}), "search": new},
    )


def download(
    n_pdf: int | None, n_xlsx: int | None, search: str | None
) -> tuple[Any, Any]:
    """'Jaarkalender <jaar>' of the current filters as PDF or Excel."""
    if not (n_pdf or n_xlsx):
        raise PreventUpdate
    from exports.kalender import kalender_pdf, kalender_xlsx

    data = repo().get(pages.resolve_gemeente("/kalender", search))
    args = parse_args(search)
    jaar = _year(args.get("periode", ""), today())
    try:
        if ctx.triggered_id == ids.DL_KALENDER_PDF:
            name, body = kalender_pdf(data, args.get("kern", ""), jaar, today())
        else:
            name, body = kalender_xlsx(data, args.get("kern", ""), jaar, today())
    except KernenkaartError as exc:
        return None, notice(str(exc), "fout")
    record_download(data.slug, name)  # audit-logged when from an intern store
    return dcc.send_bytes(body, name), notice(f"{name} is gedownload.")


def _year(periode: str, when: date) -> int:
    return int(periode[:4]) if periode[:4].isdigit() else when.year


def feed_response(
    repository: Repository, gemeente: str, kind: str, slug: str
) -> flask.Response:
    """An iCalendar feed: the gemeente's, a kern's or a gebied's, with filters."""
    if gemeente not in repository.slugs():
        flask.abort(404)
    data = repository.get(gemeente)
    args = {k: str(v) for k, v in flask.request.args.items() if k in FILTER_KEYS}
    args.setdefault("periode", ALLES)
    if kind:
        args[kind] = slug
    when = today()
    kal = kalender_of(data, when)
    sel = normalise(parse_selection(args), kal, set(data.kernen["kern_slug"]))
    if kind and getattr(sel, kind) != slug:
        flask.abort(404)
    body = feed(
        select(kal, sel, when),
        feed_name(data, sel),
        dict(zip(data.kernen["kern_slug"], data.kernen["name"], strict=True)),
        str(data.metadata.get("built_at", "")),
        data.voorbeelddata,
    )
    response = flask.Response(body, mimetype="text/calendar")
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Cache-Control"] = "public, max-age=3600"
    name = feed_path(data.slug, sel).split("?")[0].strip("/").replace("/", "-")
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def register(app: Dash) -> None:
    app.callback(
        Output(ids.KALENDER_RESULTS, "children"),
        Output(ids.URL, "search", allow_duplicate=True),
        Output(ids.RENDERED, "data", allow_duplicate=True),
        Input(ids.KALENDER_KERN, "value"),
        Input(ids.KALENDER_GEBIED, "value"),
        Input(ids.KALENDER_SOORT, "value"),
        Input(ids.KALENDER_PERIODE, "value"),
        State(ids.URL, "pathname"),
        State(ids.URL, "search"),
        State(ids.RENDERED, "data"),
        prevent_initial_call=True,
    )(update)
    app.callback(
        Output(ids.DL_KALENDER, "data"),
        Output(ids.DL_KALENDER_MELDING, "children"),
        Input(ids.DL_KALENDER_PDF, "n_clicks"),
        Input(ids.DL_KALENDER_XLSX, "n_clicks"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )(download)
