"""Documents made from a store: PDF, PNG/SVG, XLSX and CSV, produced offline.

Sits beside ``callbacks/``: it may use ``layouts/`` figure builders and
``pipelines/``, never the reverse. Functions take plain values and a loaded
:class:`pipelines.dashboard_data.GemeenteData` and return bytes, so a Dash
callback can hand them to ``dcc.Download`` directly.
"""

from exports.batch import BatchResult, export_all
from exports.gebiedstafel import gebiedstafel_pdf, gebiedstafel_xlsx
from exports.maps import map_image
from exports.profiel import profiel_pdf
from exports.render import ExportError, Renderer
from exports.tables import (
    dataframe_to_csv_bytes,
    dataframe_to_xlsx_bytes,
    mark_voorbeelddata,
)

__all__ = [
    "BatchResult",
    "ExportError",
    "Renderer",
    "dataframe_to_csv_bytes",
    "dataframe_to_xlsx_bytes",
    "mark_voorbeelddata",
    "export_all",
    "gebiedstafel_pdf",
    "gebiedstafel_xlsx",
    "map_image",
    "profiel_pdf",
]
