"""Every route of an intern server is shut without a session; safe defaults."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import requests
from werkzeug.routing import AnyConverter, Rule

from access import check_can_serve
from access.config import LoginConfigError
from pipelines.errors import ConfigError
from pipelines.settings import load_settings
from tests.access.conftest import LoginApp
from tests.oidc_support import Provider, Served, free_port, login_settings

OPEN = ("/healthz",)


def example_url(rule: Rule) -> str:
    """The rule with a plausible value for each of its variables."""
    values = {}
    for name, converter in rule._converters.items():
        if isinstance(converter, AnyConverter):
            values[name] = sorted(converter.items)[0]
        else:
            values[name] = {"gemeente": "west-betuwe"}.get(name, "beesd")
    return rule.build(values, append_unknown=False)[1]


def test_routes_every_rule_needs_a_session(login_app: LoginApp) -> None:
    server = login_app.app.server
    client = server.test_client()
    rules = [r for r in server.url_map.iter_rules() if r.rule not in OPEN]
    rules = [r for r in rules if not r.rule.startswith("/auth/")]
    assert len(rules) >= 10  # Dash's own routes, the JSON routes, feeds, assets
    seen = []
    for rule in rules:
        url = example_url(rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            answer = client.open(
                url, method=method, headers={"Origin": "http://localhost"}
            )
            redirect = answer.status_code == 302 and answer.headers[
                "Location"
            ].startswith("/auth/login")
            assert answer.status_code == 401 or redirect, (method, url)
            seen.append(f"{method} {rule.rule}")
    # the kinds of route that matter are among them
    text = "\n".join(seen)
    for route in ("POST /_dash-update-component", "/kaart-kleuren/", "/geo/", ".ics"):
        assert route in text
    # pages (a browser) are sent to the login; fetches get 401
    page = client.get("/kern/beesd", headers={"Accept": "text/html"})
    assert page.status_code == 302
    assert client.get("/healthz").status_code == 200


def test_routes_cross_origin_post_is_refused_even_with_a_session(
    login_app: LoginApp,
) -> None:
    session = login_app.session("ada@gemeente.nl")
    url = login_app.url + "/_dash-update-component"
    body = {"output": "x.children", "outputs": {}, "inputs": [], "changedPropIds": []}
    for headers in (
        {"Origin": "https://aanvaller.example"},
        {"Origin": "null"},
        {"Referer": "https://aanvaller.example/pagina"},
    ):
        answer = session.post(url, json=body, headers=headers)
        assert answer.status_code == 403, headers
        assert "Verzoek geweigerd" in answer.text
    # the app's own origin passes the check (and reaches Dash)
    own = session.post(url, json=body, headers={"Origin": login_app.url})
    assert own.status_code != 403
    refused = [e for e in login_app.events() if e.get("reason") == "andere origin"]
    assert refused and refused[-1]["user"] == "ada@gemeente.nl"


def test_routes_intern_answers_are_never_cached_publicly(login_app: LoginApp) -> None:
    session = login_app.session("gijs@gemeente.nl")
    answer = session.get(login_app.url + "/kaart-kleuren/west-betuwe.json")
    assert answer.status_code == 200
    assert "private" in answer.headers["Cache-Control"]
    assert "public" not in answer.headers["Cache-Control"]
    assert "Cookie" in answer.headers["Vary"]


def test_routes_audit_log_holds_only_the_events_and_the_user(
    login_app: LoginApp, access_stores: Path
) -> None:
    """Every line is one of the events with known fields; no resident's data."""
    login_app.session("anna@gemeente.nl")
    events = login_app.events()
    assert {e["event"] for e in events} <= {"login", "logout", "refused", "download"}
    allowed = {"ts", "event", "user", "name", "role", "audience", "what"}
    allowed |= {"gemeente", "reason", "client"}
    users = {"anna@gemeente.nl", "gijs@gemeente.nl", "ada@gemeente.nl"}
    users |= {"nora@gemeente.nl", None}
    for event in events:
        assert set(event) <= allowed, event
        assert event["user"] in users and event["name"] in users
        assert re.fullmatch(
            r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", event["ts"]
        )
    text = login_app.audit.read_text()
    assert "Voorbeeld Persoon" not in text and "@example.org" not in text
    assert all(json.loads(line) for line in text.splitlines())


def test_routes_serve_refuses_intern_on_a_public_address_without_login(
    settings,  # noqa: ANN001 - tests/conftest.py: no KERNENKAART_ variables
) -> None:
    from typer.testing import CliRunner

    from cli import app as cli_app

    public = load_settings(build_dir=settings.build_dir, host="0.0.0.0")
    with pytest.raises(LoginConfigError, match="KERNENKAART_OIDC_ISSUER"):
        check_can_serve(public)
    check_can_serve(load_settings(build_dir=settings.build_dir))  # loopback: fine
    openbaar = load_settings(
        build_dir=settings.build_dir, host="0.0.0.0", audience="openbaar"
    )
    check_can_serve(openbaar)
    proxied = load_settings(build_dir=settings.build_dir, trusted_proxies=1)
    with pytest.raises(LoginConfigError, match="achter een proxy"):
        check_can_serve(proxied)
    result = CliRunner().invoke(
        cli_app, ["serve", "--host", "0.0.0.0", "--build-dir", str(settings.build_dir)]
    )
    assert result.exit_code == 1
    output = " ".join(result.output.split())  # rich wraps lines
    assert "niet gestart op 0.0.0.0" in output
    assert "KERNENKAART_OIDC_ISSUER" in output
    assert "Traceback" not in result.output


def test_routes_loopback_without_login_serves_loopback_only(
    access_stores: Path, tmp_path: Path
) -> None:
    from app import create_app

    settings = load_settings(
        build_dir=access_stores, audit_log=str(tmp_path / "audit.jsonl")
    )
    app = create_app(settings)
    client = app.server.test_client()
    assert client.get("/_dash-layout").status_code == 200
    text = client.get(
        "/_dash-layout", headers={"Referer": "http://127.0.0.1/?gemeente=west-betuwe"}
    ).text
    assert "deze interne kernenkaart is alleen op deze computer bereikbaar" in text
    remote = client.get("/_dash-layout", environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert remote.status_code == 403
    assert "Alleen op deze computer" in remote.text
    # a local nginx makes every client look local: what it passes on is refused
    proxied = client.get("/_dash-layout", headers={"X-Forwarded-For": "192.0.2.8"})
    assert proxied.status_code == 403
    health = client.get("/healthz", environ_base={"REMOTE_ADDR": "192.0.2.9"})
    assert health.status_code == 200  # a load balancer's check stays open
    events = [
        json.loads(x) for x in (tmp_path / "audit.jsonl").read_text().split("\n") if x
    ]
    assert [(e["event"], e["client"]) for e in events[-2:]] == [
        ("refused", "192.0.2.7"),
        ("refused", "127.0.0.1"),
    ]


def test_routes_unreachable_issuer_is_named_at_start_up(
    access_stores: Path, tmp_path: Path
) -> None:
    from app import create_app

    nowhere = f"http://127.0.0.1:{free_port()}"
    settings = login_settings(access_stores, nowhere, ("id", "geheim"))
    with pytest.raises(LoginConfigError, match="KERNENKAART_OIDC_ISSUER") as info:
        create_app(settings)
    assert "niet bereikbaar" in str(info.value)


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"oidc_client_id": ""}, "KERNENKAART_OIDC_CLIENT_ID"),
        ({"oidc_client_secret": ""}, "KERNENKAART_OIDC_CLIENT_SECRET"),
        ({"session_secret": "kort"}, "KERNENKAART_SESSION_SECRET"),
        ({"role_groups": "baas=raad"}, "KERNENKAART_ROLE_GROUPS"),
        ({"oidc_issuer": "login.gemeente.nl"}, "KERNENKAART_OIDC_ISSUER"),
    ],
)
def test_routes_half_configured_login_names_the_setting(
    access_stores: Path, provider: Provider, change: dict, named: str
) -> None:
    from app import create_app

    settings = login_settings(access_stores, provider.url, ("id", "geheim"), **change)
    with pytest.raises(ConfigError, match=named):
        create_app(settings)


def test_routes_client_secret_from_a_file(
    access_stores: Path, provider: Provider, tmp_path: Path
) -> None:
    from app import create_app

    port = free_port()
    client_id, secret = provider.register([f"http://127.0.0.1:{port}/auth/callback"])
    (tmp_path / "secret").write_text(secret + "\n")
    settings = login_settings(
        access_stores,
        provider.url,
        (client_id, ""),
        oidc_client_secret_file=str(tmp_path / "secret"),
        audit_log=str(tmp_path / "audit.jsonl"),
    )
    served = Served(create_app(settings).server, port)
    try:
        from tests.oidc_support import login

        assert (
            login(requests.Session(), served.url, "ada@gemeente.nl").status_code == 302
        )
    finally:
        served.close()


def test_routes_bestuur_needs_the_openbaar_stores(
    provider: Provider, tmp_path: Path
) -> None:
    import shutil

    from app import create_app
    from tests.oidc_support import build_stores

    stores = build_stores(tmp_path / "stores")
    for path in stores.glob("*-openbaar.gpkg"):
        shutil.move(path, tmp_path / path.name)
    settings = login_settings(stores, provider.url, ("id", "geheim"))
    with pytest.raises(ConfigError, match="kernenkaart build --gemeente all"):
        create_app(settings)


def test_routes_session_ends_after_its_lifetime_whatever_the_activity(
    access_stores: Path, provider: Provider, tmp_path: Path
) -> None:
    import time

    from tests.access.conftest import make_login_app

    app = make_login_app(access_stores, provider, tmp_path, session_hours=3 / 3600)
    try:
        session = app.session("ada@gemeente.nl")
        # requests every 0.5 s renew the cookie; a sliding lifetime would keep
        # it until 4.5 s, the absolute one ends it at 3 s
        for _ in range(4):
            assert session.get(app.url + "/_dash-layout").status_code == 200
            time.sleep(0.5)
        time.sleep(1.5)
        assert session.get(app.url + "/_dash-layout").status_code == 401
    finally:
        app.served.close()


def test_routes_openbaar_server_has_no_login_and_no_intern_store(
    access_stores: Path,
) -> None:
    from app import create_app

    app = create_app(load_settings(build_dir=access_stores, audience="openbaar"))
    assert set(app.server.extensions["kernenkaart"]["repos"]) == {"openbaar"}
    client = app.server.test_client()
    assert client.get("/_dash-layout").status_code == 200
    assert client.get("/auth/login").status_code == 404
    remote = client.get("/_dash-layout", environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert remote.status_code == 200


def test_routes_cli_export_from_an_intern_store_is_audited(
    access_stores: Path, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from access.audit import read_events
    from cli import app as cli_app

    audit = tmp_path / "audit.jsonl"
    for audience in ("intern", "openbaar"):
        result = CliRunner().invoke(
            cli_app,
            ["export", "kalender", "--gemeente", "west-betuwe", "--no-pdf"]
            + ["--audience", audience, "--build-dir", str(access_stores)]
            + ["--out", str(tmp_path / audience)],
            env={"KERNENKAART_AUDIT_LOG": str(audit)},
        )
        assert result.exit_code == 0, result.output
    events = read_events(audit)
    assert len(events) == 1  # the openbaar export holds no personal data
    assert events[0]["event"] == "export" and events[0]["gemeente"] == "west-betuwe"
    assert events[0]["user"].startswith("os:") and events[0]["role"] is None
