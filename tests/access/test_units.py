"""Small parts of access/: role mapping, groups claim, redirects, origins, secrets."""

from __future__ import annotations

from pathlib import Path

import flask
import pytest

from access.config import LoginConfigError, is_loopback, login_config
from access.guard import same_origin
from access.oidc import safe_next
from access.roles import groups_of, parse_role_groups, role_for
from pipelines.errors import ConfigError
from pipelines.settings import Settings, load_settings


def test_units_role_groups_parse_and_the_role_that_sees_most_wins() -> None:
    roles = parse_role_groups(
        " bestuur = raad, college ; gebiedsmakelaar=gm;analist=data "
    )
    assert roles["bestuur"] == ("raad", "college")
    assert role_for(["college"], roles) == "bestuur"
    assert role_for(["gm", "raad"], roles) == "gebiedsmakelaar"
    assert role_for(["raad", "data", "gm"], roles) == "analist"
    assert role_for(["Raad"], roles) is None  # group names are exact
    assert role_for([], roles) is None


@pytest.mark.parametrize("text", ["", "baas=raad", "bestuur=", "bestuur"])
def test_units_bad_role_groups_name_the_setting(text: str) -> None:
    with pytest.raises(ConfigError, match="KERNENKAART_ROLE_GROUPS"):
        parse_role_groups(text)


def test_units_groups_claim_as_list_or_text() -> None:
    assert groups_of({"groups": ["a", "b"]}, "groups") == ("a", "b")
    assert groups_of({"roles": "a, b c"}, "roles") == ("a", "b", "c")
    assert groups_of({}, "groups") == ()
    assert groups_of({"groups": 7}, "groups") == ()


@pytest.mark.parametrize(
    ("target", "safe"),
    [
        ("/kern/beesd?gemeente=buren", "/kern/beesd?gemeente=buren"),
        ("https://elders.example/", "/"),
        ("//elders.example/pad", "/"),
        ("/\\elders.example", "/"),
        ("javascript:alert(1)", "/"),
        ("///elders.example", "/"),
        ("/\t/elders.example", "/"),
        ("/%2F/elders.example", "/%2F/elders.example"),  # a path of this site
        (None, "/"),
    ],
)
def test_units_next_is_never_another_site(target: str | None, safe: str) -> None:
    assert safe_next(target) == safe


def test_units_same_origin_rules() -> None:
    app = flask.Flask(__name__)

    def check(method: str, **headers: str) -> bool:
        with app.test_request_context(
            "/x", method=method, base_url="https://kaart.gemeente.nl", headers=headers
        ):
            return same_origin(flask.request)

    own = "https://kaart.gemeente.nl"
    assert check("POST", Origin=own)
    assert check("POST", Referer=own + "/kern/beesd")
    assert check("POST")  # no browser's cross-site request lacks both
    assert not check("POST", Origin="https://kaart.gemeente.nl.elders.example")
    assert not check("POST", Origin="http://kaart.gemeente.nl")  # scheme counts
    assert not check("DELETE", Origin="null")
    assert not check("POST", Referer="https://elders.example/" + own)
    assert check("GET", Origin="https://elders.example")  # reads change nothing


def test_units_loopback_addresses() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("10.1.2.3")
    assert not is_loopback("kaart.gemeente.nl") and not is_loopback(None)


def _settings(tmp_path: Path, **values: object) -> Settings:
    base = {
        "build_dir": tmp_path,
        "oidc_issuer": "https://login.gemeente.nl/",
        "oidc_client_id": "kernenkaart",
        "session_secret": "s" * 40,
        "role_groups": "analist=data",
    }
    return load_settings(**{**base, **values})


def test_units_secrets_from_files_and_never_in_repr(tmp_path: Path) -> None:
    (tmp_path / "client").write_text("geheim-uit-bestand\n")
    (tmp_path / "sessie").write_text("t" * 48)
    config = login_config(
        _settings(
            tmp_path,
            session_secret="",
            oidc_client_secret_file=str(tmp_path / "client"),
            session_secret_file=str(tmp_path / "sessie"),
        )
    )
    assert config is not None
    assert config.client_secret == "geheim-uit-bestand"
    assert config.session_secret == "t" * 48
    assert config.issuer == "https://login.gemeente.nl"
    assert config.discovery_url.endswith("/.well-known/openid-configuration")
    assert "geheim" not in repr(config) and "t" * 48 not in repr(config)
    settings = _settings(tmp_path, oidc_client_secret="zichtbaar?")
    assert "zichtbaar?" not in repr(settings)


def test_units_secret_twice_or_unreadable_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LoginConfigError, match="_FILE zijn allebei"):
        login_config(
            _settings(
                tmp_path,
                oidc_client_secret="a",
                oidc_client_secret_file=str(tmp_path / "x"),
            )
        )
    with pytest.raises(LoginConfigError, match="kan niet worden gelezen"):
        login_config(
            _settings(tmp_path, oidc_client_secret_file=str(tmp_path / "nergens"))
        )


def test_units_no_login_settings_means_no_login(settings: Settings) -> None:
    assert login_config(settings) is None


def test_units_quality_rows_group_the_build_warnings() -> None:
    from pipelines.dashboard_data.quality import QualityRow, quality_rows

    metadata = {
        "warnings": [
            "buren/actiepunten.csv: Niet bijgewerkt.",
            "Buurt BU1 (X): invalid geometry repaired.",
            "buren/actiepunten.csv: Niet bijgewerkt.",
            "zonder bron",
        ]
    }
    assert quality_rows(metadata) == [
        QualityRow("buren/actiepunten.csv", "Niet bijgewerkt.", 2),
        QualityRow("Buurt BU1 (X)", "invalid geometry repaired.", 1),
        QualityRow("bouw", "zonder bron", 1),
    ]
    assert quality_rows({}) == []


def test_units_audit_file_is_private_and_appended(tmp_path: Path) -> None:
    from access.audit import AuditLog, read_events

    path = tmp_path / "audit" / "audit.jsonl"
    for _ in range(2):  # a restarted server appends to the same file
        log = AuditLog(path, keep_days=3, audience="intern")
        log.write("login", {"sub": "s1", "name_id": "a@b.nl", "role": "analist"})
        log.close()
    assert path.stat().st_mode & 0o777 == 0o640
    events = read_events(path)
    assert [e["user"] for e in events] == ["s1", "s1"]
    log = AuditLog(path, 3, "intern")
    with pytest.raises(ValueError):  # only the four events
        log.write("iets", None)
    log.close()
