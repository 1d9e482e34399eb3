"""Data pipelines of the kernenkaart: CBS sources, kernen, indicators, records, store.

Nothing in this package imports Dash or Plotly (see STYLE.md).
"""

__version__ = "0.1.0"
