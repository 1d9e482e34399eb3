"""In Chromium: log in at the provider's form, use the Kaart, log out.

Dash's own callback POSTs pass the same-origin check and carry the session
cookie; the page shows who is logged in. Debian's chromium, never a download.
"""

from __future__ import annotations

import pytest

# the login fixtures (provider, stores, app); the browser is this folder's own
from tests.access.conftest import (  # noqa: F401
    LoginApp,
    access_stores,
    login_app,
    provider,
)
from tests.browser.conftest import wait_for_map

pytestmark = pytest.mark.browser


def test_login_browser_provider_form_then_kaart_then_logout(
    login_app: LoginApp,  # noqa: F811
    page,  # noqa: ANN001
) -> None:
    # console errors while on the app's pages (the provider's form loads a CDN style)
    errors: list[str] = []

    def on_console(message) -> None:  # noqa: ANN001
        if message.type == "error" and page.url.startswith(login_app.url):
            errors.append(message.text)

    page.on("console", on_console)
    page.goto(f"{login_app.url}/?gemeente=west-betuwe&overlay=kernagenda")
    page.get_by_placeholder("sub").fill("gijs@gemeente.nl")
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{login_app.url}/?gemeente=west-betuwe&overlay=kernagenda")
    wait_for_map(page)
    assert "Ingelogd als gijs@gemeente.nl (gebiedsmakelaar)." in page.inner_text(
        ".login-regel"
    )
    # a callback (POST /_dash-update-component) with the session and the origin
    page.get_by_label("Gebieden").check()
    page.wait_for_function(
        "() => document.querySelector('#legenda').innerText"
        ".includes('Gebieden en wie ze bedient')"
    )
    assert "overlay=gebieden" in page.url
    assert errors == []
    page.get_by_role("link", name="Uitloggen").click()
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(f"{login_app.url}/auth/uitgelogd*")  # ?state=...
    assert "U bent uitgelogd" in page.inner_text("main")
    page.goto(f"{login_app.url}/monitor")
    assert page.get_by_placeholder("sub").is_visible()  # back at the provider
