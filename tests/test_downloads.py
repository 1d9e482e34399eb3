"""Download callbacks called as plain functions: bytes, filenames, audience, alerts."""

from __future__ import annotations

import base64
import io
import re
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from callbacks import downloads
from callbacks import state as st
from exports import ExportError
from layouts import ids, overlays
from pipelines.build import build_gemeente
from pipelines.dashboard_data import Filters, overlay_input
from pipelines.gemeente import resolve_gemeenten
from pipelines.settings import PROJECT_ROOT, load_settings
from tests.test_app_factory import run_callback

RECORDS = PROJECT_ROOT / "data" / "voorbeelddata"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
TODAY = date.today().isoformat()


@pytest.fixture(scope="module")
def apps(tmp_path_factory: pytest.TempPathFactory) -> dict:
    from app import create_app

    build_dir: Path = tmp_path_factory.mktemp("download-stores")
    settings = load_settings(build_dir=build_dir)
    config = resolve_gemeenten(settings.gemeenten_dir, "buren")[0]
    out = {}
    for audience in ("intern", "openbaar"):
        build_gemeente(
            settings, config, "snapshot", records_dir=RECORDS, audience=audience
        )
        out[audience] = create_app(
            load_settings(build_dir=build_dir, audience=audience)
        )
    return out


def kaart_state(app, overlay: str) -> dict:
    repo = app.server.extensions["kernenkaart"]["repo"]
    return st.normalise({"overlay": overlay}, repo.get("buren"), repo.catalogue)


def click_kaart(app, button: str, overlay: str = "kernagenda", sort=None):
    clicks = [1 if b == button else None for b in downloads.KAART_BUTTONS]
    return run_callback(
        app,
        downloads.kaart_download,
        *clicks,
        kaart_state(app, overlay),
        sort,
        triggered=[f"{button}.n_clicks"],
    )


def content(sent: dict) -> bytes:
    assert sent["base64"] is True
    return base64.b64decode(sent["content"])


def test_table_csv_has_bom_semicolons_and_filename(apps) -> None:
    sent, alert = click_kaart(apps["intern"], ids.DL_TABEL_CSV)
    assert alert == []
    assert sent["filename"] == f"tabel-voorbeelddata-buren-kernagenda-{TODAY}.csv"
    raw = content(sent)
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].split(";")[:2] == ["Kern", "Actiepunten"]
    assert any(line.startswith("Buren;") for line in lines[1:])
    # built from voorbeelddata: every row says so
    assert lines[0].split(";")[-1] == "Let op"
    assert all(line.endswith(";VOORBEELDDATA: fictieve gegevens") for line in lines[1:])


def test_table_of_cbs_figures_is_not_marked_as_voorbeelddata(apps) -> None:
    sent, _ = click_kaart(apps["intern"], ids.DL_TABEL_CSV, overlay="indicator")
    assert sent["filename"] == f"tabel-buren-indicator-{TODAY}.csv"
    assert "VOORBEELDDATA" not in content(sent).decode("utf-8-sig")


def test_table_csv_follows_the_table_sort(apps) -> None:
    sort = {"key": "naam", "desc": True}
    sent, _ = click_kaart(apps["intern"], ids.DL_TABEL_CSV, sort=sort)
    names = [r.split(";")[0] for r in content(sent).decode("utf-8-sig").splitlines()]
    assert names[1:] == sorted(names[1:], reverse=True)


def test_table_xlsx_opens_with_openpyxl(apps) -> None:
    sent, alert = click_kaart(apps["intern"], ids.DL_TABEL_XLSX, overlay="gebieden")
    assert alert == []
    assert sent["filename"] == f"tabel-voorbeelddata-buren-gebieden-{TODAY}.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(content(sent)))
    sheet = book.active
    headers = [c.value for c in sheet[1]]
    assert headers[:2] == ["Kern", "Gebied"]
    assert headers[-1] == "Let op"
    assert sheet.cell(2, len(headers)).value == "VOORBEELDDATA: fictieve gegevens"
    assert sheet.max_row > 5


@pytest.mark.parametrize("overlay", list(overlays.REGISTRY))
def test_openbaar_download_has_no_personal_data(apps, overlay: str) -> None:
    app = apps["openbaar"]
    sent, _ = click_kaart(app, ids.DL_TABEL_CSV, overlay=overlay)
    text = content(sent).decode("utf-8-sig")
    assert not EMAIL.search(text)
    headers = text.splitlines()[0].split(";")
    assert not {"Eigenaar", "E-mail", "Telefoon", "Contactpersoon"} & set(headers)
    repo = app.server.extensions["kernenkaart"]["repo"]
    assert repo.get("buren").audience == "openbaar"


def test_gebiedstafel_xlsx_from_the_gebied_url(apps) -> None:
    app = apps["intern"]
    repo = app.server.extensions["kernenkaart"]["repo"]
    overlay = overlays.get("gebieden")
    data = repo.get("buren")
    view = overlay.build(overlay_input(overlay.source, data, Filters(), repo.catalogue))
    gebied = next(r["gebied_slug"] for r in view.rows if r["gebied_slug"])
    sent, alert = run_callback(
        app,
        downloads.gebied_download,
        1,
        None,
        f"/gebied/{gebied}",
        "?gemeente=buren",
        triggered=[f"{ids.DL_GEBIED_XLSX}.n_clicks"],
    )
    assert alert == []
    assert sent["filename"] == f"gebiedstafel-{gebied}-{TODAY}.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(content(sent)))
    assert len(book.sheetnames) >= 2


def test_profiel_failure_is_a_dutch_alert(apps, monkeypatch) -> None:
    def fail(*_args, **_kwargs):
        raise ExportError("Chromium not found.")

    monkeypatch.setattr(downloads.exports, "profiel_pdf", fail)
    sent, alert = run_callback(
        apps["intern"],
        downloads.profiel_download,
        1,
        None,
        "/kern/beusichem",
        "?gemeente=buren",
        triggered=[f"{ids.DL_PROFIEL_PDF}.n_clicks"],
    )
    assert sent is None
    assert "Het kernprofiel (PDF) kon niet worden gemaakt" in str(alert)


def test_kerncijfers_xlsx_of_a_kern_has_every_year(apps) -> None:
    sent, alert = run_callback(
        apps["intern"],
        downloads.profiel_download,
        None,
        1,
        "/kern/maurik",
        "?gemeente=buren",
        triggered=[f"{ids.DL_PROFIEL_XLSX}.n_clicks"],
    )
    assert alert == []
    assert sent["filename"] == f"kerncijfers-maurik-{TODAY}.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(content(sent))).active
    rows = list(sheet.iter_rows(values_only=True))
    headers = [str(h).lower() for h in rows[0]]
    assert any("jaar" in h for h in headers) and any("niveau" in h for h in headers)
    years = {
        r[headers.index(next(h for h in headers if "jaar" in h))] for r in rows[1:]
    }
    assert {2017, 2024} <= {int(y) for y in years if y}


def test_vergelijking_xlsx_has_the_chosen_kernen_and_the_label(apps) -> None:
    sent, alert = run_callback(
        apps["intern"],
        downloads.vergelijk_download,
        1,
        "/vergelijk",
        "?gemeente=buren&kernen=maurik,asch",
    )
    assert alert == []
    assert sent["filename"] == f"vergelijking-voorbeelddata-buren-{TODAY}.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(content(sent))).active
    headers = [c.value for c in sheet[1]]
    assert headers[:3] == ["Kern", "Gebied", "Kernagenda gerealiseerd (%)"]
    assert [sheet.cell(r, 1).value for r in (2, 3)] == ["Maurik", "Asch"]
    assert sheet.max_row == 3
    assert headers[-1] == "Let op"
    assert sheet.cell(2, len(headers)).value == "VOORBEELDDATA: fictieve gegevens"


def test_vergelijking_xlsx_has_cbs_figures_with_years_and_gemeente_row(apps) -> None:
    sent, alert = run_callback(
        apps["intern"],
        downloads.vergelijk_download,
        1,
        "/vergelijk",
        "?gemeente=buren&kernen=maurik,asch",
    )
    assert alert == []
    book = openpyxl.load_workbook(io.BytesIO(content(sent)))
    assert book.sheetnames == ["Vergelijking", "CBS-cijfers"]
    sheet = book["CBS-cijfers"]
    headers = [c.value for c in sheet[1]]
    assert headers[:5] == [
        "Kern of gemeente",
        "Niveau",
        "Inwoners 2024",
        "Inwoners 2017",
        "Inwoners: verandering 2017-2024",
    ]
    assert "Aandeel 65+ 2024 (%)" in headers and "Huishoudens 2024" in headers
    rows = {sheet.cell(r, 1).value: r for r in range(2, 5)}
    assert list(rows) == ["Maurik", "Asch", "Gemeente Buren"]  # gemeente last
    col = {h: j for j, h in enumerate(headers, start=1)}
    maurik = rows["Maurik"]
    assert sheet.cell(maurik, col["Inwoners 2024"]).value == 5000
    assert sheet.cell(maurik, col["Inwoners 2017"]).value == 4135
    assert sheet.cell(maurik, col["Inwoners: verandering 2017-2024"]).value == 865
    share = sheet.cell(maurik, col["Aandeel 65+ 2024 (%)"])
    assert share.number_format == "0.0" and share.value == pytest.approx(20.1)
    assert sheet.cell(rows["Gemeente Buren"], col["Niveau"]).value == "gemeente"
    # real CBS figures: no voorbeelddata column; the source under the table
    assert "Let op" not in headers
    texts = [sheet.cell(r, 1).value for r in range(5, sheet.max_row + 1)]
    assert any(
        str(t).startswith("Bron: CBS, Kerncijfers wijken en buurten") for t in texts
    )
