"""Roles decide what the server sends: bestuur never gets a personal field.

Every value of a personal column of the intern store (names, e-mail
addresses, phone numbers, free text) is looked for in what the server sends
to a logged-in user: the pre-rendered pages and the downloads. The
gebiedsmakelaar does get some of them, so the check can fail.
"""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import openpyxl
import pytest
import requests

from layouts import ids
from pipelines.dashboard_data import load_gemeente_data, slugify
from pipelines.records import personal_columns
from tests.access.conftest import LoginApp

GEMEENTE = "west-betuwe"
QUERY = f"gemeente={GEMEENTE}"


@pytest.fixture(scope="module")
def personal_values(access_stores: Path) -> set[str]:
    data = load_gemeente_data(access_stores / f"{GEMEENTE}-intern.gpkg")
    values: set[str] = set()
    for name, frame in data.records.items():
        try:
            columns = list(personal_columns(name))
        except KeyError:  # aggregates and other layers have no personal columns
            continue
        if "organisator_soort" in frame:
            people = frame[frame["organisator_soort"] == "persoon"]
            values |= {str(v) for v in people["organisator"].dropna()}
        for column in (c for c in columns if c in frame):
            values |= {str(v) for v in frame[column].dropna()}
    values = {v for v in values if len(v) >= 5}
    assert len(values) > 100  # the voorbeelddata has many
    return values


@pytest.fixture(scope="module")
def screens(access_stores: Path) -> list[str]:
    """Every Kernprofiel and Gebied page of the gemeente, and the Kalender."""
    data = load_gemeente_data(access_stores / f"{GEMEENTE}-intern.gpkg")
    kernen = [f"/kern/{k}?gemeente={GEMEENTE}" for k in data.kernen["kern_slug"]]
    gebieden = [
        f"/gebied/{slugify(g)}?gemeente={GEMEENTE}"
        for g in data.record("gebieden")["gebied"]
    ]
    return [
        *kernen,
        *gebieden,
        f"/gebied?gemeente={GEMEENTE}",
        f"/kalender?gemeente={GEMEENTE}",
    ]


def shown(session: requests.Session, url: str, paths: list[str]) -> str:
    parts = []
    for path in paths:
        answer = session.get(url + "/_dash-layout", headers={"Referer": url + path})
        assert answer.status_code == 200
        parts.append(answer.text)
    return "\n".join(parts)


def test_roles_bestuur_sees_no_personal_field_on_any_screen(
    login_app: LoginApp, personal_values: set[str], screens: list[str]
) -> None:
    gebiedsmakelaar = shown(
        login_app.session("gijs@gemeente.nl"), login_app.url, screens
    )
    assert {v for v in personal_values if v in gebiedsmakelaar}  # the check can fail
    bestuur = shown(login_app.session("anna@gemeente.nl"), login_app.url, screens)
    assert "Kernenkaart West Betuwe" in bestuur or "Beesd" in bestuur
    assert not {v for v in personal_values if v in bestuur}


def dash_download(
    session: requests.Session,
    url: str,
    outputs: tuple[str, ...],
    inputs: list[tuple[str, object]],
    state: list[tuple[str, str, object]],
) -> dict:
    """POST one download callback as Dash's renderer does; its file (dcc.Download).

    ``outputs``: the Download, then its message (if any); ``inputs`` in the
    callback's order, those with a value are the clicked ones.
    """
    props = [(outputs[0], "data"), *((o, "children") for o in outputs[1:])]
    names = [f"{i}.{p}" for i, p in props]
    body = {
        "output": names[0] if len(names) == 1 else f"..{'...'.join(names)}..",
        "outputs": [{"id": i, "property": p} for i, p in props]
        if len(props) > 1
        else {"id": props[0][0], "property": "data"},
        "inputs": [{"id": i, "property": "n_clicks", "value": v} for i, v in inputs],
        "state": [{"id": i, "property": p, "value": v} for i, p, v in state],
        "changedPropIds": [f"{i}.n_clicks" for i, v in inputs if v],
    }
    answer = session.post(
        url + "/_dash-update-component", json=body, headers={"Origin": url}
    )
    assert answer.status_code == 200, answer.text[:300]
    data = answer.json()["response"][outputs[0]]["data"]
    assert data is not None, answer.json()["response"]
    return data


def file_text(download: dict) -> str:
    """The cells of an XLSX download, or the text of a CSV one."""
    content = base64.b64decode(download["content"])
    if download["filename"].endswith(".csv"):
        return content.decode("utf-8-sig")
    book = openpyxl.load_workbook(io.BytesIO(content))
    cells = [
        str(c)
        for s in book.worksheets
        for row in s.iter_rows(values_only=True)
        for c in row
    ]
    return "\n".join(c for c in cells if c != "None")


def _url(path: str, search: str) -> list[tuple[str, str, object]]:
    return [(ids.URL, "pathname", path), (ids.URL, "search", search)]


def table_downloads(url: str, gebied: str) -> list[tuple[tuple[str, ...], list, list]]:
    """Every table download (Excel, CSV) of the app: (outputs, inputs, state).

    PDF and map images go the same way (callbacks/downloads.py ``_deliver``)
    but need Chromium; they are left out here.
    """
    q = f"?gemeente={GEMEENTE}"
    kaart = [(ids.DL_TABEL_CSV, 1), (ids.DL_TABEL_XLSX, None)]
    kaart += [(ids.DL_KAART_PNG, None), (ids.DL_KAART_SVG, None)]
    return [
        (
            (ids.DL_GEBIED, ids.DL_GEBIED_MELDING),
            [(ids.DL_GEBIED_XLSX, 1), (ids.DL_GEBIED_PDF, None)],
            _url(f"/gebied/{gebied}", q),
        ),
        (
            (ids.GEBIED_DOWNLOAD,),
            [(ids.GEBIED_DOWNLOAD_BUTTON, 1)],
            _url(f"/gebied/{gebied}", q),
        ),
        (
            (ids.DL_PROFIEL, ids.DL_PROFIEL_MELDING),
            [(ids.DL_PROFIEL_PDF, None), (ids.DL_PROFIEL_XLSX, 1)],
            _url("/kern/beesd", q),
        ),
        (  # activiteiten of 2025 include some whose organisator is a person
            (ids.DL_KALENDER, ids.DL_KALENDER_MELDING),
            [(ids.DL_KALENDER_PDF, None), (ids.DL_KALENDER_XLSX, 1)],
            [(ids.URL, "search", q + "&periode=2025")],
        ),
        (
            (ids.DL_VERGELIJK, ids.DL_VERGELIJK_MELDING),
            [(ids.DL_VERGELIJK_XLSX, 1)],
            _url("/vergelijk", q + "&kernen=beesd,asperen"),
        ),
        (
            (ids.DL_KAART, ids.DL_KAART_MELDING),
            kaart,
            [
                (ids.STATE, "data", {"gemeente": GEMEENTE, "overlay": "kernagenda"}),
                (ids.TABLE_SORT, "data", None),
            ],
        ),
    ]


def downloads(session: requests.Session, url: str, gebied: str) -> dict[str, str]:
    """Every table download, as text by file name."""
    files = [
        dash_download(session, url, outputs, inputs, state)
        for outputs, inputs, state in table_downloads(url, gebied)
    ]
    return {d["filename"]: file_text(d) for d in files}


def test_roles_every_download_of_the_app_is_covered(login_app: LoginApp) -> None:
    """A new dcc.Download fails here until the tests below exercise it."""
    outputs = [
        part
        for key in login_app.app.callback_map
        for part in key.strip(".").split("...")
    ]
    downloads_seen = {
        o.removesuffix(".data")
        for o in outputs
        if o.endswith(".data") and "download" in o
    }
    assert len(downloads_seen) >= 6
    known = {outputs[0] for outputs, _i, _s in table_downloads("", "x")}
    assert downloads_seen == known


def test_roles_bestuur_downloads_hold_no_personal_field_and_are_not_audited(
    login_app: LoginApp, personal_values: set[str], access_stores: Path
) -> None:
    data = load_gemeente_data(access_stores / f"{GEMEENTE}-intern.gpkg")
    gebied = slugify(data.record("gebieden")["gebied"].iloc[0])
    before = len(login_app.events())
    files = downloads(login_app.session("gijs@gemeente.nl"), login_app.url, gebied)
    assert {v for v in personal_values if v in "".join(files.values())}
    audited = [e for e in login_app.events()[before:] if e["event"] == "download"]
    assert sorted(e["what"] for e in audited) == sorted(files)
    assert {e["user"] for e in audited} == {"gijs@gemeente.nl"}
    assert {e["gemeente"] for e in audited} == {GEMEENTE}

    before = len(login_app.events())
    files = downloads(login_app.session("anna@gemeente.nl"), login_app.url, gebied)
    assert len(files) == len(table_downloads("", gebied))
    assert all(len(text) > 20 for text in files.values())
    assert not {v for v in personal_values if v in "".join(files.values())}
    # no personal data in them, so nothing to account for
    assert [e for e in login_app.events()[before:] if e["event"] == "download"] == []


def _hrefs(node: object) -> set[str]:
    """Every link target in a Dash layout (JSON decoded)."""
    if isinstance(node, dict):
        found = {node["href"]} if isinstance(node.get("href"), str) else set()
        return found.union(*(_hrefs(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_hrefs(v) for v in node))
    return set()


def test_roles_only_the_analist_sees_datakwaliteit(login_app: LoginApp) -> None:
    import json

    path = f"/datakwaliteit?gemeente={GEMEENTE}"
    link = "/datakwaliteit?gemeente=west-betuwe"
    analist = shown(login_app.session("ada@gemeente.nl"), login_app.url, [path])
    assert "Datakwaliteit West Betuwe" in analist
    assert "actiepunten.csv" in analist and "Meldingen per bron" in analist
    assert link in _hrefs(json.loads(analist))  # in the menu
    for sub in ("gijs@gemeente.nl", "anna@gemeente.nl"):
        other = shown(login_app.session(sub), login_app.url, [path])
        assert "Geen toegang" in other and "actiepunten.csv" not in other
        assert link not in _hrefs(json.loads(other))


def test_roles_calendar_feed_of_the_intern_store_is_audited(
    login_app: LoginApp,
) -> None:
    session = login_app.session("gijs@gemeente.nl")
    before = len(login_app.events())
    assert session.get(login_app.url + "/kalender/nergens.ics").status_code == 404
    feed = session.get(login_app.url + f"/kalender/{GEMEENTE}.ics")
    assert feed.status_code == 200 and "BEGIN:VCALENDAR" in feed.text
    events = login_app.events()[before:]
    assert [(e["event"], e["what"]) for e in events] == [
        ("download", f"kalender {GEMEENTE}.ics")
    ]


def test_roles_kalender_subscribe_points_to_the_openbaar_feed(
    access_stores: Path,
    provider,
    tmp_path: Path,  # noqa: ANN001
) -> None:
    """Agenda apps cannot log in: behind a login the box offers the public feed."""
    from tests.access.conftest import make_login_app

    public = "https://kernenkaart.example.nl"
    served = make_login_app(access_stores, provider, tmp_path, public_url=public)
    try:
        session = served.session("anna@gemeente.nl")
        page = str(json.loads(shown(session, served.url, [f"/kalender?{QUERY}"])))
        assert f"{public}/kalender/{GEMEENTE}.ics" in page
        assert "een agenda-app kan niet inloggen" in page
        assert f"{served.url}/kalender/" not in page  # never the intern address
    finally:
        served.served.close()


def test_roles_kalender_without_public_url_says_the_feed_needs_a_login(
    login_app: LoginApp,
) -> None:
    session = login_app.session("anna@gemeente.nl")
    page = str(json.loads(shown(session, login_app.url, [f"/kalender?{QUERY}"])))
    assert "KERNENKAART_PUBLIC_URL" in page
    assert f"{login_app.url}/kalender/{GEMEENTE}.ics" in page
