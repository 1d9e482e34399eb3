"""Jaarkalender: iCalendar feeds, the /kalender screen's content, exports."""

from __future__ import annotations

import io
import shutil
from datetime import date, time
from pathlib import Path

import icalendar
import ics
import pandas as pd
import pytest

from pipelines.build import build_gemeente
from pipelines.gemeente import resolve_gemeenten
from pipelines.kalender import Event
from pipelines.kalender_ics import feed
from pipelines.settings import PROJECT_ROOT, load_settings

TODAY = date(2026, 2, 5)
RECORDS = PROJECT_ROOT / "data" / "voorbeelddata"


def _build(build_dir: Path, records: Path) -> None:
    settings = load_settings(build_dir=build_dir)
    config = resolve_gemeenten(settings.gemeenten_dir, "west-betuwe")[0]
    for audience in ("intern", "openbaar"):
        build_gemeente(
            settings, config, "snapshot", records_dir=records, audience=audience
        )


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Path:
    build_dir = tmp_path_factory.mktemp("kalender-stores")
    _build(build_dir, RECORDS)
    return build_dir


def client(build_dir: Path, audience: str, monkeypatch: pytest.MonkeyPatch):
    import callbacks.kalender as ck
    from app import create_app

    monkeypatch.setattr(ck, "today", lambda: TODAY)
    app = create_app(load_settings(build_dir=build_dir, audience=audience))
    return app.server.test_client(), app


def get_feed(build_dir, audience, path, monkeypatch) -> bytes:
    c, _ = client(build_dir, audience, monkeypatch)
    response = c.get(path)
    assert response.status_code == 200, path
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    return response.data


def test_kern_feed_parses_with_two_libraries_one_vevent_per_activity(
    stores, monkeypatch
):
    body = get_feed(
        stores, "intern", "/kalender/west-betuwe/kern/beesd.ics", monkeypatch
    )
    cal = icalendar.Calendar.from_ical(body)
    events = cal.walk("VEVENT")
    acts = pd.read_csv(
        RECORDS / "west-betuwe" / "activiteiten.csv",
        sep=";",
        dtype=str,
        encoding="utf-8-sig",
    )
    beesd = acts[acts["kern"] == "Beesd"]
    uids = [str(e["uid"]) for e in events]
    activity_uids = [u for u in uids if "-activiteit-" in u]
    assert len(activity_uids) == len(set(activity_uids)) == len(beesd)
    assert {u.split("-activiteit-")[1].split("@")[0] for u in activity_uids} == {
        i.lower() for i in beesd["id"]
    }
    assert any("-cyclus-gebiedstafel-beesd-en-tricht-" in u for u in uids)
    assert any("-cyclus-ophalen-actiepunten-" in u for u in uids)
    assert cal.walk("VTIMEZONE")[0]["tzid"] == "Europe/Amsterdam"
    second = ics.Calendar(body.decode("utf-8"))
    assert sorted(e.uid for e in second.events) == sorted(uids)


def test_uids_stay_the_same_between_two_builds(stores, tmp_path, monkeypatch):
    records = tmp_path / "records"
    shutil.copytree(RECORDS, records)
    path = records / "west-betuwe" / "activiteiten.csv"
    frame = pd.read_csv(path, sep=";", dtype=str, encoding="utf-8-sig").fillna("")
    frame.loc[0, "datum"] = "02-01-2025"  # a changed event: same id, new date
    frame.to_csv(path, sep=";", index=False, encoding="utf-8-sig")
    rebuilt = tmp_path / "build"
    _build(rebuilt, records)
    url = "/kalender/west-betuwe.ics?periode=alles"
    first = icalendar.Calendar.from_ical(get_feed(stores, "intern", url, monkeypatch))
    again = icalendar.Calendar.from_ical(get_feed(rebuilt, "intern", url, monkeypatch))
    uids = [str(e["uid"]) for e in first.walk("VEVENT")]
    assert uids and sorted(uids) == sorted(str(e["uid"]) for e in again.walk("VEVENT"))
    changed = f"west-betuwe-activiteit-{frame.loc[0, 'id'].lower()}@kernenkaart"
    (event,) = [e for e in again.walk("VEVENT") if str(e["uid"]) == changed]
    assert event["dtstart"].dt.date() == date(2025, 1, 2)


def test_14_00_local_on_both_sides_of_summer_time():
    events = [
        Event(
            "voor@t",
            "Voor",
            date(2026, 3, 28),
            date(2026, 3, 28),
            "sport",
            time(14),
            time(16),
        ),
        Event(
            "na@t",
            "Na",
            date(2026, 3, 30),
            date(2026, 3, 30),
            "sport",
            time(14),
            time(16),
        ),
        Event(
            "winter@t",
            "Winter",
            date(2026, 10, 26),
            date(2026, 10, 26),
            "sport",
            time(14),
        ),
    ]
    body = feed(events, "Test", {}, "2026-01-01T00:00:00+00:00", False)
    parsed = {
        str(e["uid"]): e for e in icalendar.Calendar.from_ical(body).walk("VEVENT")
    }
    utc_hours = {
        u: e["dtstart"].dt.utcoffset().total_seconds() / 3600 for u, e in parsed.items()
    }
    assert all(e["dtstart"].dt.hour == 14 for e in parsed.values())
    assert utc_hours == {"voor@t": 1, "na@t": 2, "winter@t": 1}
    second = {e.uid: e for e in ics.Calendar(body.decode()).events}
    assert second["voor@t"].begin.to("Europe/Amsterdam").hour == 14
    assert second["na@t"].begin.to("Europe/Amsterdam").hour == 14
    assert second["voor@t"].begin.utcoffset().total_seconds() == 3600
    assert second["na@t"].begin.utcoffset().total_seconds() == 7200
    assert b"TZID=Europe/Amsterdam:20260330T140000" in body


def test_all_day_events_and_escaped_text():
    e = Event(
        "x@t",
        "Feest; groot, mooi",
        date(2026, 6, 12),
        date(2026, 6, 14),
        "dorpsfeest",
        beschrijving="Regel 1\nRegel 2; met, tekens",
    )
    body = feed([e], "Test", {}, "2026-01-01T00:00:00+00:00", False)
    assert b"SUMMARY:Feest\\; groot\\, mooi" in body
    assert (
        b"DTSTART;VALUE=DATE:20260612" in body and b"DTEND;VALUE=DATE:20260615" in body
    )
    (ev,) = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert str(ev["description"]).startswith("Regel 1\nRegel 2; met, tekens")
    (other,) = ics.Calendar(body.decode()).events
    assert other.name == "Feest; groot, mooi" and other.all_day


def test_openbaar_feed_has_no_personal_data(stores, monkeypatch):
    from pipelines.dashboard_data import load_gemeente_data
    from pipelines.store import store_path

    body = get_feed(
        stores, "openbaar", "/kalender/west-betuwe.ics?periode=alles", monkeypatch
    )
    intern = load_gemeente_data(store_path(stores, "west-betuwe", "intern"))
    acts = intern.record("activiteiten")
    people = set(acts["contactpersoon"].dropna())
    people |= set(acts.loc[acts["organisator_soort"] == "persoon", "organisator"])
    assert people  # the intern store has them ...
    cal = icalendar.Calendar.from_ical(body)
    values = [
        str(value)
        for component in cal.walk()
        for _, value in component.property_items()
    ]
    text = "\n".join(values)
    assert not [p for p in people if p in text]  # ... the public feed none
    assert "Voorbeeld Persoon" not in text and "@example.org" not in text
    assert not [v for v in values if "@" in v and "@kernenkaart" not in v]
    assert "MAILTO" not in body.decode().upper() and "ORGANIZER" not in body.decode()


def test_voorbeelddata_feed_says_so_in_its_name_and_every_event(stores, monkeypatch):
    body = get_feed(
        stores,
        "openbaar",
        "/kalender/west-betuwe/gebied/beesd-en-tricht.ics",
        monkeypatch,
    )
    cal = icalendar.Calendar.from_ical(body)
    assert "voorbeelddata" in str(cal["x-wr-calname"]).lower()
    events = cal.walk("VEVENT")
    assert events
    for e in events:
        assert "(voorbeelddata)" in str(e["summary"])
        assert str(e["description"]).startswith("Voorbeelddata")


def test_feed_filters_and_unknown_kern(stores, monkeypatch):
    c, _ = client(stores, "intern", monkeypatch)
    body = c.get("/kalender/west-betuwe/kern/beesd.ics?soort=markt").data
    events = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert events and all(str(e["categories"].cats[0]) == "Markt" for e in events)
    assert c.get("/kalender/west-betuwe/kern/atlantis.ics").status_code == 404
    assert c.get("/kalender/nergens.ics").status_code == 404


def test_screen_content_next_step_and_filters(stores):
    from pipelines.dashboard_data import load_gemeente_data
    from pipelines.dashboard_data.kalender import kalender_content, next_activities
    from pipelines.store import store_path

    data = load_gemeente_data(store_path(stores, "west-betuwe", "intern"))
    content = kalender_content(data, {"kern": "beesd", "soort": "markt"}, TODAY)
    assert content.next_step["text"] == (
        "Nog 23 dagen tot de deadline voor nieuwe actiepunten"
    )
    assert content.today == "Vandaag: do 5 februari 2026"
    rows = [r for m in content.maanden for r in m.events]
    assert rows and all(r["soort"] == "markt" and "Beesd" in r["kernen"] for r in rows)
    assert all(
        r["datum"].split()[0] in ("ma", "di", "wo", "do", "vr", "za", "zo")
        for r in rows
    )
    assert content.feed_path == "/kalender/west-betuwe/kern/beesd.ics?soort=markt"
    cleaned = kalender_content(data, {"kern": "atlantis", "periode": "ooit"}, TODAY)
    assert cleaned.selection.kern == "" and cleaned.selection.periode == "komend"
    upcoming = next_activities(data, "beesd", TODAY)
    assert len(upcoming) == 3 and all(r["start"] >= "2026-02-05" for r in upcoming)
    assert upcoming[0]["url"] == "/kalender?gemeente=west-betuwe&kern=beesd"


def test_pages_render_and_gebied_shows_next_gebiedstafel(stores, monkeypatch):
    c, _ = client(stores, "intern", monkeypatch)
    assert c.get("/kalender?gemeente=west-betuwe&kern=beesd").status_code == 200
    from callbacks.other_pages import gebied_content
    from pipelines.dashboard_data import load_gemeente_data
    from pipelines.store import store_path

    data = load_gemeente_data(store_path(stores, "west-betuwe", "intern"))
    with c.application.test_request_context():
        content = gebied_content(data, "beesd-en-tricht")
    tafel = content.gebiedstafel
    assert tafel["iso"] == "2026-03-10" and tafel["dagen"] == 33
    assert tafel["datum"] == "di 10 maart 2026" and tafel["tijd"] == "19:30-21:30"


def test_layout_ids_and_callback(stores, monkeypatch):
    import callbacks.kalender as ck
    from layouts import ids

    _, app = client(stores, "intern", monkeypatch)
    with app.server.test_request_context("/"):
        page = ck.screen(
            app.server.extensions["kernenkaart"]["repo"].get("west-betuwe"),
            "?gemeente=west-betuwe",
        )
        text = str(page)
        for name in (
            ids.KALENDER_KERN,
            ids.KALENDER_SOORT,
            ids.KALENDER_RESULTS,
            ids.DL_KALENDER_PDF,
            ids.KALENDER_FEED,
        ):
            assert name in text
        _, search, rendered = ck.update(
            "beesd", "alle", "markt", "2026", "/kalender", "?gemeente=west-betuwe", {}
        )
    assert search == "?gemeente=west-betuwe&kern=beesd&soort=markt&periode=2026"
    assert rendered["search"] == search


def test_exports_xlsx_and_pdf(stores):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    from exports.kalender import kalender_pdf, kalender_xlsx
    from pipelines.dashboard_data import load_gemeente_data
    from pipelines.store import store_path

    data = load_gemeente_data(store_path(stores, "west-betuwe", "openbaar"))
    name, body = kalender_xlsx(data, "beesd", 2026, TODAY)
    assert name == "voorbeelddata-jaarkalender-2026-beesd.xlsx"
    ws = load_workbook(io.BytesIO(body)).active
    assert ws["A1"].value == "Jaarkalender 2026 Beesd"
    assert "VOORBEELDDATA" in ws["A3"].value
    assert [c.value for c in ws[5]][:3] == ["Datum", "Tijd", "Activiteit"]
    name, pdf = kalender_pdf(data, "", 2026, TODAY)
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.pages[0].mediabox.width == pytest.approx(595, abs=2)  # A4
    first = reader.pages[0].extract_text()
    assert "Jaarkalender 2026 West Betuwe" in first and "Januari 2026" in first
