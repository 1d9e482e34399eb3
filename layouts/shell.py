"""The frame around every screen: skip link, header with navigation, banner, footer."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from layouts import ids

VOORBEELD_TEXT = (
    "Let op: deze kaart toont voorbeelddata. De registraties (actiepunten, "
    "initiatieven, opgaven, platforms, gebieden) zijn fictief en alleen bedoeld om "
    "de kernenkaart te laten zien. De CBS-cijfers en grenzen zijn echt."
)


def gemeente_query(gemeente: str | None) -> str:
    """'?gemeente=buren' for links that keep the gemeente; '' without one."""
    return f"?gemeente={gemeente}" if gemeente else ""


def footer(gemeente: str | None) -> list[Any]:
    """Source line and the Over and Toegankelijkheid links, keeping the gemeente."""
    query = gemeente_query(gemeente)
    return [
        html.Span("Bron kaartgrenzen en cijfers: CBS, Kadaster (CC BY 4.0). "),
        dcc.Link("Over deze kaart", href="/over" + query),
        html.Span(" · "),
        dcc.Link("Toegankelijkheid", href="/toegankelijkheid" + query),
    ]


def shell(
    page: Any = None,
    nav: Any = None,
    banner: Any = None,
    rendered: dict | None = None,
    foot: Any = None,
) -> html.Div:
    """The app layout; navigation, banner and page come pre-rendered or from the
    router.

    Pre-rendered (``rendered``: path and query of the page), the location holds
    the page URL, so dcc.Location sets nothing when it mounts and the router is
    not called on load; otherwise it sets the URL, which calls the router.
    """
    location = (
        {"pathname": rendered["path"], "search": rendered["search"]} if rendered else {}
    )
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh="callback-nav", **location),
            dcc.Store(id=ids.RENDERED, data=rendered or {}),
            html.A("Naar de inhoud", href=f"#{ids.SKIP_TARGET}", className="skip-link"),
            html.Header(
                [
                    html.Div("Kernenkaart", className="merk"),
                    html.Nav(nav, id=ids.NAV, **{"aria-label": "Hoofdmenu"}),
                ],
                className="kop",
            ),
            html.Div(banner, id=ids.BANNER),
            html.Main(html.Div(page, id=ids.PAGE), id=ids.SKIP_TARGET, tabIndex="-1"),
            html.Footer(
                foot if foot is not None else footer(None),
                id=ids.FOOTER,
                className="voet",
            ),
        ]
    )


def navigation(gemeente: str | None, current: str, analist: bool = False) -> list[Any]:
    """Links to the screens, keeping the chosen gemeente (Datakwaliteit: analist)."""
    query = gemeente_query(gemeente)
    items = [
        ("Kaart", "/"),
        ("Gebieden", "/gebied"),
        ("Vergelijken", "/vergelijk"),
        ("Kalender", "/kalender"),
        ("Monitor", "/monitor"),
        ("Over", "/over"),
    ]
    if analist:
        items.insert(-1, ("Datakwaliteit", "/datakwaliteit"))

    def here(path: str) -> bool:  # a gebied's own page is under "Gebieden"
        return current == path or (path != "/" and current.startswith(path + "/"))

    return [
        html.Ul(
            [
                html.Li(
                    dcc.Link(
                        label,
                        href=path + query,
                        className="actief" if here(path) else None,
                        title=f"{label} (huidige pagina)" if here(path) else None,
                    )
                )
                for label, path in items
            ]
        )
    ]


def banner(voorbeelddata: bool, audience: str) -> list[Any]:
    """The voorbeelddata notice (and the audience of the store) on every screen."""
    out: list[Any] = []
    if voorbeelddata:
        out.append(
            html.P([html.Strong("Voorbeelddata. "), VOORBEELD_TEXT], className="banner")
        )
    return out


ROLE_NOTES = {"bestuur": " U ziet de versie zonder persoonsgegevens."}


def access_line(mode: str, name: str | None, role: str | None) -> list[Any]:
    """The login notice: who is logged in (and a logout link), or 'geen login'."""
    if mode == "lokaal":
        return [
            html.P(
                [
                    html.Strong("Geen login: "),
                    "deze interne kernenkaart is alleen op deze computer bereikbaar.",
                ],
                className="banner login-melding",
            )
        ]
    if mode != "oidc" or not role:
        return []
    return [
        html.P(
            [
                f"Ingelogd als {name or 'gebruiker'} ({role}).",
                ROLE_NOTES.get(role, ""),
                " ",
                html.A("Uitloggen", href="/auth/logout"),
            ],
            className="login-regel",
        )
    ]


def not_found(text: str, gemeente: str | None = None) -> html.Div:
    return html.Div(
        [
            html.H1("Niet gevonden"),
            html.P(text),
            dcc.Link("Naar de kaart", href="/" + gemeente_query(gemeente)),
        ]
    )
