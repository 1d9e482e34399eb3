"""Build one store: CBS source -> kernen and indicators (+ records) -> GeoPackage."""

from __future__ import annotations

import logging
import platform
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata as importlib_metadata
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from pipelines import __version__
from pipelines.catalogue import Catalogue, load_catalogue
from pipelines.errors import RecordsError
from pipelines.gemeente import GemeenteConfig, check_against_buurten
from pipelines.indicators import kern_population
from pipelines.kerncijfers import kern_figures
from pipelines.kernen import RD_NEW, display_layer, dissolve_kernen, label_points_wgs84
from pipelines.settings import Settings
from pipelines.sources import get_source
from pipelines.sources.base import CbsData, sha256_file
from pipelines.store import STORE_FORMAT, store_path, write_store

logger = logging.getLogger(__name__)
Progress = Callable[[str], None]
VERSIONED = ("geopandas", "shapely", "pyogrio", "pandas", "pyproj", "dash", "plotly")


@dataclass
class BuildResult:
    """Summary of one build, for the CLI and the tests."""

    path: Path
    gemeente: GemeenteConfig
    audience: str
    n_kernen: int
    n_buurten: int
    n_indicators: int
    warnings: list[str] = field(default_factory=list)
    records: dict[str, dict[str, int]] = field(default_factory=dict)
    problems: list[Any] = field(default_factory=list)


def _versions() -> dict[str, str]:
    found = {"python": platform.python_version(), "kernenkaart": __version__}
    for name in VERSIONED:
        try:
            found[name] = importlib_metadata.version(name)
        except importlib_metadata.PackageNotFoundError:
            continue
    return found


def cbs_layers(
    data: CbsData, config: GemeenteConfig, catalogue: Catalogue
) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """All CBS-derived layers of the store, and the warnings of the dissolve."""
    check_against_buurten(config, set(data.buurten["buurtcode"]))
    result = dissolve_kernen(data.buurten, config)
    figures = kern_figures(data, config, result.buurten, result.kernen, catalogue)
    display = display_layer(result.kernen[["kern_slug", "name", "area_ha", "geometry"]])
    display = pd.concat([display, label_points_wgs84(result.kernen)], axis=1)
    wijken_rd = data.wijken.to_crs(RD_NEW)
    gemeente_rd = data.gemeente.to_crs(RD_NEW)
    layers: dict[str, pd.DataFrame] = {
        "gemeente": gemeente_rd,
        "wijken": wijken_rd,
        "buurten": result.buurten,
        "kernen": result.kernen,
        "kernen_display": gpd.GeoDataFrame(display, geometry="geometry", crs=4326),
        "wijken_display": display_layer(wijken_rd),
        "gemeente_display": display_layer(gemeente_rd),
        "indicators": figures.indicators,
        "indicator_bronnen": figures.sources,
    }
    if not figures.crosswalk.empty:
        layers["buurten_historie"] = figures.crosswalk
    return layers, [*data.warnings, *result.warnings, *figures.warnings]


def records_layers(
    records_dir: Path,
    config: GemeenteConfig,
    audience: str,
    population: pd.Series | None,
) -> tuple[dict[str, pd.DataFrame], Any]:
    """Validated municipal records (stripped for the audience) and their aggregates."""
    from pipelines.records import aggregate_records, apply_audience, load_records

    result = load_records(records_dir, config)
    if result.errors:
        raise RecordsError(
            f"{len(result.errors)} error(s) in the records of {config.naam} "
            f"({records_dir}); the store was not changed.",
            hint=f"Run: kernenkaart validate --gemeente {config.slug} --records "
            f"{records_dir} for the full report.",
        )
    result = apply_audience(result, audience)
    layers: dict[str, pd.DataFrame] = dict(result.tables)
    if result.locations is not None and not result.locations.empty:
        layers["opgaven_locaties"] = result.locations
    layers.update(aggregate_records(result, config, population, audience))
    return layers, result


def build_gemeente(
    settings: Settings,
    config: GemeenteConfig,
    source: str,
    *,
    year: int | None = None,
    years: list[int] | None = None,
    records_dir: Path | None = None,
    audience: str | None = None,
    cbs_dir: str | None = None,
    progress: Progress | None = None,
) -> BuildResult:
    """Build the store of one gemeente and audience.

    Parameters
    ----------
    settings : Settings
        Build directory, geodata folder and service URLs.
    config : GemeenteConfig
        The gemeente and its kernen.
    source : str
        ``snapshot``, ``files`` or ``online``.
    year : int, optional
        Indeling year of the boundaries; defaults to ``settings.year``.
    years : list of int, optional
        KWB years to load; by default every year the source has.
    records_dir : Path, optional
        Folder with the municipal records; without it the store holds CBS data only.
    audience : str, optional
        ``intern`` or ``openbaar``; defaults to ``settings.audience``.
    cbs_dir : str, optional
        Folder for the ``files`` source.
    progress : callable, optional
        Called with a short description before each step.

    Returns
    -------
    BuildResult
        Where the store was written and what it holds.
    """
    step = progress or (lambda message: None)
    year = year or settings.year
    audience = audience or settings.audience
    catalogue_path = settings.geodata_dir / "indicators.toml"
    catalogue = load_catalogue(catalogue_path)
    which = ", ".join(map(str, years)) if years else "alle jaren"
    step(f"{config.naam}: CBS {source} lezen (indeling {year}, cijfers {which})")
    history_codes = {y: config.codes_in(y) for y in range(1995, year + 2)}
    data = get_source(source, settings, cbs_dir).load(
        config.code, year, catalogue, years=years, history_codes=history_codes
    )
    step(f"{config.naam}: kernen samenstellen")
    layers, warnings = cbs_layers(data, config, catalogue)
    records_summary: dict[str, dict[str, int]] = {}
    problems: list[Any] = []
    voorbeelddata = False
    if records_dir is not None:
        step(f"{config.naam}: gemeentelijke registraties controleren")
        population = kern_population(layers["indicators"])
        extra, result = records_layers(records_dir, config, audience, population)
        layers.update(extra)
        records_summary, problems = result.row_counts, result.problems
        voorbeelddata = bool(result.voorbeelddata)
        warnings.extend(f"{p.file}: {p.message}" for p in result.warnings)
    step(f"{config.naam}: opslaan")
    inputs = {p["location"]: p.get("sha256") for p in data.provenance}
    for path in (config.path, catalogue_path):
        if path is not None:
            inputs[str(path.name)] = sha256_file(path)
    metadata = {
        "store_format": STORE_FORMAT,
        "gemeentecode": config.code,
        "gemeente": config.naam,
        "gemeente_slug": config.slug,
        "kleur": config.kleur,
        "website": config.website,
        "cyclus": config.cyclus.to_dict() if config.cyclus else None,
        "audience": audience,
        "year": year,
        "years": data.years,
        "years_unavailable": {str(y): r for y, r in data.unavailable.items()},
        "source": source,
        "sources": data.provenance,
        "input_hashes": inputs,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "tool_version": __version__,
        "versions": _versions(),
        "voorbeelddata": voorbeelddata,
        "records": records_summary,
        "warnings": warnings,
        "attribution": "Bron: CBS, Kadaster (CC BY 4.0)",
    }
    path = write_store(
        store_path(settings.build_dir, config.slug, audience), layers, metadata
    )
    return BuildResult(
        path=path,
        gemeente=config,
        audience=audience,
        n_kernen=len(layers["kernen"]),
        n_buurten=len(layers["buurten"]),
        n_indicators=int(layers["indicators"]["indicator"].nunique()),
        warnings=warnings,
        records=records_summary,
        problems=problems,
    )
