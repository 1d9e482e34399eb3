"""A real OpenID provider for the login tests, and helpers to log in through it.

The provider is ``oidc-provider-mock`` (PyPI), run as its own process on
loopback: it serves discovery and JWKS, registers clients (unknown redirect
URIs and wrong secrets are refused) and signs real RS256 ID tokens with the
claims a test gives a user (``groups`` among them).

``TamperProxy`` stands between the app and the provider's token endpoint
only: it passes everything through and, when a test asks, swaps or damages
the ID token of the answer, so the app's own validation is what is tested.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import requests
from werkzeug.wrappers import Request, Response

from pipelines.build import build_gemeente
from pipelines.gemeente import resolve_gemeenten
from pipelines.settings import PROJECT_ROOT, Settings, load_settings
from tests.net import free_port

RECORDS = PROJECT_ROOT / "data" / "voorbeelddata"
SESSION_SECRET = "test-sessie-geheim-" + "x" * 40
ROLE_GROUPS = "bestuur=raad,college;gebiedsmakelaar=gm;analist=data"


def build_stores(build_dir: Path, gemeente: str = "west-betuwe") -> Path:
    """One gemeente, intern and openbaar, from the snapshot and voorbeelddata."""
    settings = load_settings(build_dir=build_dir)
    for config in resolve_gemeenten(settings.gemeenten_dir, gemeente):
        for audience in ("intern", "openbaar"):
            build_gemeente(
                settings, config, "snapshot", records_dir=RECORDS, audience=audience
            )
    return build_dir


class Provider:
    """oidc-provider-mock in a process of its own on 127.0.0.1."""

    def __init__(self, *args: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, "-m", "oidc_provider_mock", "-H", "127.0.0.1"]
        command += ["-p", str(self.port), "--require-registration", "--require-nonce"]
        self.process = subprocess.Popen(
            [*command, *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "NO_COLOR": "1"},
        )
        self._wait()

    def _wait(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                requests.get(self.url + "/.well-known/openid-configuration", timeout=1)
                return
            except requests.ConnectionError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("oidc-provider-mock did not start")

    def register(self, redirect_uris: list[str]) -> tuple[str, str]:
        """A new client for these redirect URIs: (client id, client secret)."""
        answer = requests.post(
            self.url + "/oauth2/clients",
            json={"redirect_uris": redirect_uris},
            timeout=5,
        )
        answer.raise_for_status()
        body = answer.json()
        return body["client_id"], body["client_secret"]

    def set_user(self, sub: str, **claims: object) -> None:
        answer = requests.put(f"{self.url}/users/{quote(sub)}", json=claims, timeout=5)
        assert answer.status_code == 204, answer.text

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)


def login_settings(
    build_dir: Path, provider_url: str, client: tuple[str, str], **extra: object
) -> Settings:
    """Settings of an intern server that logs in with ``provider_url``."""
    values: dict[str, object] = {
        "build_dir": build_dir,
        "audience": "intern",
        "oidc_issuer": provider_url,
        "oidc_client_id": client[0],
        "oidc_client_secret": client[1],
        "session_secret": SESSION_SECRET,
        "role_groups": ROLE_GROUPS,
        "audit_log": str(build_dir / "audit" / "audit.jsonl"),
    }
    values.update(extra)
    return load_settings(**values)


class Served:
    """A WSGI app served by waitress in a thread on a free loopback port."""

    def __init__(self, wsgi: Callable, port: int | None = None) -> None:
        from waitress.server import create_server

        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # as `kernenkaart serve` does: X-Forwarded-* reach the app, whose
        # ProxyFix trusts KERNENKAART_TRUSTED_PROXIES of them (0: none)
        self.server = create_server(
            wsgi,
            host="127.0.0.1",
            port=self.port,
            threads=8,
            clear_untrusted_proxy_headers=False,
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.close()


def start_login(session: requests.Session, app_url: str, next_path: str = "/") -> str:
    """GET /auth/login on the app: the provider's authorization URL it redirects to."""
    answer = session.get(
        f"{app_url}/auth/login", params={"next": next_path}, allow_redirects=False
    )
    assert answer.status_code == 302, answer.text
    return answer.headers["Location"]


def authorize(authorization_url: str, sub: str) -> str:
    """Submit the provider's login form as ``sub``: the callback URL it sends back."""
    answer = requests.post(
        authorization_url, data={"sub": sub}, allow_redirects=False, timeout=10
    )
    assert answer.status_code == 302, answer.text
    return answer.headers["Location"]


def login(
    session: requests.Session, app_url: str, sub: str, next_path: str = "/"
) -> requests.Response:
    """The whole flow: app -> provider form -> app callback; the callback's answer."""
    callback = authorize(start_login(session, app_url, next_path), sub)
    return session.get(callback, allow_redirects=False)


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


class TamperProxy:
    """Discovery and token endpoint of a provider, with the ID token changed on ask.

    ``mode``: None (pass through), "signature" (one byte of the signature
    changed), or "swap" (the ID token replaced by ``self.id_token``).
    """

    def __init__(self, provider_url: str) -> None:
        self.provider = provider_url
        self.mode: str | None = None
        self.id_token = ""
        self.served = Served(self.wsgi)
        self.url = self.served.url

    def wsgi(self, environ: dict, start_response: Callable) -> object:
        request = Request(environ)
        if request.path.endswith("/openid-configuration"):
            body = requests.get(self.provider + request.path, timeout=5).json()
            body["token_endpoint"] = self.url + "/token"
            response = Response(_json(body), mimetype="application/json")
        else:
            response = self._token(request)
        return response(environ, start_response)

    def _token(self, request: Request) -> Response:
        real = requests.get(
            self.provider + "/.well-known/openid-configuration", timeout=5
        ).json()["token_endpoint"]
        answer = requests.post(
            real,
            data=request.form.to_dict(),
            headers={"Authorization": request.headers.get("Authorization", "")},
            timeout=10,
        )
        body = answer.json()
        if answer.ok and self.mode == "signature":
            head, payload, signature = body["id_token"].split(".")
            flipped = ("A" if signature[5] != "A" else "B").join(
                [signature[:5], signature[6:]]
            )
            body["id_token"] = ".".join([head, payload, flipped])
        elif answer.ok and self.mode == "swap":
            body["id_token"] = self.id_token
        return Response(
            _json(body), status=answer.status_code, mimetype="application/json"
        )

    def close(self) -> None:
        self.served.close()


def _json(body: object) -> str:
    return json.dumps(body)
