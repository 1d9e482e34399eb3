"""Gemeente configuration: which CBS buurten form each kern (``geodata/gemeenten``)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipelines.cyclus import Cyclus, parse_cyclus
from pipelines.errors import ConfigError

BUURTCODE = re.compile(r"^BU\d{8}$")
GEMEENTECODE = re.compile(r"^GM\d{4}$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class KernConfig:
    """One kern: its name, URL slug and the buurtcodes it consists of."""

    naam: str
    slug: str
    buurten: tuple[str, ...]
    toelichting: tuple[str, ...] = ()


@dataclass(frozen=True)
class Voorganger:
    """A gemeente that merged into this one: its CBS code, name and last year."""

    code: str
    naam: str
    tot: int  # first year in which CBS no longer publishes it (the merger year)


@dataclass(frozen=True)
class GemeenteConfig:
    """One gemeente with its kernen, as read from ``geodata/gemeenten/<slug>.toml``."""

    code: str
    naam: str
    slug: str
    kernen: tuple[KernConfig, ...]
    kleur: str = "#1f4e79"
    indeling_jaar: int = 2024
    website: str = ""  # where residents reach the gemeente (accessibility statement)
    voorgangers: tuple[Voorganger, ...] = ()
    path: Path | None = field(default=None, compare=False)
    cyclus: Cyclus | None = None  # [cyclus]: the cycle of kerngericht werken

    def codes_in(self, year: int) -> list[str]:
        """The gemeentecodes under which CBS published this gemeente in ``year``.

        Before a merger (``[[gemeente.voorganger]]``, ``tot`` the merger year)
        those of its predecessors; from the merger on its own code.
        """
        before = [v.code for v in self.voorgangers if year < v.tot]
        return before or [self.code]

    def kern_of_buurt(self) -> dict[str, str]:
        """Map every configured buurtcode to its kern slug."""
        return {b: k.slug for k in self.kernen for b in k.buurten}

    def kern_by_slug(self, slug: str) -> KernConfig:
        for kern in self.kernen:
            if kern.slug == slug:
                return kern
        raise ConfigError(f"Gemeente {self.naam} has no kern with slug {slug!r}.")


def _require(table: dict, key: str, where: str, path: Path) -> object:
    if key not in table:
        raise ConfigError(
            f"{path}: {where} has no '{key}'.", hint=f"Add {key} = ... to {where}."
        )
    return table[key]


def _parse_kern(raw: dict, index: int, path: Path) -> KernConfig:
    where = f"[[kern]] number {index + 1}"
    naam = str(_require(raw, "naam", where, path))
    slug = str(_require(raw, "slug", f"{where} ({naam})", path))
    if not SLUG.match(slug):
        raise ConfigError(
            f"{path}: kern {naam!r} has slug {slug!r}, which is not a valid URL slug.",
            hint="Use lower case letters, digits and hyphens, e.g. 'kerk-avezaath'.",
        )
    buurten = tuple(str(b).strip() for b in raw.get("buurten", []))
    if not buurten:
        raise ConfigError(
            f"{path}: kern {naam!r} has no buurten.",
            hint="Every kern needs at least one CBS buurtcode (BUxxxxxxxx).",
        )
    bad = [b for b in buurten if not BUURTCODE.match(b)]
    if bad:
        raise ConfigError(
            f"{path}: kern {naam!r} lists invalid buurtcodes: {', '.join(bad)}.",
            hint="A buurtcode is 'BU' followed by 8 digits, e.g. BU19600000.",
        )
    return KernConfig(naam, slug, buurten, tuple(raw.get("toelichting", [])))


def load_gemeente(path: Path) -> GemeenteConfig:
    """Read and check one gemeente configuration file.

    Parameters
    ----------
    path : Path
        A TOML file with a ``[gemeente]`` table and ``[[kern]]`` entries.

    Returns
    -------
    GemeenteConfig
        Checked for duplicate slugs and buurten listed under two kernen; whether
        the buurten exist in CBS data is checked later by
        :func:`check_against_buurten`.
    """
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"Gemeente file {path} does not exist.") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}.") from exc
    gm = raw.get("gemeente") or {}
    code = str(_require(gm, "code", "[gemeente]", path))
    if not GEMEENTECODE.match(code):
        raise ConfigError(f"{path}: gemeente code {code!r} is not like 'GM1960'.")
    kernen = tuple(_parse_kern(k, i, path) for i, k in enumerate(raw.get("kern", [])))
    if not kernen:
        raise ConfigError(f"{path}: no [[kern]] entries.")
    _check_unique(kernen, path)
    if any(not b.startswith("BU" + code[2:]) for k in kernen for b in k.buurten):
        wrong = [b for k in kernen for b in k.buurten if b[2:6] != code[2:]]
        raise ConfigError(
            f"{path}: buurten {', '.join(wrong)} do not belong to gemeente {code}.",
            hint=f"Buurtcodes of {code} start with BU{code[2:]}.",
        )
    return GemeenteConfig(
        code=code,
        naam=str(_require(gm, "naam", "[gemeente]", path)),
        slug=str(_require(gm, "slug", "[gemeente]", path)),
        kernen=kernen,
        kleur=str(gm.get("kleur", "#1f4e79")),
        indeling_jaar=int(gm.get("indeling_jaar", 2024)),
        website=_website(gm.get("website", ""), path),
        voorgangers=_voorgangers(gm.get("voorganger", []), path),
        path=path,
        cyclus=parse_cyclus(raw.get("cyclus"), path),
    )


def _voorgangers(raw: object, path: Path) -> tuple[Voorganger, ...]:
    """The ``[[gemeente.voorganger]]`` entries: code, naam, tot (merger year)."""
    out = []
    for i, entry in enumerate(raw if isinstance(raw, list) else [], start=1):
        where = f"[[gemeente.voorganger]] number {i}"
        code = str(_require(entry, "code", where, path))
        if not GEMEENTECODE.match(code):
            raise ConfigError(
                f"{path}: {where} has code {code!r}, not like 'GM0236'.",
                hint="Use the CBS gemeentecode of the former gemeente.",
            )
        tot = _require(entry, "tot", where, path)
        if not isinstance(tot, int) or not 1900 < tot < 2100:
            raise ConfigError(
                f"{path}: {where} ({code}) has tot = {tot!r}.",
                hint="Give the year of the merger, e.g. tot = 2019.",
            )
        out.append(Voorganger(code, str(_require(entry, "naam", where, path)), tot))
    return tuple(out)


def _website(value: object, path: Path) -> str:
    text = str(value).strip()
    if text and not text.startswith("https://"):
        raise ConfigError(
            f"{path}: [gemeente] website {text!r} is not an https:// address.",
            hint='For example website = "https://www.buren.nl".',
        )
    return text


def _check_unique(kernen: tuple[KernConfig, ...], path: Path) -> None:
    seen: dict[str, str] = {}
    dupes: list[str] = []
    for kern in kernen:
        for b in kern.buurten:
            if b in seen:
                dupes.append(f"{b} ({seen[b]} and {kern.naam})")
            seen[b] = kern.naam
    if dupes:
        raise ConfigError(
            f"{path}: buurten listed under more than one kern: {'; '.join(dupes)}.",
            hint="A buurt belongs to exactly one kern; remove it from one of them.",
        )
    slugs = [k.slug for k in kernen]
    double = sorted({s for s in slugs if slugs.count(s) > 1})
    if double:
        raise ConfigError(f"{path}: kern slugs used twice: {', '.join(double)}.")


def check_against_buurten(config: GemeenteConfig, buurtcodes: set[str]) -> None:
    """Raise unless every CBS buurt of the gemeente is in exactly one kern."""
    configured = set(config.kern_of_buurt())
    unknown = sorted(configured - buurtcodes)
    missing = sorted(buurtcodes - configured)
    problems = []
    if unknown:
        problems.append(
            f"unknown buurtcodes (not in the CBS data): {', '.join(unknown)}"
        )
    if missing:
        problems.append(f"CBS buurten not assigned to any kern: {', '.join(missing)}")
    if problems:
        raise ConfigError(
            f"{config.path or config.slug}: " + "; ".join(problems) + ".",
            hint="Check the buurten against the CBS wijk- en buurtkaart of "
            f"{config.indeling_jaar} and add or correct them in the gemeente file.",
        )


def discover_gemeenten(gemeenten_dir: Path) -> dict[str, GemeenteConfig]:
    """Load every ``*.toml`` gemeente file in ``gemeenten_dir``, keyed by slug."""
    configs = [load_gemeente(p) for p in sorted(gemeenten_dir.glob("*.toml"))]
    return {c.slug: c for c in configs}


def resolve_gemeenten(gemeenten_dir: Path, which: str) -> list[GemeenteConfig]:
    """Return the gemeenten for a CLI argument: a slug, a GM code, or ``all``."""
    known = discover_gemeenten(gemeenten_dir)
    if which == "all":
        return list(known.values())
    for config in known.values():
        if which in (config.slug, config.code, config.naam):
            return [config]
    raise ConfigError(
        f"Unknown gemeente {which!r}.",
        hint=f"Choose one of: {', '.join(sorted(known))}, or 'all'.",
    )


CORRESPONDENCE_COLUMNS = ("buurtcode_oud", "buurtcode")


def correspondence_path(config: GemeenteConfig, year: int) -> Path | None:
    """Where a reviewed buurt correspondence of ``year`` would be, beside the file."""
    if config.path is None:
        return None
    return config.path.with_name(f"{config.slug}.buurten-{year}.csv")


def load_correspondence(config: GemeenteConfig, year: int) -> pd.DataFrame | None:
    """The reviewed table ``<slug>.buurten-<year>.csv`` (old buurt -> today's), or None.

    Lines starting with ``#`` carry the reasoning. Every old buurtcode must
    occur once and every target must be a buurt of one of the gemeente's
    kernen; anything else is a ConfigError naming the row.
    """
    path = correspondence_path(config, year)
    if path is None or not path.exists():
        return None
    table = pd.read_csv(path, comment="#", dtype=str, keep_default_na=False)
    for column in CORRESPONDENCE_COLUMNS:
        if column not in table.columns:
            raise ConfigError(
                f"{path}: column {column!r} is missing "
                f"(found: {', '.join(table.columns)}).",
                hint="The table needs buurtcode_oud and buurtcode.",
            )
    known = config.kern_of_buurt()
    lines = path.read_text(encoding="utf-8").splitlines()
    comments = next((i for i, t in enumerate(lines) if not t.startswith("#")), 0)
    first = comments + 2  # file line of the first data row (after the header)
    for row, (old, new) in enumerate(
        zip(table["buurtcode_oud"], table["buurtcode"], strict=True), start=first
    ):
        if not BUURTCODE.match(old.strip()):
            raise ConfigError(
                f"{path}, line {row}, column buurtcode_oud: {old!r} is no buurtcode.",
                hint="A buurtcode is 'BU' followed by 8 digits.",
            )
        if new.strip() not in known:
            raise ConfigError(
                f"{path}, line {row}, column buurtcode: {new!r} is no buurt of a kern "
                f"of {config.naam}.",
                hint=f"Use a buurtcode listed in {config.path.name}.",
            )
    double = table["buurtcode_oud"][table["buurtcode_oud"].duplicated()]
    if not double.empty:
        raise ConfigError(
            f"{path}: buurtcode_oud {', '.join(sorted(set(double)))} occurs twice.",
            hint="Each old buurt corresponds to one current buurt.",
        )
    return table.assign(
        buurtcode_oud=table["buurtcode_oud"].str.strip(),
        buurtcode=table["buurtcode"].str.strip(),
    )
