"""What the dashboard screens need, computed from the layers of a store.

Pure pandas on frames read once per store (through :mod:`pipelines.store`);
no Dash here. The app keeps one :class:`Repository` that loads a store the
first time it is asked for and again when the file changes.

Split into store_view (loading), indicators (CBS values),
overlays (per-kern overlay figures) and profiles (kernprofiel, monitor, gebied).
"""

from __future__ import annotations

from pipelines.dashboard_data.indicators import (  # noqa: F401
    IndicatorValues,
    available_indicators,
    indicator_coverage,
    indicator_values,
    kern_wijken,
)
from pipelines.dashboard_data.overlays import (  # noqa: F401
    FILTER_NAMES,
    OPEN_FASEN,
    OVERLAY_SOURCES,
    STATUSES,
    OverlayInput,
    OverlaySource,
    _match,
    _years_of,
    chosen_filters,
    explode_kernen,
    filter_actiepunten,
    filter_options,
    gebieden_per_kern,
    kern_population_of,
    kern_records,
    kernagenda_per_kern,
    leefbaarheid_per_kern,
    opgave_points,
    opgaven_per_kern,
    overlay_input,
    slugify,
)
from pipelines.dashboard_data.profiles import (  # noqa: F401
    INITIATIEVEN_FIGURES,
    KEY_FIGURE_COLUMNS,
    OPEN_STATUS,
    PREPARATION_YEARS,
    REASON_NO_OWNER,
    REASON_PAST,
    REASON_PREPARATION,
    REASON_STALE,
    STALE_MONTHS,
    KeyFigure,
    _quarter_end,
    aandacht,
    actiepunten_per_jaar,
    attention_reasons,
    counts,
    gebied_by_slug,
    gebied_of_kern,
    initiatieven_per_jaar,
    key_figure_table,
    key_figures,
    optional_float,
)
from pipelines.dashboard_data.store_view import (  # noqa: F401
    ALL,
    COORD_DECIMALS,
    GEO_LAYERS,
    RECORD_LAYERS,
    Filters,
    GemeenteData,
    Repository,
    _plain,
    _round_coords,
    geojson_text,
    load_gemeente_data,
)
