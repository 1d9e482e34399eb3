"""Every component id of the app, once (repeated id strings: the classic Dash bug)."""

# shell
URL = "url"
PAGE = "pagina"
BANNER = "voorbeelddata-melding"
SKIP_TARGET = "inhoud"
NAV = "navigatie"
FOOTER = "voet"

# Kaart screen
STATE = "kaart-status"
GEMEENTE = "gemeente-kiezer"
OVERLAY = "overlay-kiezer"
INDICATOR = "indicator-kiezer"
JAAR = "jaar-filter"
THEMA = "thema-filter"
EIGENAAR = "eigenaar-filter"
REGELING = "regeling-filter"
ACHTERGROND = "achtergrond-keuze"
MAP = "kaart"
MAP_PAINT = "kaart-kleuren"  # colours of every overlay (assets/kernenkaart-kaart.js)
MAP_PAINTED = "kaart-geschilderd"  # output of kaart.paint/select (after a change)
MAP_CLICK = "kaart-klik"  # the kern clicked on the map (assets/kernenkaart-kaart.js)
MAP_ATTRIBUTION = "kaart-bronvermelding"
LEGEND = "legenda"
MESSAGE = "kaart-melding"
SUMMARY = "kern-samenvatting"
TABLE = "kern-tabel"
TABLE_SORT = "tabel-sortering"
TABLE_PAGE = "tabel-pagina"
FILTER_ROW = "filters"

# pattern-matching id types (dicts {"type": ..., "index": ...})
KERN_BUTTON = "kern-knop"
SORT_BUTTON = "sorteer-knop"
PAGE_BUTTON = "pagina-knop"

# Kernprofiel, Gebied, Monitor
PROFILE_MAP = "profiel-kaart"
PROFILE_INITIATIVES = "profiel-initiatieven-grafiek"
GEBIED_DOWNLOAD_BUTTON = "gebied-download-knop"
GEBIED_DOWNLOAD = "gebied-download"
MONITOR_ACTIEPUNTEN = "monitor-actiepunten"
MONITOR_INITIATIEVEN = "monitor-initiatieven"
MONITOR_PEILING = "monitor-burgerpeiling"

# wrappers of the filters (hidden when an overlay does not use the filter)
INDICATOR_FIELD = "indicator-veld"
JAAR_FIELD = "jaar-veld"
THEMA_FIELD = "thema-veld"
EIGENAAR_FIELD = "eigenaar-veld"
REGELING_FIELD = "regeling-veld"

# shell store: which path and gemeente the page was rendered for
RENDERED = "getoonde-pagina"

# downloads (issue 5): buttons, dcc.Download targets and their alerts
DL_TABEL_CSV = "download-tabel-csv"
DL_TABEL_XLSX = "download-tabel-xlsx"
DL_KAART_PNG = "download-kaart-png"
DL_KAART_SVG = "download-kaart-svg"
DL_KAART = "download-kaart"
DL_KAART_MELDING = "download-kaart-melding"
DL_PROFIEL_PDF = "download-profiel-pdf"
DL_PROFIEL_XLSX = "download-profiel-kerncijfers-xlsx"
DL_PROFIEL = "download-profiel"
DL_PROFIEL_MELDING = "download-profiel-melding"
DL_GEBIED_XLSX = "download-gebiedstafel-xlsx"
DL_GEBIED_PDF = "download-gebiedstafel-pdf"
DL_GEBIED = "download-gebiedstafel"
DL_GEBIED_MELDING = "download-gebiedstafel-melding"

# presentation mode
KAART_PAGE = "kaart-pagina"
PRESENTATIE = "presentatie-knop"

# kernen vergelijken (/vergelijk)
COMPARE_KERNEN = "vergelijk-kernen"
COMPARE_BUTTON = "vergelijk-knop"
DL_VERGELIJK_XLSX = "download-vergelijking-excel"
DL_VERGELIJK = "download-vergelijking"
DL_VERGELIJK_MELDING = "download-vergelijking-melding"

# Kernprofiel: trends
PROFILE_FIGURES = "profiel-kerncijfers"
PROFILE_AGE = "profiel-leeftijdsopbouw"
PROFILE_ALL_FIGURES = "profiel-alle-cijfers"

# Vergelijken/Monitor: CBS
COMPARE_CBS = "vergelijk-cbs-cijfers"
MONITOR_CBS = "monitor-cbs"
MONITOR_CBS_GEMEENTE = "monitor-cbs-gemeente"
MONITOR_CBS_INDICATOR = "monitor-cbs-indicator"
MONITOR_CBS_KERNEN = "monitor-cbs-kernen"

# Kalender
KALENDER_KERN = "kalender-kern"
KALENDER_GEBIED = "kalender-gebied"
KALENDER_SOORT = "kalender-soort"
KALENDER_PERIODE = "kalender-periode"
KALENDER_RESULTS = "kalender-resultaten"
KALENDER_FEED = "kalender-feed-adres"
DL_KALENDER_PDF = "download-kalender-pdf"
DL_KALENDER_XLSX = "download-kalender-excel"
DL_KALENDER = "download-kalender"
DL_KALENDER_MELDING = "download-kalender-melding"

# Kaart: CBS year (Maatschappelijke opgaven: year, waarde/verandering, since)
CBSJAAR = "cbsjaar-kiezer"
WEERGAVE = "weergave-kiezer"
SINDS = "sinds-kiezer"
CBSJAAR_FIELD = "cbsjaar-veld"
WEERGAVE_FIELD = "weergave-veld"
SINDS_FIELD = "sinds-veld"
