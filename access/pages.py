"""Small Dutch pages of the login (no Dash): refused, no role, failed, logged out."""

from __future__ import annotations

from html import escape

import flask

PAGE = """<!DOCTYPE html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{title} - Kernenkaart</title>
<style>body{{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;
padding:0 1rem;line-height:1.5}} .uitleg{{border-left:5px solid #a4262c;
background:#fbe9e9;padding:.6rem .8rem}}</style></head>
<body><header><strong>Kernenkaart</strong></header>
<main><h1>{title}</h1><p class="uitleg">{text}</p>{extra}</main></body></html>"""


def page(title: str, text: str, status: int, link: tuple[str, str] | None = None):
    """A plain Dutch page with a status code (nothing technical, no trace)."""
    extra = ""
    if link is not None:
        extra = f'<p><a href="{escape(link[0])}">{escape(link[1])}</a></p>'
    body = PAGE.format(title=escape(title), text=escape(text), extra=extra)
    response = flask.make_response(body, status)
    response.headers["Content-Type"] = "text/html; charset=utf-8"
    response.headers["Cache-Control"] = "no-store"
    return response


def no_role(groups_claim: str) -> flask.Response:
    return page(
        "Geen toegang",
        "U bent ingelogd, maar uw account hoort bij geen van de groepen die "
        "toegang geven tot de interne kernenkaart (bestuur, gebiedsmakelaar of "
        "analist). Vraagt u de beheerder van de kernenkaart of de servicedesk om "
        f"u aan de juiste groep toe te voegen (claim '{groups_claim}').",
        403,
        ("/auth/logout", "Uitloggen"),
    )


def login_failed(reason: str, status: int = 401) -> flask.Response:
    return page(
        "Inloggen is niet gelukt",
        f"{reason} Er is geen sessie gestart.",
        status,
        ("/auth/login", "Opnieuw inloggen"),
    )


def logged_out() -> flask.Response:
    return page(
        "Uitgelogd",
        "U bent uitgelogd bij de kernenkaart.",
        200,
        ("/auth/login", "Opnieuw inloggen"),
    )


def remote_refused() -> flask.Response:
    return page(
        "Alleen op deze computer",
        "Deze interne kernenkaart draait zonder login en is daarom alleen "
        "bereikbaar vanaf de computer waarop hij draait.",
        403,
    )


def cross_origin() -> flask.Response:
    return page(
        "Verzoek geweigerd",
        "Dit verzoek kwam niet van de kernenkaart zelf en is daarom geweigerd.",
        403,
    )
