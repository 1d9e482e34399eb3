"""Kernprofiel PDF, gebiedstafel XLSX/PDF, slide PNG/SVG and the batch, on real stores."""

from __future__ import annotations

import io
import struct
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from exports import batch, selection
from exports.gebiedstafel import gebiedstafel_pdf, gebiedstafel_xlsx
from exports.maps import map_image
from exports.profiel import profiel_pdf
from layouts import format as fmt
from pipelines.build import build_gemeente
from pipelines.dashboard_data import Filters, GemeenteData, load_gemeente_data
from pipelines.gemeente import resolve_gemeenten
from pipelines.settings import PROJECT_ROOT, load_settings

TODAY = date(2026, 11, 22)  # the voorbeelddata's own "today"
RECORDS = PROJECT_ROOT / "data" / "voorbeelddata"


@pytest.fixture(scope="session")
def build_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """West Betuwe stores (intern and openbaar) with the voorbeelddata records."""
    if not (RECORDS / "west-betuwe").is_dir():
        pytest.skip("data/voorbeelddata is not present")
    out = tmp_path_factory.mktemp("build")
    settings = load_settings(build_dir=out)
    config = resolve_gemeenten(settings.gemeenten_dir, "west-betuwe")[0]
    for audience in ("intern", "openbaar"):
        build_gemeente(
            settings, config, "snapshot", records_dir=RECORDS, audience=audience
        )
    return out


@pytest.fixture(scope="session")
def intern(build_dir: Path) -> GemeenteData:
    return load_gemeente_data(build_dir / "west-betuwe-intern.gpkg")


@pytest.fixture(scope="session")
def openbaar(build_dir: Path) -> GemeenteData:
    return load_gemeente_data(build_dir / "west-betuwe-openbaar.gpkg")


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


# --- selections and the aandacht rules (no browser) ------------------------------


def test_aandacht_01_each_rule() -> None:
    base = {
        "status": "in uitvoering",
        "eigenaar": "samen",
        "datum_laatste_update": "2026-10-01",
        "jaar_vastgesteld": 2026,
        "planning_jaar": 2027,
        "planning_kwartaal": 1,
    }
    reasons = selection.attention_reasons
    assert reasons(pd.Series(base), TODAY) == []
    stale = {**base, "datum_laatste_update": "2026-05-01"}
    assert reasons(pd.Series(stale), TODAY) == [selection.REASON_STALE]
    prep = {**base, "status": "in voorbereiding", "jaar_vastgesteld": 2024}
    assert reasons(pd.Series(prep), TODAY) == [selection.REASON_PREPARATION]
    prep_recent = {**prep, "jaar_vastgesteld": 2025}  # 31-12-2025: under a year
    assert reasons(pd.Series(prep_recent), TODAY) == []
    owner = {**base, "eigenaar": None}
    assert reasons(pd.Series(owner), TODAY) == [selection.REASON_NO_OWNER]
    past = {**base, "planning_jaar": 2026, "planning_kwartaal": 3}
    assert reasons(pd.Series(past), TODAY) == [selection.REASON_PAST]
    done = {**stale, "status": "gerealiseerd"}
    assert reasons(pd.Series(done), TODAY) == []


def test_selection_02_key_figures_are_kern_figures_of_every_year(
    intern: GemeenteData, catalogue
) -> None:
    kern, wijk = selection.key_figures(intern, "haaften", catalogue)
    assert kern.level == "kern" and kern.areas == ("Haaften",)
    assert kern.years == (2017, 2022, 2024)
    inwoners = next(r for r in kern.rows if r.key == "aantal_inwoners")
    history = intern.history.query(
        "level == 'kern' and code == 'haaften' and indicator == 'aantal_inwoners'"
    ).set_index("year")["value"]
    assert inwoners.values == (history[2017], None, history[2024])
    assert inwoners.in_store == (True, False, True)  # 2022 is not filled in
    assert inwoners.estimated == (True, False, False)
    assert "2017: grens verschoven (Haaften, overlap 45 %)" in inwoners.notes
    assert inwoners.vergelijking_year == 2024


def test_selection_02b_wijk_only_figure_keeps_the_wijk_wording(
    intern: GemeenteData, catalogue
) -> None:
    """West Betuwe has woningvoorraad 2024 per wijk only: never divided."""
    *_, wijk = selection.key_figures(intern, "beesd", catalogue)
    assert wijk.level == "wijk" and wijk.areas == ("Beesd",)
    assert "wijk Beesd" in wijk.caption and "2024" in wijk.caption
    woningen = next(r for r in wijk.rows if r.key == "woningvoorraad")
    rows = intern.history.query("level == 'wijk' and code == 'WK196002'")
    expected = rows.loc[rows["indicator"] == "woningvoorraad", "value"].iloc[0]
    assert woningen.values == (expected,)


def test_selection_02c_kerncijfers_excel_has_year_level_and_notes(
    intern: GemeenteData, catalogue
) -> None:
    from exports.profiel import kerncijfers_xlsx

    wb = openpyxl.load_workbook(
        io.BytesIO(kerncijfers_xlsx(intern, "haaften", catalogue))
    )
    ws = wb.active
    assert ws.title == "Kerncijfers Haaften"
    header = [c.value for c in ws[1]]
    assert header[:6] == ["Thema", "Kerncijfer", "Eenheid", "Niveau", "Gebied", "Jaar"]
    rows = [
        dict(zip(header, (c.value for c in r), strict=True)) for r in ws.iter_rows(2)
    ]
    inwoners = {r["Jaar"]: r for r in rows if r["Kerncijfer"] == "Aantal inwoners"}
    assert sorted(inwoners) == [2017, 2024]
    assert inwoners[2024]["Niveau"] == "kern" and inwoners[2024]["Waarde"] == 2910
    assert inwoners[2017]["Methode"] == "grens_verschoven"
    assert "overlap 45 %" in inwoners[2017]["Toelichting"]
    assert inwoners[2024]["Gemeente (zelfde jaar)"] == 52948
    woz = [r for r in rows if r["Kerncijfer"] == "Gemiddelde WOZ-waarde van woningen"]
    assert woz[0]["Waarde"] is None and woz[0]["Toelichting"].startswith("geen cijfer")
    woningen = [r for r in rows if r["Kerncijfer"] == "Woningvoorraad"]
    assert {r["Niveau"] for r in woningen} == {"wijk"}


def test_selection_03_unknown_gebied_lists_choices(intern: GemeenteData) -> None:
    with pytest.raises(selection.ExportError, match="no gebied"):
        selection.find_gebied(intern, "atlantis")
    assert selection.find_gebied(intern, "Linge-Deil").slug == "linge-deil"


# --- gebiedstafel XLSX (no browser) -------------------------------------------------


def test_gebiedstafel_01_xlsx_sheets_and_values(intern: GemeenteData) -> None:
    data = gebiedstafel_xlsx(intern, "linge-deil", today=TODAY)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    gebied = selection.find_gebied(intern, "linge-deil")
    names = [intern.kern_name(s) for s in gebied.kernen]
    assert wb.sheetnames == ["Overzicht", *names]
    overview = wb["Overzicht"]
    assert overview["A1"].value == "Gebiedstafel Linge-Deil"
    assert overview["D3"].value == "VOORBEELDDATA: fictieve gegevens"
    header = [c.value for c in overview[5]]
    assert header[:3] == ["Kern", "Open actiepunten", "Waarvan aandacht nodig"]
    acties = intern.record("actiepunten")
    for row in overview.iter_rows(min_row=6, values_only=True):
        slug = next(s for s in gebied.kernen if intern.kern_name(s) == row[0])
        lists = acties["kern_slugs"].str.split(";")
        of_kern = acties[[slug in kernen for kernen in lists]]
        n_open = of_kern["status"].isin(selection.OPEN_STATUS).sum()
        assert row[1] == n_open
    deil = wb["Deil"]
    assert deil.freeze_panes == "A6"
    heads = [c.value for c in deil[5]]
    assert heads[:5] == ["Id", "Actiepunt", "Thema", "Eigenaar", "Status"]
    assert "Aandacht voor de gebiedstafel" in heads
    ids = [r[0] for r in deil.iter_rows(min_row=6, max_col=1, values_only=True) if r[0]]
    first = acties[acties["id"] == ids[0]].iloc[0]
    assert first["status"] in selection.OPEN_STATUS
    update_col = heads.index("Laatst bijgewerkt") + 1
    cell = deil.cell(6, update_col)
    assert cell.number_format == "dd-mm-yyyy"
    assert cell.value.date() == date.fromisoformat(first["datum_laatste_update"])


def test_gebiedstafel_02_openbaar_has_no_personal_data(openbaar: GemeenteData) -> None:
    data = gebiedstafel_xlsx(openbaar, "linge-deil", today=TODAY)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    text = " ".join(
        str(v) for ws in wb for row in ws.iter_rows(values_only=True) for v in row if v
    )
    assert "Voorbeeld Persoon" not in text and "example.org" not in text


# --- batch (no browser: documents stubbed, one kern fails) -------------------------


def test_batch_01_failure_is_reported_and_others_written(
    intern: GemeenteData, catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fake_profiel(data, kern, catalogue, *, renderer, today):  # noqa: ANN001
        if kern == "tuil":
            raise ValueError("kapotte geometrie")
        return b"%PDF-fake " + kern.encode()

    monkeypatch.setattr(batch, "profiel_pdf", fake_profiel)
    monkeypatch.setattr(batch, "gebiedstafel_pdf", lambda *a, **k: b"%PDF-fake")
    result = batch.export_all(intern, catalogue, tmp_path, today=TODAY)
    assert not result.ok
    assert [(j.key, r) for j, r in result.failed] == [
        ("tuil", "ValueError: kapotte geometrie")
    ]
    written = {p.name for p in result.written}
    assert "beesd.pdf" in written and "tuil.pdf" not in written
    assert (
        len(list((tmp_path / "kernprofielen").glob("*.pdf"))) == len(intern.kernen) - 1
    )
    assert len(list((tmp_path / "gebiedstafels").glob("*.xlsx"))) == 7


def test_batch_02_cli_exit_code_and_summary(
    build_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cli import app

    def fake_profiel(data, kern, catalogue, *, renderer, today):  # noqa: ANN001
        if kern == "tuil":
            raise ValueError("kapotte geometrie")
        return b"%PDF-fake"

    monkeypatch.setattr(batch, "profiel_pdf", fake_profiel)
    monkeypatch.setattr(batch, "gebiedstafel_pdf", lambda *a, **k: b"%PDF-fake")
    args = ["export", "all", "--gemeente", "west-betuwe", "--out", str(tmp_path)]
    result = CliRunner().invoke(app, [*args, "--build-dir", str(build_dir)])
    assert result.exit_code == 1, result.output
    assert "kapotte geometrie" in result.output and "Tuil" in result.output
    assert (tmp_path / "kernprofielen" / "beesd.pdf").exists()


# --- with Chromium -----------------------------------------------------------------------


@pytest.mark.browser
def test_profiel_01_pdf_text(intern: GemeenteData, catalogue) -> None:
    pdf = profiel_pdf(intern, "beesd", catalogue, today=TODAY)
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    text = _pdf_text(pdf)
    assert "Beesd" in text
    assert "Cijfers van de kern" in text and "Cijfers van wijk Beesd" in text
    inwoners = selection.key_figures(intern, "beesd", catalogue)[0].rows[0]
    assert inwoners.key == "aantal_inwoners"
    for value in (inwoners.values[0], inwoners.values[-1]):  # 2017 and 2024
        assert fmt.number(value) in text
    assert inwoners.ontwikkeling in text and "Leeftijdsopbouw (2024)" in text
    assert "Kerncijfers wijken en buurten 2017, 2022, 2024" in text
    for page in reader.pages:  # the header repeats VOORBEELDDATA on every page
        assert "voorbeelddata" in page.extract_text().lower()
    first_open = selection.kernagenda(intern, "beesd").iloc[0]["titel"]
    assert first_open.split()[0] in text
    assert "Bron: CBS, Kadaster" in text


@pytest.mark.browser
def test_gebiedstafel_03_pdf(intern: GemeenteData) -> None:
    text = _pdf_text(gebiedstafel_pdf(intern, "linge-deil", today=TODAY))
    assert "Linge-Deil" in text and "Enspijk" in text and "VOORBEELDDATA" in text


@pytest.mark.browser
def test_kaart_01_png_is_1920x1080_and_svg(intern: GemeenteData, catalogue) -> None:
    filters = Filters(indicator="aantal_inwoners")
    png = map_image(intern, "indicator", filters, catalogue, "png", made_on=TODAY)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (1920, 1080)
    svg = map_image(intern, "indicator", filters, catalogue, "svg", made_on=TODAY)
    assert b"<svg" in svg[:200]
    assert b"VOORBEELDDATA" in svg and b"22-11-2026" in svg
    assert b"Bron: CBS, Kadaster" in svg
