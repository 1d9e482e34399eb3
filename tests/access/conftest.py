"""Fixtures of the login tests: stores, a real OpenID provider, logged-in apps."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from access.audit import read_events
from tests.oidc_support import (
    Provider,
    Served,
    build_stores,
    free_port,
    login,
    login_settings,
)

USERS = {
    "anna@gemeente.nl": ["raad"],  # bestuur
    "gijs@gemeente.nl": ["gm", "medewerkers"],  # gebiedsmakelaar
    "ada@gemeente.nl": ["data", "raad"],  # analist (sees most of both)
    "nora@gemeente.nl": ["kantine"],  # no role
}


@dataclass
class LoginApp:
    """An intern app with login, served on loopback, and its audit file."""

    url: str
    app: object
    audit: Path
    served: Served
    provider_url: str

    def events(self) -> list[dict]:
        return read_events(self.audit)

    def session(self, sub: str) -> requests.Session:
        """A requests session logged in as ``sub``."""
        session = requests.Session()
        answer = login(session, self.url, sub)
        assert answer.status_code == 302, answer.text
        return session


@pytest.fixture(scope="session")
def access_stores(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_stores(tmp_path_factory.mktemp("access-stores"))


@pytest.fixture(scope="session")
def provider() -> Iterator[Provider]:
    server = Provider()
    for sub, groups in USERS.items():
        server.set_user(sub, email=sub, name=sub.split("@")[0], groups=groups)
    yield server
    server.stop()


def make_login_app(
    stores: Path, provider: Provider, tmp: Path, **extra: object
) -> LoginApp:
    """Register a client for a free port at ``provider`` and serve an app there."""
    from app import create_app

    port = free_port()
    client = provider.register([f"http://127.0.0.1:{port}/auth/callback"])
    audit = tmp / "audit.jsonl"
    extra.setdefault("audit_log", str(audit))
    settings = login_settings(stores, provider.url, client, **extra)
    app = create_app(settings)
    served = Served(app.server, port)
    return LoginApp(served.url, app, audit, served, provider.url)


@pytest.fixture(scope="session")
def login_app(
    access_stores: Path, provider: Provider, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LoginApp]:
    app = make_login_app(access_stores, provider, tmp_path_factory.mktemp("audit"))
    yield app
    app.served.close()
