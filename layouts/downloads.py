"""Download buttons of the screens: real <button>s, a dcc.Download and an alert."""

from __future__ import annotations

from dash import dcc, html

from layouts import ids


def _button(label: str, button_id: str, description: str) -> html.Button:
    return html.Button(
        label,
        id=button_id,
        type="button",
        className="knop",
        title=description,
    )


def _block(
    title: str,
    buttons: list[html.Button],
    download_id: str,
    message_id: str,
    extra: list | None = None,
) -> html.Div:
    return html.Div(
        [
            html.Div(
                buttons,
                className="download-knoppen",
                role="group",
                **{"aria-label": title},
            ),
            *(extra or []),
            dcc.Download(id=download_id),
            dcc.Loading(
                html.Div(id=message_id, **{"aria-live": "polite"}),
                type="dot",
                delay_show=300,
            ),
        ],
        className="downloads geen-print",
    )


def kaart_downloads() -> html.Div:
    """Kaart: the table shown (CSV, Excel) and the map as a slide (PNG, SVG)."""
    return _block(
        "Downloads van kaart en tabel",
        [
            _button(
                "Download tabel (CSV)",
                ids.DL_TABEL_CSV,
                "Download de tabel als CSV voor Excel",
            ),
            _button(
                "Download tabel (Excel)",
                ids.DL_TABEL_XLSX,
                "Download de tabel als Excel-bestand",
            ),
            _button(
                "Kaart als PNG",
                ids.DL_KAART_PNG,
                "Download de kaart als PNG-afbeelding, 1920 bij 1080",
            ),
            _button(
                "Kaart als SVG",
                ids.DL_KAART_SVG,
                "Download de kaart als SVG-afbeelding, 1920 bij 1080",
            ),
        ],
        ids.DL_KAART,
        ids.DL_KAART_MELDING,
    )


def profiel_downloads(naam: str) -> html.Div:
    """Kernprofiel: the A4 PDF and its CBS figures of every year as Excel."""
    return _block(
        "Downloads van het kernprofiel",
        [
            _button(
                "Download profiel (PDF)",
                ids.DL_PROFIEL_PDF,
                f"Download het kernprofiel van {naam} als PDF",
            ),
            _button(
                "Download kerncijfers (Excel)",
                ids.DL_PROFIEL_XLSX,
                f"Download alle CBS-cijfers van {naam}, per jaar, als Excel-bestand",
            ),
        ],
        ids.DL_PROFIEL,
        ids.DL_PROFIEL_MELDING,
    )


def vergelijk_downloads() -> html.Div:
    """Vergelijken: the comparison as an Excel file (for a memo or a slide)."""
    return _block(
        "Download van de vergelijking",
        [
            _button(
                "Download vergelijking (Excel)",
                ids.DL_VERGELIJK_XLSX,
                "Download de vergelijking van deze kernen als Excel-bestand",
            )
        ],
        ids.DL_VERGELIJK,
        ids.DL_VERGELIJK_MELDING,
    )


def gebied_downloads(gebied: str) -> html.Div:
    """Gebied: aandachtslijst (CSV) and the gebiedstafel agenda (Excel, PDF)."""
    return _block(
        "Downloads voor de gebiedstafel",
        [
            _button(
                "Aandachtslijst (CSV)",
                ids.GEBIED_DOWNLOAD_BUTTON,
                f"Download de aandachtslijst van gebied {gebied} als CSV",
            ),
            _button(
                "Agenda gebiedstafel (Excel)",
                ids.DL_GEBIED_XLSX,
                f"Download de agenda voor de gebiedstafel {gebied} als Excel",
            ),
            _button(
                "Agenda gebiedstafel (PDF)",
                ids.DL_GEBIED_PDF,
                f"Download de agenda voor de gebiedstafel {gebied} als PDF",
            ),
        ],
        ids.DL_GEBIED,
        ids.DL_GEBIED_MELDING,
        extra=[dcc.Download(id=ids.GEBIED_DOWNLOAD)],
    )
