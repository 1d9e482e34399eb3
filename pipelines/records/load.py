"""Load all record files of one gemeente: find, read, validate, cross-check."""

from __future__ import annotations

import logging
import tomllib
from datetime import date
from pathlib import Path

import pandas as pd

from pipelines.gemeente import GemeenteConfig
from pipelines.records.kernen import KernResolver
from pipelines.records.locations import build_locations
from pipelines.records.model import (
    FOUT,
    WAARSCHUWING,
    Problem,
    RecordsReadError,
    RecordsResult,
)
from pipelines.records.output import empty_output
from pipelines.records.readers import read_table
from pipelines.records.specs import SPECS
from pipelines.records.validate import Context, FileResult, validate_table

logger = logging.getLogger(__name__)

RECORD_TYPES: tuple[str, ...] = (
    "actiepunten",
    "initiatieven",
    "opgaven",
    "platforms",
    "gebieden",
    "activiteiten",
)
OPTIONAL_TYPES: tuple[str, ...] = ("burgerpeiling",)
ALL_TYPES = RECORD_TYPES + OPTIONAL_TYPES
MARKER = "VOORBEELDDATA"
EXTENSIONS = (".csv", ".xlsx")
# [records] key -> (record type, field) whose allowed values it extends
CONFIGURABLE = {
    "regelingen": ("initiatieven", "regeling"),
    "themas": ("actiepunten", "thema"),
    "opgave_soorten": ("opgaven", "soort"),
    "activiteit_soorten": ("activiteiten", "soort"),
}


def records_folder(records_dir: Path, gemeente: GemeenteConfig) -> Path:
    """``<records_dir>/<gemeente.slug>`` if that folder exists, else ``records_dir``."""
    if not records_dir.is_dir():
        raise RecordsReadError(
            f"Records folder {records_dir} does not exist.",
            hint="Pass the folder with actiepunten.csv/xlsx etc. (--records DIR).",
        )
    nested = records_dir / gemeente.slug
    return nested if nested.is_dir() else records_dir


def allowed_values(gemeente: GemeenteConfig) -> dict[str, dict[str, tuple[str, ...]]]:
    """Allowed enum values per record type, extended by the gemeente file.

    A ``[records]`` table in ``geodata/gemeenten/<slug>.toml`` may add values:
    ``regelingen = ["dorpsbudget"]``, ``themas = [...]``, ``opgave_soorten = [...]``,
    ``activiteit_soorten = [...]``.
    """
    extra: dict = {}
    if gemeente.path is not None and gemeente.path.exists():
        extra = tomllib.loads(gemeente.path.read_text("utf-8")).get("records", {})
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for name, spec in SPECS.items():
        out[name] = {}
        for key, (record_type, field_name) in CONFIGURABLE.items():
            if key in extra and record_type == name:
                base = spec.field(field_name).allowed
                added = tuple(str(v) for v in extra[key] if str(v) not in base)
                out[name][field_name] = base + added
    return out


def _find(folder: Path, record_type: str) -> tuple[Path | None, Problem | None]:
    found = [
        p
        for p in sorted(folder.iterdir())
        if p.stem.lower() == record_type and p.suffix.lower() in EXTENSIONS
    ]
    if len(found) > 1:
        names = " en ".join(p.name for p in found)
        return None, Problem(
            FOUT,
            names,
            None,
            None,
            None,
            f"Er zijn twee bestanden voor {record_type}: {names}.",
            "Houd er een over en verwijder of hernoem de andere.",
        )
    if not found:
        if record_type in OPTIONAL_TYPES:
            return None, None
        return None, Problem(
            WAARSCHUWING,
            f"{record_type}.csv",
            None,
            None,
            None,
            f"Er is geen bestand {record_type}.csv of .xlsx.",
            "Geen probleem als er (nog) geen gegevens zijn; anders: "
            "gebruik het sjabloon (kernenkaart template).",
        )
    return found[0], None


def load_records(
    records_dir: Path, gemeente: GemeenteConfig, *, today: date | None = None
) -> RecordsResult:
    """Read and validate all record files of one gemeente.

    Parameters
    ----------
    records_dir : Path
        Folder with ``<type>.csv`` or ``<type>.xlsx`` files, or with a
        subfolder ``<gemeente.slug>/`` holding them.
    gemeente : GemeenteConfig
        The gemeente; kern names are resolved against its kernen.
    today : date, optional
        Reference date for date ranges and staleness warnings (default: today).

    Returns
    -------
    RecordsResult
        Validated tables, opgave locations, every problem of every file, row
        counts per type, and whether the folder holds voorbeelddata.
    """
    today = today or date.today()
    folder = records_folder(records_dir, gemeente)
    resolver = KernResolver(gemeente)
    allowed = allowed_values(gemeente)
    tables, counts, problems, files = {}, {}, [], {}
    for record_type in ALL_TYPES:
        path, problem = _find(folder, record_type)
        problems += [problem] if problem else []
        if path is None:
            if record_type in RECORD_TYPES or problem is not None:
                result = _empty(record_type)
                tables[record_type], counts[record_type] = result.table, result.counts
            continue
        label = str(path.relative_to(records_dir))
        files[record_type] = label
        logger.info("Validating %s", path)
        ctx = Context(SPECS[record_type], label, resolver, today, allowed[record_type])
        result = validate_table(read_table(path, label, record_type), ctx)
        tables[record_type], counts[record_type] = result.table, result.counts
        problems += result.problems
    problems += _cross_checks(tables, files)
    marker = (folder / MARKER).exists() or (records_dir / MARKER).exists()
    flagged = [t["voorbeelddata"].all() for t in tables.values() if len(t)]
    return RecordsResult(
        tables=tables,
        locations=build_locations(tables["opgaven"]),
        problems=problems,
        row_counts=counts,
        voorbeelddata=marker or (bool(flagged) and all(flagged)),
        files=files,
    )


def _empty(record_type: str) -> FileResult:
    counts = {"input": 0, "stored": 0, "rejected": 0}
    return FileResult(empty_output(SPECS[record_type]), [], counts)


def _cross_checks(
    tables: dict[str, pd.DataFrame], files: dict[str, str]
) -> list[Problem]:
    """Warnings that need two files: unknown actiepunt links, kernen in two gebieden."""
    problems: list[Problem] = []
    init, acties = tables["initiatieven"], tables["actiepunten"]
    if len(init) and "initiatieven" in files:
        linked = init[init["actiepunt_id"].notna()]
        missing = linked[~linked["actiepunt_id"].isin(set(acties["id"]))]
        for row in missing.itertuples():
            problems.append(
                Problem(
                    WAARSCHUWING,
                    files["initiatieven"],
                    int(row.bron_rij),
                    "actiepunt_id",
                    str(row.actiepunt_id),
                    f"Actiepunt '{row.actiepunt_id}' staat niet in actiepunten.",
                    "Controleer het id van het actiepunt, of laat de cel leeg.",
                )
            )
    gebieden = tables["gebieden"]
    if len(gebieden) and "gebieden" in files:
        kernen = gebieden.assign(kern=gebieden["kern_slugs"].str.split(";")).explode(
            "kern"
        )
        double = kernen[kernen.duplicated("kern", keep="first")]
        for row in double.itertuples():
            problems.append(
                Problem(
                    WAARSCHUWING,
                    files["gebieden"],
                    int(row.bron_rij),
                    "kernen",
                    row.kern,
                    f"Kern '{row.kern}' staat bij meer dan een gebied.",
                    "Een kern hoort bij een gebied; haal hem bij een van beide weg.",
                )
            )
    return problems
