"""deploy/nginx/kernenkaart.conf with Debian's nginx in front of the app.

The documented file is used as it is, with only its addresses, ports and
certificate paths replaced by the test's (a self-signed certificate for
127.0.0.1). Without /usr/sbin/nginx the tests are skipped locally and fail
in CI (CI=true), where .ci/run installs it.
"""

from __future__ import annotations

import datetime
import ipaddress
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
import urllib3

from pipelines.settings import PROJECT_ROOT
from tests.access.conftest import LoginApp
from tests.oidc_support import Provider, Served, free_port, login_settings, query_of

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
CONF = PROJECT_ROOT / "deploy" / "nginx" / "kernenkaart.conf"

if not Path(NGINX).exists():
    if os.environ.get("CI"):
        raise RuntimeError("CI needs Debian's nginx: apt-get install nginx")
    pytest.skip(
        "Debian's nginx is not installed (apt-get install nginx)",
        allow_module_level=True,
    )

urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key (cryptography)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def nginx_conf(folder: Path, app_port: int, http: int, https: int) -> Path:
    """The documented config in a complete nginx.conf, with the test's addresses."""
    cert, key = self_signed(folder)
    site = CONF.read_text()
    replacements = {
        "server 127.0.0.1:8050;": f"server 127.0.0.1:{app_port};",
        "listen 80;": f"listen 127.0.0.1:{http};",
        "listen 443 ssl;": f"listen 127.0.0.1:{https} ssl;",
        "/etc/ssl/certs/kernenkaart.gemeente.nl.pem": str(cert),
        "/etc/ssl/private/kernenkaart.gemeente.nl.key": str(key),
        "server_name kernenkaart.gemeente.nl;": "server_name 127.0.0.1;",
    }
    for old, new in replacements.items():
        assert old in site, old  # the documented file still has it
        site = site.replace(old, new)
    temp = "\n".join(
        f"    {kind}_temp_path {folder / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf = folder / "nginx.conf"
    conf.write_text(
        f"{user}worker_processes 1;\npid {folder / 'nginx.pid'};\n"
        f"error_log {folder / 'error.log'};\nevents {{ worker_connections 256; }}\n"
        f"http {{\n    access_log {folder / 'access.log'};\n{temp}\n{site}\n}}\n"
    )
    return conf


@pytest.fixture(scope="module")
def proxied(
    access_stores: Path, provider: Provider, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str, LoginApp]]:
    """(https URL, http URL) of nginx in front of an intern app with login."""
    from app import create_app

    folder = tmp_path_factory.mktemp("nginx")
    app_port, http, https = free_port(), free_port(), free_port()
    public = f"https://127.0.0.1:{https}"
    client = provider.register([public + "/auth/callback"])
    settings = login_settings(
        access_stores,
        provider.url,
        client,
        trusted_proxies=1,
        audit_log=str(folder / "audit.jsonl"),
    )
    app = create_app(settings)
    served = Served(app.server, app_port)
    conf = nginx_conf(folder, app_port, http, https)
    process = subprocess.Popen(
        [
            NGINX,
            "-c",
            str(conf),
            "-p",
            str(folder),
            "-e",
            str(folder / "error.log"),
            "-g",
            "daemon off;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _wait(public, process)
    yield (
        public,
        f"http://127.0.0.1:{http}",
        LoginApp(public, app, folder / "audit.jsonl", served, provider.url),
    )
    process.terminate()
    process.wait(10)
    served.close()


def _wait(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx stopped: {process.stderr.read().decode()}")
        try:
            requests.get(url + "/healthz", verify=False, timeout=2)
            return
        except requests.ConnectionError:
            time.sleep(0.1)
    raise RuntimeError("nginx did not start")


def test_nginx_login_through_the_proxy_uses_https_and_secure_cookies(proxied) -> None:
    public, _http, app = proxied
    session = requests.Session()
    session.verify = False
    session.trust_env = False  # REQUESTS_CA_BUNDLE would override verify
    page = session.get(
        public + "/monitor", headers={"Accept": "text/html"}, allow_redirects=False
    )
    assert page.status_code == 302
    start = session.get(public + "/auth/login", allow_redirects=False)
    authorization = start.headers["Location"]
    # the redirect URL the provider is sent is the proxy's public https address
    assert query_of(authorization)["redirect_uri"] == public + "/auth/callback"
    assert "Secure" in start.headers["Set-Cookie"]
    answer = requests.post(
        authorization, data={"sub": "gijs@gemeente.nl"}, allow_redirects=False
    )
    callback = answer.headers["Location"]
    assert callback.startswith(public + "/auth/callback?")
    done = session.get(callback, allow_redirects=False)
    assert done.status_code == 302, done.text
    cookie = done.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert session.get(public + "/_dash-layout").status_code == 200
    assert done.headers["Strict-Transport-Security"].startswith("max-age=")
    # the app saw the user's address through the proxy, and a foreign origin fails
    refused = session.post(
        public + "/_dash-update-component",
        json={},
        headers={"Origin": "https://elders.example"},
    )
    assert refused.status_code == 403
    event = app.events()[-1]
    assert event["event"] == "refused" and event["client"] == "127.0.0.1"
    own = session.post(
        public + "/_dash-update-component", json={}, headers={"Origin": public}
    )
    assert own.status_code != 403


def test_nginx_plain_http_is_redirected_to_https(proxied) -> None:
    _public, http, _app = proxied
    answer = requests.get(http + "/kern/beesd?gemeente=buren", allow_redirects=False)
    assert answer.status_code == 301
    assert answer.headers["Location"] == "https://127.0.0.1/kern/beesd?gemeente=buren"
