"""Who may see the kernenkaart: login (OpenID Connect), roles, audit log, proxy.

Flask level, wired by ``app.create_app`` through :func:`install`. An openbaar
server needs no login; an intern server needs one, except on loopback (an
analyst's own machine), where it serves loopback clients only.
"""

from __future__ import annotations

import getpass
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import flask
from werkzeug.middleware.proxy_fix import ProxyFix

from access.audit import AuditLog
from access.config import LoginConfig, LoginConfigError, is_loopback, login_config
from access.guard import install_guard
from access.oidc import add_routes, check_provider, register_client
from access.roles import BESTUUR
from pipelines.settings import Settings

logger = logging.getLogger(__name__)
SESSION_COOKIE = "kernenkaart_sessie"
__all__ = [
    "Access",
    "LoginConfigError",
    "audit_cli_export",
    "check_can_serve",
    "install",
]


@dataclass(frozen=True)
class Access:
    """What :func:`install` set up: the mode and the audit log (intern only)."""

    mode: str  # "oidc", "lokaal" or "open"
    audit: AuditLog | None
    login: LoginConfig | None


def audit_path(settings: Settings) -> Path:
    if settings.audit_log:
        return Path(settings.audit_log).expanduser()
    return settings.build_dir / "audit" / "audit.jsonl"


def check_can_serve(settings: Settings) -> None:
    """Refuse an intern server without login on a non-loopback address or behind
    a proxy (KERNENKAART_TRUSTED_PROXIES > 0)."""
    behind_proxy = settings.trusted_proxies > 0
    if settings.audience != "intern" or (
        is_loopback(settings.host) and not behind_proxy
    ):
        return
    if login_config(settings) is None:
        raise LoginConfigError(
            "De interne kernenkaart (met persoonsgegevens) wordt niet gestart op "
            f"{settings.host}"
            + (" achter een proxy" if behind_proxy else "")
            + ": zonder login zou iedereen die dit adres bereikt de "
            "persoonsgegevens zien.",
            hint="Stel de login in met KERNENKAART_OIDC_ISSUER, "
            "KERNENKAART_OIDC_CLIENT_ID, KERNENKAART_OIDC_CLIENT_SECRET(_FILE), "
            "KERNENKAART_SESSION_SECRET(_FILE) en KERNENKAART_ROLE_GROUPS "
            "(docs/deployment.md, 'Login'); of start op 127.0.0.1, of serveer "
            "--audience openbaar.",
        )


def _session_cookies(
    server: flask.Flask, settings: Settings, config: LoginConfig
) -> None:
    """Signed, HttpOnly, SameSite=Lax cookies; Secure except on plain loopback."""
    plain_local = settings.trusted_proxies == 0 and is_loopback(settings.host)
    server.secret_key = config.session_secret
    server.config.update(
        SESSION_COOKIE_NAME=SESSION_COOKIE,
        SESSION_COOKIE_SECURE=not plain_local,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",  # the provider's redirect back is top-level
        PERMANENT_SESSION_LIFETIME=timedelta(hours=config.session_hours),
    )


def install(server: flask.Flask, settings: Settings) -> Access:
    """Proxy headers, login routes, the guard and the audit log for one server."""
    n = settings.trusted_proxies
    if n > 0:
        server.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            server.wsgi_app, x_for=n, x_proto=n, x_host=n, x_port=n
        )
    config = login_config(settings) if settings.audience == "intern" else None
    audit = None
    if settings.audience == "intern":
        audit = AuditLog(audit_path(settings), settings.audit_keep_days, "intern")
    mode = "open" if settings.audience != "intern" else "oidc" if config else "lokaal"
    if config is not None and audit is not None:
        client = register_client(server, config)
        check_provider(client, config)
        _session_cookies(server, settings, config)
        add_routes(server, client, config, audit)
    install_guard(server, audit, mode, settings.audience)
    if mode == "lokaal":
        logger.warning("intern server without login: loopback clients only")
    return Access(mode=mode, audit=audit, login=config)


def needs_openbaar(access: Access) -> bool:
    """Whether this server must also hold the openbaar stores (for bestuur)."""
    return access.login is not None and BESTUUR in access.login.roles


def download_hook(acc: Access) -> Callable[[str, str], None] | None:
    """Writes a 'download' event for the request's user (intern servers only)."""
    audit = acc.audit
    if audit is None:
        return None

    def on_download(gemeente: str, what: str) -> None:
        audit.write(
            "download", flask.g.get("kernenkaart_user"), what=what, gemeente=gemeente
        )

    return on_download


def audit_cli_export(settings: Settings, gemeente: str, what: str) -> None:
    """An export from an intern store on the command line, by the computer's user."""
    if settings.audience != "intern":
        return
    log = AuditLog(audit_path(settings), settings.audit_keep_days, "intern")
    try:
        user = {"sub": f"os:{getpass.getuser()}", "name_id": None, "role": None}
        log.write("export", user, what=what, gemeente=gemeente)
    finally:
        log.close()
