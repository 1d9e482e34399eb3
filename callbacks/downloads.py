"""Downloads (issue 5): the Kaart table and map, the kernprofiel, the gebiedstafel.

Thin: read the state, call ``exports.*``, hand the bytes to ``dcc.Download``.
Expected failures (no Chromium, unknown kern) become a Dutch alert.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any

import pandas as pd
from dash import Dash, Input, Output, State, ctx, dcc
from dash.exceptions import PreventUpdate

import exports
from callbacks import other_pages, pages, screens
from callbacks.context import record_download, repo
from exports.tables import sheets_to_xlsx_bytes
from layouts import ids, overlays, vergelijk
from layouts.components import notice, sort_rows
from layouts.overlays.base import OverlayView
from pipelines.dashboard_data import OVERLAY_SOURCES, GemeenteData
from pipelines.errors import KernenkaartError

logger = logging.getLogger(__name__)
KAART_BUTTONS = {
    ids.DL_TABEL_CSV: "csv",
    ids.DL_TABEL_XLSX: "xlsx",
    ids.DL_KAART_PNG: "png",
    ids.DL_KAART_SVG: "svg",
}


def table_frame(
    data: GemeenteData, view: OverlayView, sort: dict | None
) -> pd.DataFrame:
    """The Kaart table as a DataFrame: same columns, headers and order as shown."""
    names = dict(zip(data.kernen["kern_slug"], data.kernen["name"], strict=True))
    first = view.columns[0].key if view.columns else None
    records = []
    for row in sort_rows(view.rows, sort or {}):
        record = {c.label: row.get(c.key) for c in view.columns}
        if view.level == "kern" and first is not None:
            record[view.columns[0].label] = names.get(row["code"], row.get(first))
        if view.level == "wijk":
            kernen = [names.get(k, k) for k in row.get("kernen", [])]
            record["Kernen in deze wijk"] = ", ".join(kernen)
        records.append(record)
    if not records:
        return pd.DataFrame(columns=[c.label for c in view.columns])
    return pd.DataFrame.from_records(records)


def _labelled(
    frame: pd.DataFrame, stem: str, voorbeelddata: bool
) -> tuple[pd.DataFrame, str]:
    """A table download of voorbeelddata says so on every row and in its name."""
    if not voorbeelddata:
        return frame, stem
    return exports.mark_voorbeelddata(frame), f"voorbeelddata-{stem}"


def _deliver(
    make: Callable[[], bytes], filename: str, what: str, *, gemeente: str
) -> tuple[Any, Any]:
    """(download, alert): the file, or a visible Dutch message when it fails.

    A file made from a store with personal data (intern) is audit-logged.
    """
    try:
        content = make()
        record_download(gemeente, filename)
        return dcc.send_bytes(content, filename), []
    except KernenkaartError as exc:
        logger.warning("download %s failed: %s", filename, exc)
        text = f"{what} kon niet worden gemaakt. {exc}"
    except Exception:  # a download must never end in a stack trace for the user
        logger.exception("download %s failed", filename)
        text = f"{what} kon niet worden gemaakt door een onverwachte fout."
    return None, [notice(text + " Probeer het later opnieuw.", "fout")]


def kaart_download(*args: Any) -> tuple[Any, Any]:
    """One of the four Kaart buttons: table (CSV/XLSX) or map (PNG/SVG)."""
    *_clicks, state, sort = args
    kind = KAART_BUTTONS.get(ctx.triggered_id)
    if kind is None or not state or not ctx.triggered[0].get("value"):
        raise PreventUpdate
    data = repo().get(state["gemeente"])
    stem = f"{data.slug}-{state['overlay']}-{date.today().isoformat()}"
    if kind in ("csv", "xlsx"):
        view = screens.overlay_view(data, state, repo().catalogue)
        frame = table_frame(data, view, sort)
        records = OVERLAY_SOURCES[overlays.get(state["overlay"]).source].records
        # CBS figures (no records) are real, whatever the store
        frame, stem = _labelled(frame, stem, data.voorbeelddata and bool(records))
        if kind == "csv":
            return _deliver(
                lambda: exports.dataframe_to_csv_bytes(frame),
                f"tabel-{stem}.csv",
                "De tabel",
                gemeente=data.slug,
            )
        return _deliver(
            lambda: exports.dataframe_to_xlsx_bytes(frame, sheet_name="Tabel"),
            f"tabel-{stem}.xlsx",
            "De tabel",
            gemeente=data.slug,
        )
    return _deliver(
        lambda: exports.map_image(
            data,
            state["overlay"],
            screens.filters_of(state),
            repo().catalogue,
            kind,
            selected=state.get("kern"),
        ),
        f"kaart-{stem}.{kind}",
        "Het kaartbeeld",
        gemeente=data.slug,
    )


def _path_slug(pathname: str | None, prefix: str) -> str:
    if not (pathname or "").startswith(prefix):
        raise PreventUpdate
    return str(pathname).rstrip("/").split("/")[-1]


def profiel_download(
    _pdf: int | None, _xlsx: int | None, pathname: str | None, search: str | None
) -> tuple[Any, Any]:
    """The kernprofiel of the kern in the URL as A4 PDF, or its figures as Excel."""
    slug = _path_slug(pathname, "/kern/")
    if not ctx.triggered or not ctx.triggered[0].get("value"):
        raise PreventUpdate
    data = repo().get(pages.resolve_gemeente(str(pathname), search))
    if ctx.triggered_id == ids.DL_PROFIEL_XLSX:
        return _deliver(
            lambda: exports.profiel.kerncijfers_xlsx(data, slug, repo().catalogue),
            f"kerncijfers-{slug}-{date.today().isoformat()}.xlsx",
            "De kerncijfers (Excel)",
            gemeente=data.slug,
        )
    return _deliver(
        lambda: exports.profiel_pdf(data, slug, repo().catalogue),
        f"kernprofiel-{slug}-{date.today().isoformat()}.pdf",
        "Het kernprofiel (PDF)",
        gemeente=data.slug,
    )


def gebied_download(
    _xlsx: int | None, _pdf: int | None, pathname: str | None, search: str | None
) -> tuple[Any, Any]:
    """The gebiedstafel agenda of the gebied in the URL (Excel or PDF)."""
    slug = _path_slug(pathname, "/gebied/")
    if not ctx.triggered or not ctx.triggered[0].get("value"):
        raise PreventUpdate
    data = repo().get(pages.resolve_gemeente(str(pathname), search))
    stem = f"gebiedstafel-{slug}-{date.today().isoformat()}"
    if ctx.triggered_id == ids.DL_GEBIED_PDF:
        return _deliver(
            lambda: exports.gebiedstafel_pdf(data, slug),
            f"{stem}.pdf",
            "De agenda (PDF)",
            gemeente=data.slug,
        )
    return _deliver(
        lambda: exports.gebiedstafel_xlsx(data, slug),
        f"{stem}.xlsx",
        "De agenda (Excel)",
        gemeente=data.slug,
    )


def vergelijk_download(
    n_clicks: int | None, pathname: str | None, search: str | None
) -> tuple[Any, Any]:
    """The kernen of the Vergelijken URL side by side, as an Excel file."""
    if not n_clicks or (pathname or "").rstrip("/") != "/vergelijk":
        raise PreventUpdate
    data = repo().get(pages.resolve_gemeente(str(pathname), search))
    content = other_pages.vergelijk_content(data, search)
    frame = pd.DataFrame(content.kernen, columns=list(vergelijk.EXPORT_COLUMNS))
    frame = frame.rename(columns=vergelijk.EXPORT_COLUMNS)
    # every figure of the first sheet comes from the records; the CBS figures
    # of the second are real, whatever the store
    frame, stem = _labelled(
        frame, f"{data.slug}-{date.today().isoformat()}", data.voorbeelddata
    )
    cbs = pd.DataFrame(vergelijk.cbs_export_rows(content.cbs_columns, content.cbs_rows))
    notes = [vergelijk.cbs_source(content.cbs_columns)]
    notes += vergelijk.cbs_gaps(content.cbs_columns)
    sheets = [("Vergelijking", frame, []), ("CBS-cijfers", cbs, notes)]
    return _deliver(
        lambda: sheets_to_xlsx_bytes(sheets),
        f"vergelijking-{stem}.xlsx",
        "De vergelijking",
        gemeente=data.slug,
    )


def register(app: Dash) -> None:
    app.callback(
        Output(ids.DL_KAART, "data"),
        Output(ids.DL_KAART_MELDING, "children"),
        *[Input(button, "n_clicks") for button in KAART_BUTTONS],
        State(ids.STATE, "data"),
        State(ids.TABLE_SORT, "data"),
        prevent_initial_call=True,
    )(kaart_download)
    app.callback(
        Output(ids.DL_PROFIEL, "data"),
        Output(ids.DL_PROFIEL_MELDING, "children"),
        Input(ids.DL_PROFIEL_PDF, "n_clicks"),
        Input(ids.DL_PROFIEL_XLSX, "n_clicks"),
        State(ids.URL, "pathname"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )(profiel_download)
    app.callback(
        Output(ids.DL_GEBIED, "data"),
        Output(ids.DL_GEBIED_MELDING, "children"),
        Input(ids.DL_GEBIED_XLSX, "n_clicks"),
        Input(ids.DL_GEBIED_PDF, "n_clicks"),
        State(ids.URL, "pathname"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )(gebied_download)
    app.callback(
        Output(ids.DL_VERGELIJK, "data"),
        Output(ids.DL_VERGELIJK_MELDING, "children"),
        Input(ids.DL_VERGELIJK_XLSX, "n_clicks"),
        State(ids.URL, "pathname"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )(vergelijk_download)
