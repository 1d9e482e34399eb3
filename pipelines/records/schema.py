"""Declared schema of every record type: columns, aliases, allowed values, privacy.

This module is the single source of truth for the records: the reader matches
headers with ``aliases``, the validator builds its pandera schema from the
``kind``/``required``/``allowed``/range attributes, :func:`apply_audience`
drops every field with ``personal=True``, and the templates and
``docs/records.md`` list the same fields with their Dutch ``description``.
"""

from __future__ import annotations

from dataclasses import dataclass

# Field kinds: how a cell is parsed (see ``parsers.py``).
TEXT, ID, KERN, KERNEN, ENUM, INT, YEAR = (
    "text",
    "id",
    "kern",
    "kernen",
    "enum",
    "int",
    "year",
)
AMOUNT, NUMBER, DATE, BOOL, EMAIL, URL = (
    "amount",
    "number",
    "date",
    "bool",
    "email",
    "url",
)
PHONE, PLANNING = "phone", "planning"
TIME = "time"  # a clock time, 14:00 (stored as HH:MM text)

KERNOVERSTIJGEND = "kernoverstijgend"


@dataclass(frozen=True)
class Field:
    """One column of a record type.

    ``name`` is our column name (snake_case Dutch); ``aliases`` are extra header
    spellings accepted on input (matching ignores case, accents, spaces, hyphens
    and underscores, so ``Datum laatste update`` matches ``datum_laatste_update``).
    ``value_aliases`` maps accepted spellings of an enum value to the canonical one.
    """

    name: str
    kind: str
    description: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    allowed: tuple[str, ...] = ()
    value_aliases: tuple[tuple[str, str], ...] = ()
    personal: bool = False
    minimum: float | None = None
    maximum: float | None = None
    example: str = ""
    future: bool = False  # dates: may lie after today (up to five years)


@dataclass(frozen=True)
class RecordSpec:
    """One record type (one file): its fields and record-level rules."""

    name: str
    description: str
    fields: tuple[Field, ...]
    unique_key: tuple[str, ...] = ()
    optional_file: bool = True
    warn_if_missing: bool = True
    allow_kernoverstijgend: bool = False

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    @property
    def personal_fields(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.personal)


THEMAS = (
    "dijkverzwaring",
    "wonen",
    "verkeersveiligheid",
    "duurzaamheid",
    "klimaat",
    "groen en beheer",
    "voorzieningen",
    "sociale cohesie",
    "overig",
)
THEMA_ALIASES = (
    ("dijkversterking", "dijkverzwaring"),
    ("dijk", "dijkverzwaring"),
    ("woningbouw", "wonen"),
    ("verkeer", "verkeersveiligheid"),
    ("30 km zone", "verkeersveiligheid"),
    ("energie", "duurzaamheid"),
    ("klimaatadaptatie", "klimaat"),
    ("groen", "groen en beheer"),
    ("beheer", "groen en beheer"),
    ("openbare ruimte", "groen en beheer"),
    ("voorziening", "voorzieningen"),
    ("sociaal", "sociale cohesie"),
    ("ontmoeting", "sociale cohesie"),
)
EIGENAREN = ("inwoners", "gemeente", "samen")
ACTIEPUNT_STATUS = (
    "nieuw",
    "in voorbereiding",
    "in uitvoering",
    "gerealiseerd",
    "vervallen",
)
REGELINGEN = ("leefbaarheidsbudget", "kernenbudget", "overig")
INITIATIEF_STATUS = (
    "aangevraagd",
    "toegekend",
    "afgewezen",
    "ingetrokken",
    "uitgevoerd",
)
OPGAVE_SOORTEN = (
    "wonen",
    "dijkversterking",
    "verkeersveiligheid",
    "klimaatadaptatie",
    "energie",
    "voorzieningen",
    "overig",
)
OPGAVE_FASEN = (
    "idee",
    "verkenning",
    "planvorming",
    "voorbereiding",
    "uitvoering",
    "gereed",
)
PLATFORM_VORMEN = (
    "dorpsraad",
    "dorpsplatform",
    "dorpstafel",
    "werkgroep",
    "dorpsbelangenorganisatie",
)
FUNCTIES = ("gebiedsmakelaar", "kernambtenaar", "kernwethouder", "kerncoordinator")
ACTIVITEIT_SOORTEN = (
    "dorpsfeest",
    "inloopavond",
    "gebiedstafel",
    "vergadering",
    "sport",
    "cultuur",
    "markt",
    "groen",
    "overig",
)
ACTIVITEIT_SOORT_ALIASES = (
    ("feest", "dorpsfeest"),
    ("kermis", "dorpsfeest"),
    ("oranjefeest", "dorpsfeest"),
    ("inloop", "inloopavond"),
    ("informatieavond", "inloopavond"),
    ("bewonersavond", "inloopavond"),
    ("gebiedsoverleg", "gebiedstafel"),
    ("integraal kernoverleg", "gebiedstafel"),
    ("overleg", "vergadering"),
    ("ledenvergadering", "vergadering"),
    ("toernooi", "sport"),
    ("concert", "cultuur"),
    ("tentoonstelling", "cultuur"),
    ("rommelmarkt", "markt"),
    ("kerstmarkt", "markt"),
    ("natuur", "groen"),
    ("opschoondag", "groen"),
    ("snoeidag", "groen"),
    ("anders", "overig"),
)
