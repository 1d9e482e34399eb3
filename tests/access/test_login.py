"""Login against a real OpenID provider (oidc-provider-mock, its own process)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import requests

from tests.access.conftest import LoginApp, make_login_app
from tests.oidc_support import (
    Provider,
    TamperProxy,
    authorize,
    login,
    query_of,
    start_login,
)

PAGE = {"Accept": "text/html,application/xhtml+xml"}


def layout_text(session: requests.Session, url: str, path: str) -> str:
    """The Dash layout of ``path`` as the browser asks for it (pre-rendered)."""
    answer = session.get(url + "/_dash-layout", headers={"Referer": url + path})
    assert answer.status_code == 200, answer.text[:200]
    return answer.text


def test_login_page_without_session_redirects_to_login(login_app: LoginApp) -> None:
    answer = requests.get(
        login_app.url + "/kern/beesd?gemeente=west-betuwe",
        headers=PAGE,
        allow_redirects=False,
    )
    assert answer.status_code == 302
    assert answer.headers["Location"] == (
        "/auth/login?next=/kern/beesd%3Fgemeente%3Dwest-betuwe"
    )
    # a fetch of the app (Dash's layout, a JSON route) gets 401, not a page
    for path in ("/_dash-layout", "/kaart-kleuren/west-betuwe.json"):
        assert requests.get(login_app.url + path).status_code == 401


def test_login_request_has_pkce_state_and_nonce(login_app: LoginApp) -> None:
    session = requests.Session()
    url = start_login(session, login_app.url)
    query = query_of(url)
    assert url.startswith(login_app.provider_url + "/oauth2/authorize?")
    assert query["redirect_uri"] == login_app.url + "/auth/callback"
    assert query["code_challenge_method"] == "S256"
    assert len(query["code_challenge"]) == 43  # base64url of a SHA-256
    assert len(query["state"]) >= 20 and len(query["nonce"]) >= 20
    assert "openid" in query["scope"].split()


@pytest.mark.parametrize(
    ("sub", "role"),
    [
        ("anna@gemeente.nl", "bestuur"),
        ("gijs@gemeente.nl", "gebiedsmakelaar"),
        ("ada@gemeente.nl", "analist"),
    ],
)
def test_login_role_comes_from_the_groups_claim(
    login_app: LoginApp, sub: str, role: str
) -> None:
    session = requests.Session()
    answer = login(session, login_app.url, sub, "/monitor?gemeente=west-betuwe")
    assert answer.status_code == 302
    assert answer.headers["Location"] == "/monitor?gemeente=west-betuwe"
    cookie = answer.headers["Set-Cookie"]
    assert cookie.startswith("kernenkaart_sessie=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Expires=" in cookie
    assert session.get(login_app.url + "/monitor", headers=PAGE).status_code == 200
    text = layout_text(session, login_app.url, "/monitor?gemeente=west-betuwe")
    assert f"Ingelogd als {sub} ({role})." in text
    logins = [e for e in login_app.events() if e["event"] == "login"]
    assert {"user": sub, "name": sub, "role": role} in [
        {k: e[k] for k in ("user", "name", "role")} for e in logins
    ]


def test_login_user_without_a_role_gets_a_dutch_page(login_app: LoginApp) -> None:
    session = requests.Session()
    answer = login(session, login_app.url, "nora@gemeente.nl")
    assert answer.status_code == 403
    assert "Geen toegang" in answer.text and "groepen" in answer.text
    assert "Traceback" not in answer.text
    # no session: the app still sends her to the login
    page = session.get(login_app.url + "/", headers=PAGE, allow_redirects=False)
    assert page.status_code == 302 and "/auth/login" in page.headers["Location"]
    refused = [e for e in login_app.events() if e["event"] == "refused"]
    assert any(
        e["user"] == "nora@gemeente.nl" and e["reason"] == "geen rol" for e in refused
    )


def test_login_replayed_state_is_refused(login_app: LoginApp) -> None:
    session = requests.Session()
    callback = authorize(start_login(session, login_app.url), "gijs@gemeente.nl")
    before = session.cookies.copy()
    assert session.get(callback, allow_redirects=False).status_code == 302
    attacker = requests.Session()
    attacker.cookies.update(before)  # the cookie from before the login, replayed
    again = attacker.get(callback, allow_redirects=False)
    assert again.status_code == 401
    assert "Inloggen is niet gelukt" in again.text
    assert attacker.get(login_app.url + "/_dash-layout").status_code == 401
    # a state this app never made
    stranger = requests.get(
        login_app.url + "/auth/callback?code=abc&state=verzonnen", allow_redirects=False
    )
    assert stranger.status_code == 401


def test_login_logout_ends_the_session_also_at_the_provider(
    login_app: LoginApp,
) -> None:
    session = login_app.session("gijs@gemeente.nl")
    answer = session.get(login_app.url + "/auth/logout", allow_redirects=False)
    assert answer.status_code == 302
    end = answer.headers["Location"]
    assert end.startswith(login_app.provider_url + "/oauth2/end_session?")
    query = query_of(end)
    assert query["post_logout_redirect_uri"] == login_app.url + "/auth/uitgelogd"
    assert query["client_id"] == _client_id(login_app)
    assert session.get(login_app.url + "/_dash-layout").status_code == 401
    assert session.get(login_app.url + "/auth/uitgelogd").text.count("Uitgelogd") >= 1
    logouts = [e for e in login_app.events() if e["event"] == "logout"]
    assert logouts and logouts[-1]["user"] == "gijs@gemeente.nl"


def _client_id(app: LoginApp) -> str:
    return app.app.server.extensions["kernenkaart"]["settings"].oidc_client_id


def _refusal(app: LoginApp, sub: str) -> tuple[requests.Response, dict]:
    session = requests.Session()
    answer = login(session, app.url, sub)
    assert session.get(app.url + "/_dash-layout").status_code == 401
    return answer, app.events()[-1]


@pytest.fixture(scope="module")
def tampered(
    access_stores: Path, provider: Provider, tmp_path_factory: pytest.TempPathFactory
):
    """An app whose token endpoint answers pass through a TamperProxy."""
    proxy = TamperProxy(provider.url)
    app = make_login_app(
        access_stores,
        provider,
        tmp_path_factory.mktemp("tampered"),
        oidc_discovery_url=proxy.url + "/.well-known/openid-configuration",
    )
    yield app, proxy
    proxy.close()
    app.served.close()


def test_login_tamper_proxy_passes_a_good_token(tampered) -> None:
    app, proxy = tampered
    proxy.mode = None
    assert login(requests.Session(), app.url, "ada@gemeente.nl").status_code == 302


def test_login_bad_signature_is_refused(tampered) -> None:
    app, proxy = tampered
    proxy.mode = "signature"
    answer, event = _refusal(app, "ada@gemeente.nl")
    assert answer.status_code == 401
    assert "ID-token is ongeldig" in answer.text
    assert event["event"] == "refused" and "signature" in event["reason"]


def test_login_replayed_nonce_is_refused(tampered) -> None:
    """An ID token of an earlier login (right client, signature) has its nonce."""
    app, proxy = tampered
    proxy.mode = None
    session = requests.Session()
    url = start_login(session, app.url)
    earlier = _id_token_via(proxy, session, url, "ada@gemeente.nl")
    proxy.mode, proxy.id_token = "swap", earlier
    answer, event = _refusal(app, "ada@gemeente.nl")
    assert answer.status_code == 401
    assert "nonce" in event["reason"]


def test_login_token_for_another_client_is_refused(
    tampered, provider: Provider
) -> None:
    """An ID token the provider signed for another client: wrong audience."""
    app, proxy = tampered
    other = provider.register(["http://127.0.0.1:9/elders"])
    query = (
        f"response_type=code&client_id={other[0]}&redirect_uri="
        "http://127.0.0.1:9/elders&scope=openid&state=s1&nonce=andere-nonce-123"
    )
    code = query_of(
        authorize(f"{provider.url}/oauth2/authorize?{query}", "ada@gemeente.nl")
    )["code"]
    token = requests.post(
        provider.url + "/oauth2/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": "http://127.0.0.1:9/elders",
        },
        auth=other,
        timeout=10,
    ).json()
    assert json.loads(_claims(token["id_token"]))["aud"] == [other[0]]
    proxy.mode, proxy.id_token = "swap", token["id_token"]
    answer, event = _refusal(app, "ada@gemeente.nl")
    assert answer.status_code == 401
    assert "'aud'" in event["reason"]


def _id_token_via(proxy: TamperProxy, session, url: str, sub: str) -> str:  # noqa: ANN001
    """Log in once, keeping the ID token that passed the proxy."""
    captured: list[str] = []
    original = proxy._token

    def keep(request):  # noqa: ANN001, ANN202
        response = original(request)
        captured.append(json.loads(response.get_data())["id_token"])
        return response

    proxy._token = keep  # type: ignore[method-assign]
    try:
        assert (
            session.get(authorize(url, sub), allow_redirects=False).status_code == 302
        )
    finally:
        proxy._token = original  # type: ignore[method-assign]
    return captured[0]


def _claims(id_token: str) -> str:
    import base64

    payload = id_token.split(".")[1]
    return base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode()


def test_login_expired_token_is_refused(
    access_stores: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A provider whose tokens expired ten minutes before they were issued."""
    expired = Provider("--token-max-age", "-600")
    try:
        expired.set_user("ada@gemeente.nl", email="ada@gemeente.nl", groups=["data"])
        app = make_login_app(access_stores, expired, tmp_path_factory.mktemp("exp"))
        answer, event = _refusal(app, "ada@gemeente.nl")
        assert answer.status_code == 401
        assert "expired" in event["reason"]
        app.served.close()
    finally:
        expired.stop()


def test_login_wrong_client_secret_names_the_setting(
    access_stores: Path, provider: Provider, tmp_path_factory: pytest.TempPathFactory
) -> None:
    app = make_login_app(
        access_stores,
        provider,
        tmp_path_factory.mktemp("secret"),
        oidc_client_secret="dit-is-niet-het-geheim",
    )
    try:
        answer, event = _refusal(app, "ada@gemeente.nl")
        assert answer.status_code == 502
        assert "KERNENKAART_OIDC_CLIENT_SECRET" in answer.text
        assert "Traceback" not in answer.text
        assert event["event"] == "refused"
    finally:
        app.served.close()


def test_login_redirect_url_the_provider_refuses_opens_nothing(
    access_stores: Path, provider: Provider, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The provider knows another callback: it refuses, and the app stays shut."""
    from app import create_app
    from tests.oidc_support import Served, free_port, login_settings

    client = provider.register(["https://kernenkaart.example.nl/auth/callback"])
    settings = login_settings(
        access_stores,
        provider.url,
        client,
        audit_log=str(tmp_path_factory.mktemp("redirect") / "audit.jsonl"),
    )
    served = Served(create_app(settings).server, free_port())
    try:
        session = requests.Session()
        answer = requests.get(start_login(session, served.url), timeout=10)
        assert answer.status_code == 400
        assert "redirect" in answer.text.lower()
        assert session.get(served.url + "/_dash-layout").status_code == 401
    finally:
        served.close()
