"""Settings: one frozen object from arguments, then environment, then defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from pipelines.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ENV_PREFIX = "KERNENKAART_"
SERVERS = ("waitress", "gunicorn")


@dataclass(frozen=True)
class Settings:
    """All configuration of the kernenkaart.

    Every field can be set with an environment variable ``KERNENKAART_<NAME>``
    (for example ``KERNENKAART_BUILD_DIR``); explicit arguments win over the
    environment, the environment wins over the defaults below.
    """

    build_dir: Path = PROJECT_ROOT / "build"
    geodata_dir: Path = PROJECT_ROOT / "geodata"
    records_dir: Path = PROJECT_ROOT / "data" / "voorbeelddata"
    pdok_url: str = "https://api.pdok.nl/cbs"
    cbs_url: str = "https://opendata.cbs.nl"
    http_timeout: float = 30.0
    http_retries: int = 4
    http_backoff: float = 1.0
    year: int = 2024
    audience: str = "intern"
    host: str = "127.0.0.1"
    port: int = 8050
    # serving (docs/deployment.md, "Server and load"); 0 = choose from CPU count
    server: str = "waitress"  # or gunicorn (Unix, for more than 2 cores)
    workers: int = 0  # processes (gunicorn)
    threads: int = 0  # threads per process
    keepalive: int = 15  # seconds an idle keep-alive connection stays open
    timeout: int = 120  # seconds before a stuck request's worker is restarted
    connection_limit: int = 1000  # open connections per process
    store_cache: int = 16  # stores kept loaded per process (least recently used)
    debug: bool = False
    default_gemeente: str = ""
    log_level: str = "INFO"
    # Login, roles, audit log and reverse proxy of an intern server (access/;
    # docs/deployment.md, "Login"). Secrets are never printed (repr=False).
    oidc_issuer: str = ""
    oidc_discovery_url: str = ""  # "" = <issuer>/.well-known/openid-configuration
    oidc_client_id: str = ""
    oidc_client_secret: str = field(default="", repr=False)
    oidc_client_secret_file: str = ""
    oidc_scope: str = "openid profile email"
    oidc_groups_claim: str = "groups"
    role_groups: str = ""  # "bestuur=raad,college;gebiedsmakelaar=gm;analist=data"
    session_secret: str = field(default="", repr=False)
    session_secret_file: str = ""
    session_hours: float = 8.0
    audit_log: str = ""  # "" = <build_dir>/audit/audit.jsonl
    audit_keep_days: int = 400
    trusted_proxies: int = 0
    # The openbaar server's address (https://kernenkaart.example.nl): an intern
    # server with login offers its calendar feeds there (agenda apps can't log in)
    public_url: str = ""

    @property
    def gemeenten_dir(self) -> Path:
        return self.geodata_dir / "gemeenten"

    @property
    def snapshot_dir(self) -> Path:
        return self.geodata_dir / "cbs"


def _coerce(name: str, raw: str, kind: Any) -> Any:
    try:
        if kind in (bool, "bool"):
            return raw.strip().lower() in {"1", "true", "yes", "ja", "on"}
        if kind in (int, "int"):
            return int(raw)
        if kind in (float, "float"):
            return float(raw)
        if kind in (Path, "Path"):
            return Path(raw).expanduser()
    except ValueError as exc:
        raise ConfigError(
            f"Environment variable {ENV_PREFIX}{name.upper()}={raw!r} is not a valid "
            f"{kind}.",
            hint="Fix or unset the variable.",
        ) from exc
    return raw


def load_settings(**overrides: Any) -> Settings:
    """Settings from ``overrides`` (None ignored), then environment, then defaults."""
    values: dict[str, Any] = {}
    for f in fields(Settings):
        env = os.environ.get(ENV_PREFIX + f.name.upper())
        if env is not None and env != "":
            values[f.name] = _coerce(f.name, env, f.type)
    for key, value in overrides.items():
        if value is None:
            continue
        if key not in {f.name for f in fields(Settings)}:
            raise ConfigError(f"Unknown setting {key!r}.")
        values[key] = value
    settings = replace(Settings(), **values)
    if settings.audience not in {"intern", "openbaar"}:
        raise ConfigError(
            f"Unknown audience {settings.audience!r}.",
            hint="Use 'intern' or 'openbaar'.",
        )
    _check_serving(settings)
    return settings


def _check_serving(settings: Settings) -> None:
    if settings.server not in SERVERS:
        raise ConfigError(
            f"Unknown server {settings.server!r}.",
            hint=f"Use one of {', '.join(SERVERS)}.",
        )
    if settings.store_cache < 1 or settings.connection_limit < 1:
        raise ConfigError(
            f"store_cache ({settings.store_cache}) and connection_limit "
            f"({settings.connection_limit}) must be at least 1.",
            hint="Fix KERNENKAART_STORE_CACHE or KERNENKAART_CONNECTION_LIMIT.",
        )
