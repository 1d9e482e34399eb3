"""OpenID Connect login with Authlib: /auth/login, /auth/callback, /auth/logout.

Authorization code flow with PKCE (S256), state and nonce; the provider's
endpoints and keys come from its discovery document and JWKS. Authlib checks
the ID token's signature, expiry and nonce, and its issuer and audience as
:func:`claims_options` asks (it does not check the audience by itself); a
state is used once (a replayed callback is refused here, a replayed code by
the provider).
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections import OrderedDict
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import flask
import requests
from authlib.integrations.base_client.errors import MismatchingStateError, OAuthError
from authlib.integrations.flask_client import OAuth
from joserfc.errors import JoseError

from access import pages
from access.audit import AuditLog
from access.config import CLOCK_SKEW, LoginConfig, LoginConfigError, is_loopback
from access.roles import groups_of, role_for

logger = logging.getLogger(__name__)
NAME = "idp"
TIMEOUT = 10  # seconds for every request to the provider
USER = "user"  # the session key of the logged-in user
SINCE = "since"  # ... and of the time of the login (seconds since the epoch)
SECRET_HINT = (
    "De identity provider weigert de kernenkaart als client: controleer "
    "KERNENKAART_OIDC_CLIENT_ID en KERNENKAART_OIDC_CLIENT_SECRET (of _FILE)."
)


class UsedStates:
    """States already used in this process, so a replayed callback is refused."""

    def __init__(self, size: int = 10_000) -> None:
        self._seen: OrderedDict[str, None] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def first_use(self, state: str) -> bool:
        with self._lock:
            if state in self._seen:
                return False
            self._seen[state] = None
            while len(self._seen) > self._size:
                self._seen.popitem(last=False)
            return True


def register_client(server: flask.Flask, config: LoginConfig) -> Any:
    """The Authlib client of the provider (nothing is fetched yet)."""
    oauth = OAuth(server)
    return oauth.register(
        NAME,
        client_id=config.client_id,
        client_secret=config.client_secret,
        server_metadata_url=config.discovery_url,
        client_kwargs={
            "scope": config.scope,
            "code_challenge_method": "S256",
            "default_timeout": TIMEOUT,
        },
    )


def check_provider(client: Any, config: LoginConfig) -> dict[str, Any]:
    """At start-up: discovery and JWKS can be read and name the configured issuer."""
    try:
        metadata = client.load_server_metadata()
        client.fetch_jwk_set()
    except (requests.RequestException, ValueError, RuntimeError) as exc:
        raise LoginConfigError(
            "De identity provider is niet bereikbaar of geeft geen geldige "
            f"OpenID-configuratie op {config.discovery_url} "
            f"({type(exc).__name__}).",
            hint="Controleer KERNENKAART_OIDC_ISSUER (en eventueel "
            "KERNENKAART_OIDC_DISCOVERY_URL) en of deze server de provider kan "
            "bereiken.",
        ) from exc
    issuer = str(metadata.get("issuer", "")).rstrip("/")
    if issuer != config.issuer:
        raise LoginConfigError(
            f"KERNENKAART_OIDC_ISSUER={config.issuer!r}, maar de provider noemt "
            f"zichzelf {issuer!r}.",
            hint="Zet KERNENKAART_OIDC_ISSUER op precies de issuer van de provider.",
        )
    missing = [
        k for k in ("authorization_endpoint", "token_endpoint") if k not in metadata
    ]
    if missing:
        raise LoginConfigError(
            f"De OpenID-configuratie van {config.issuer} mist {', '.join(missing)}.",
            hint="Controleer KERNENKAART_OIDC_ISSUER.",
        )
    return metadata


def safe_next(target: str | None) -> str:
    """Only a path of this site: never an open redirect to another one."""
    target = target or "/"
    parts = urlsplit(target)
    if (
        parts.scheme
        or parts.netloc
        or not target.startswith("/")
        or target.startswith("//")  # browsers read ///host as another site
        or "\\" in target
        or any(ord(c) < 32 for c in target)
    ):
        return "/"
    return target


def _user(claims: dict[str, Any], role: str | None) -> dict[str, Any]:
    """What identifies the user in the session and the audit log (nothing more)."""
    name = claims.get("email") or claims.get("preferred_username") or claims.get("upn")
    return {"sub": str(claims.get("sub")), "name_id": name, "role": role}


def session_user(lifetime: timedelta) -> dict[str, Any] | None:
    """The session's user, or None when there is none or it is older than
    ``lifetime`` since the login (an absolute limit: activity does not extend it).
    """
    user = flask.session.get(USER)
    since = flask.session.get(SINCE)
    if not user or not isinstance(since, int | float):
        return None
    if time.time() - since > lifetime.total_seconds():
        return None
    return user


def claims_options(config: LoginConfig) -> dict[str, dict[str, Any]]:
    """What the ID token must say: this issuer, and this app among its audience.

    Authlib checks the issuer by itself but not the audience (only ``azp``),
    so both are given explicitly.
    """
    return {
        "iss": {"essential": True, "values": [config.issuer]},
        "aud": {"essential": True, "values": [config.client_id]},
    }


def _token_or_refusal(client: Any, config: LoginConfig) -> tuple[dict | None, str, int]:
    """(token, reason, status): the validated token, or why it was refused."""
    try:
        token = client.authorize_access_token(
            leeway=CLOCK_SKEW, claims_options=claims_options(config)
        )
    except MismatchingStateError:
        return None, "De inlogpoging is onbekend, verlopen of al gebruikt.", 401
    except OAuthError as exc:
        if exc.error == "invalid_client":
            return None, SECRET_HINT, 502
        if exc.error == "access_denied":
            return None, "Het inloggen is afgebroken bij de identity provider.", 401
        return None, f"De identity provider meldt: {exc.error}.", 401
    except JoseError as exc:
        return None, f"Het ID-token is ongeldig ({exc.error}: {exc.description}).", 401
    except requests.RequestException:
        unreachable = (
            "De identity provider is niet bereikbaar (KERNENKAART_OIDC_ISSUER)."
        )
        return None, unreachable, 502
    except Exception:  # fail closed, with a page instead of a trace
        logger.exception("login callback failed")
        return None, "Er ging iets onverwachts mis bij het inloggen.", 500
    if not token.get("userinfo"):
        return None, "De identity provider gaf geen (geldig) ID-token.", 401
    return token, "", 200


@functools.cache
def report_redirect_uri(uri: str) -> None:
    """Log each redirect URL once: the one to register at the provider.

    A provider that does not know it refuses the login on its own page, which
    the app never sees; this line in the log says what to register or fix.
    """
    logger.info("login redirect URL %s (register it at the provider)", uri)
    parts = urlsplit(uri)
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        logger.warning(
            "login redirect URL %s is plain http: behind a proxy that terminates "
            "TLS, set KERNENKAART_TRUSTED_PROXIES (docs/deployment.md)",
            uri,
        )


def add_routes(
    server: flask.Flask, client: Any, config: LoginConfig, audit: AuditLog
) -> None:
    """/auth/login, /auth/callback, /auth/logout and /auth/uitgelogd."""
    used = UsedStates()

    @server.get("/auth/login")
    def auth_login() -> flask.Response:
        target = safe_next(flask.request.args.get("next"))
        if flask.session.get(USER):
            return flask.redirect(target)
        flask.session["next"] = target
        redirect_uri = flask.url_for("auth_callback", _external=True)
        report_redirect_uri(redirect_uri)
        return client.authorize_redirect(redirect_uri)

    @server.get("/auth/callback")
    def auth_callback() -> flask.Response:
        state = flask.request.args.get("state", "")
        if not used.first_use(state):
            token, reason, status = None, "Deze inlogpoging is al gebruikt.", 401
        else:
            token, reason, status = _token_or_refusal(client, config)
        if token is None:
            audit.write("refused", None, what="/auth/callback", reason=reason)
            flask.session.pop(USER, None)
            return pages.login_failed(reason, status)
        claims = dict(token["userinfo"])
        role = role_for(groups_of(claims, config.groups_claim), config.roles)
        user = _user(claims, role)
        if role is None:
            audit.write("refused", user, what="/auth/callback", reason="geen rol")
            flask.session.clear()
            return pages.no_role(config.groups_claim)
        target = safe_next(flask.session.get("next"))
        flask.session.clear()  # nothing of before the login is kept
        flask.session.permanent = True
        flask.session[USER] = user  # not the ID token: it can outgrow a cookie
        flask.session[SINCE] = time.time()
        audit.write("login", user, what="/auth/callback")
        return flask.redirect(target)

    @server.route("/auth/logout", methods=["GET", "POST"])
    def auth_logout() -> flask.Response:
        user = flask.session.get(USER)
        flask.session.clear()
        if user:
            audit.write("logout", user, what="/auth/logout")
        done = flask.url_for("auth_logged_out", _external=True)
        metadata = client.server_metadata
        if user and metadata.get("end_session_endpoint"):
            url = client.create_logout_url(
                post_logout_redirect_uri=done, client_id=config.client_id
            )["url"]
            return flask.redirect(url)
        return flask.redirect(done)

    @server.get("/auth/uitgelogd")
    def auth_logged_out() -> flask.Response:
        return pages.logged_out()
