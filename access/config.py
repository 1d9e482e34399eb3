"""Login configuration from the settings: issuer, client, secrets, roles.

Secrets come from a ``KERNENKAART_*`` variable or from the file a ``*_FILE``
variable names (a Docker/Kubernetes secret), never from a committed file.
Every error names the setting to fix, in Dutch, for the person who runs it.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from pathlib import Path

from access.roles import RoleMap, parse_role_groups
from pipelines.errors import ConfigError
from pipelines.settings import Settings

WELL_KNOWN = "/.well-known/openid-configuration"
CLOCK_SKEW = 60  # seconds of leeway on exp/iat of an ID token


class LoginConfigError(ConfigError):
    """The login (OpenID Connect) is configured wrongly or cannot reach its provider."""


@dataclass(frozen=True)
class LoginConfig:
    """Everything the OpenID Connect client needs; built once at start-up."""

    issuer: str
    discovery_url: str
    client_id: str
    client_secret: str = field(repr=False)
    scope: str
    groups_claim: str
    roles: RoleMap
    session_secret: str = field(repr=False)
    session_hours: float


def is_loopback(address: str | None) -> bool:
    """127.0.0.0/8, ::1 or 'localhost': this computer only."""
    try:
        return ipaddress.ip_address((address or "").strip("[]")).is_loopback
    except ValueError:
        return address == "localhost"


def _secret(settings: Settings, name: str) -> str:
    """The value of setting ``name`` or the contents of the file ``name_file``."""
    value = str(getattr(settings, name) or "")
    path = str(getattr(settings, f"{name}_file") or "")
    variable = f"KERNENKAART_{name.upper()}"
    if value and path:
        raise LoginConfigError(
            f"{variable} en {variable}_FILE zijn allebei gezet.",
            hint="Gebruik er één: bij voorkeur het bestand (_FILE).",
        )
    if not path:
        return value
    try:
        return Path(path).expanduser().read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise LoginConfigError(
            f"{variable}_FILE={path!r} kan niet worden gelezen ({exc.strerror}).",
            hint="Geef het pad van een leesbaar bestand met alleen het geheim.",
        ) from exc


def _require(value: str, variable: str, what: str) -> str:
    if not value:
        raise LoginConfigError(
            f"De login is half ingesteld: {variable} ontbreekt ({what}).",
            hint="Zie docs/deployment.md, 'Login', voor alle instellingen.",
        )
    return value


def login_config(settings: Settings) -> LoginConfig | None:
    """The login configuration, or None when no login is set (no issuer, no client).

    Raises LoginConfigError for a half or wrong configuration, naming the setting.
    """
    secret = _secret(settings, "oidc_client_secret")
    if not (settings.oidc_issuer or settings.oidc_client_id or secret):
        return None
    issuer = _require(
        settings.oidc_issuer.rstrip("/"),
        "KERNENKAART_OIDC_ISSUER",
        "het adres van de identity provider",
    )
    if not issuer.startswith(("https://", "http://")):
        raise LoginConfigError(
            f"KERNENKAART_OIDC_ISSUER={issuer!r} is geen http(s)-adres.",
            hint="Bijvoorbeeld https://login.microsoftonline.com/<tenant>/v2.0",
        )
    session_secret = _secret(settings, "session_secret")
    if len(session_secret) < 32:
        raise LoginConfigError(
            "KERNENKAART_SESSION_SECRET (of _FILE) ontbreekt of is korter dan "
            "32 tekens; daarmee worden de sessiecookies ondertekend.",
            hint="Maak er een met: python -c 'import secrets; "
            "print(secrets.token_urlsafe(48))'",
        )
    return LoginConfig(
        issuer=issuer,
        discovery_url=settings.oidc_discovery_url or issuer + WELL_KNOWN,
        client_id=_require(
            settings.oidc_client_id, "KERNENKAART_OIDC_CLIENT_ID", "de client-id"
        ),
        client_secret=_require(
            secret, "KERNENKAART_OIDC_CLIENT_SECRET", "het client secret"
        ),
        scope=settings.oidc_scope,
        groups_claim=settings.oidc_groups_claim,
        roles=parse_role_groups(settings.role_groups),
        session_secret=session_secret,
        session_hours=settings.session_hours,
    )
