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


def test_selection_02_key_figures_are_wijk_figures_named_honestly(
    intern: GemeenteData, catalogue
) -> None:
    (figures,) = selection.key_figures(intern, "beesd", catalogue)
    assert figures.level == "wijk" and figures.areas == ("Beesd",)
    assert "wijk Beesd" in figures.caption
    inwoners = next(r for r in figures.rows if r.key == "aantal_inwoners")
    wijk = intern.indicators.query("level == 'wijk' and code == 'WK196002'")
    expected = wijk.loc[wijk["indicator"] == "aantal_inwoners", "value"].iloc[0]
    assert inwoners.values == (expected,)
    assert inwoners.vergelijking_label == "gemiddelde per wijk"


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
    assert "Cijfers van wijk Beesd" in text
    inwoners = selection.key_figures(intern, "beesd", catalogue)[0].rows[0]
    assert fmt.number(inwoners.values[0]) in text  # e.g. 4.855
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
