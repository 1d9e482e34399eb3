"""The record types (one file each) declared with :class:`schema.Field`.

See ``schema.py`` for how the declarations are used; ``docs/records.md`` lists
them for users.
"""

from __future__ import annotations

from pipelines.records.schema import (
    ACTIEPUNT_STATUS,
    ACTIVITEIT_SOORT_ALIASES,
    ACTIVITEIT_SOORTEN,
    AMOUNT,
    BOOL,
    DATE,
    EIGENAREN,
    EMAIL,
    ENUM,
    FUNCTIES,
    ID,
    INITIATIEF_STATUS,
    INT,
    KERN,
    KERNEN,
    NUMBER,
    OPGAVE_FASEN,
    OPGAVE_SOORTEN,
    PHONE,
    PLANNING,
    PLATFORM_VORMEN,
    REGELINGEN,
    TEXT,
    THEMA_ALIASES,
    THEMAS,
    TIME,
    URL,
    YEAR,
    Field,
    RecordSpec,
)

_ID = Field(
    "id",
    ID,
    "Uniek nummer of code van de regel.",
    True,
    ("nummer", "nr", "code", "kenmerk"),
    example="AP-001",
)
_ID_OPT = Field(
    "id",
    ID,
    "Uniek nummer of code (mag leeg).",
    False,
    ("nummer", "nr", "code", "kenmerk"),
)
_VOORBEELD = Field(
    "voorbeelddata",
    BOOL,
    "ja als de regel fictieve voorbeelddata is.",
    aliases=("voorbeeld",),
)
_KERN = Field(
    "kern",
    KERN,
    "Naam van de kern, zoals in de lijst van kernen.",
    True,
    ("dorp", "kernnaam", "plaats", "woonplaats"),
    example="Kerk-Avezaath",
)
_EMAIL = Field(
    "email",
    EMAIL,
    "E-mailadres (persoonsgegeven).",
    personal=True,
    aliases=("e-mail", "e-mailadres", "emailadres", "mail"),
)
_TELEFOON = Field(
    "telefoon",
    PHONE,
    "Telefoonnummer (persoonsgegeven).",
    personal=True,
    aliases=("telefoonnummer", "tel", "mobiel"),
)
_CONTACT = Field(
    "contactpersoon",
    TEXT,
    "Naam van de contactpersoon (persoonsgegeven).",
    personal=True,
    aliases=("contact", "naam contactpersoon"),
)
_TOELICHTING = Field(
    "toelichting",
    TEXT,
    "Vrije tekst; kan persoonsgegevens bevatten en wordt daarom niet openbaar gemaakt.",
    personal=True,
    aliases=("opmerking", "opmerkingen", "notitie"),
)

ACTIEPUNTEN = RecordSpec(
    "actiepunten",
    "Actiepunten uit de kernagenda's.",
    (
        _ID,
        Field(
            "kern",
            KERNEN,
            "Kern, of meerdere kernen gescheiden door ';', of 'kernoverstijgend'.",
            True,
            ("kernen", "dorp", "kern(en)"),
            example="Varik; Heesselt",
        ),
        Field(
            "titel",
            TEXT,
            "Korte omschrijving van het actiepunt.",
            True,
            ("actiepunt", "omschrijving", "onderwerp"),
        ),
        Field(
            "thema",
            ENUM,
            "Thema van het actiepunt.",
            True,
            allowed=THEMAS,
            value_aliases=THEMA_ALIASES,
        ),
        Field(
            "eigenaar",
            ENUM,
            "Wie is aan zet.",
            True,
            ("trekker", "aan zet"),
            EIGENAREN,
            (
                ("inwoner", "inwoners"),
                ("bewoners", "inwoners"),
                ("dorp", "inwoners"),
                ("beide", "samen"),
            ),
        ),
        Field(
            "status",
            ENUM,
            "Stand van zaken.",
            True,
            ("stand van zaken", "voortgang"),
            ACTIEPUNT_STATUS,
            (
                ("afgerond", "gerealiseerd"),
                ("gereed", "gerealiseerd"),
                ("klaar", "gerealiseerd"),
                ("uitgevoerd", "gerealiseerd"),
                ("voorbereiding", "in voorbereiding"),
                ("uitvoering", "in uitvoering"),
                ("loopt", "in uitvoering"),
                ("geschrapt", "vervallen"),
            ),
        ),
        Field(
            "jaar_vastgesteld",
            YEAR,
            "Jaar waarin de kernagenda is vastgesteld.",
            True,
            ("jaar", "vastgesteld", "jaar kernagenda", "vastgesteld in"),
            minimum=2000,
            example="2022",
        ),
        Field(
            "datum_laatste_update",
            DATE,
            "Datum waarop de stand laatst is bijgewerkt (dd-mm-jjjj).",
            True,
            (
                "laatste update",
                "bijgewerkt",
                "laatst bijgewerkt",
                "datum update",
                "update",
            ),
            example="15-03-2024",
        ),
        Field(
            "planning",
            PLANNING,
            "Gepland jaar of kwartaal, bijvoorbeeld 2025 of 2025-Q2.",
            aliases=("gepland", "wanneer"),
            example="2025-Q2",
        ),
        Field(
            "kosten", AMOUNT, "Geraamde kosten in euro.", aliases=("bedrag", "raming")
        ),
        _TOELICHTING,
        _CONTACT,
        _VOORBEELD,
    ),
    unique_key=("id",),
    allow_kernoverstijgend=True,
)

INITIATIEVEN = RecordSpec(
    "initiatieven",
    "Aanvragen voor het leefbaarheidsbudget en het kernenbudget.",
    (
        _ID,
        _KERN,
        Field(
            "regeling",
            ENUM,
            "Uit welk budget.",
            True,
            ("budget", "potje"),
            REGELINGEN,
            (
                ("leefbaarheid", "leefbaarheidsbudget"),
                ("kernen budget", "kernenbudget"),
            ),
        ),
        Field(
            "titel",
            TEXT,
            "Naam van het initiatief.",
            True,
            ("initiatief", "omschrijving"),
        ),
        Field(
            "categorie",
            TEXT,
            "Soort initiatief, vrij in te vullen (bijvoorbeeld evenement, speelplek).",
            aliases=("soort",),
        ),
        Field(
            "datum_aanvraag",
            DATE,
            "Datum van de aanvraag (dd-mm-jjjj).",
            True,
            ("aanvraagdatum", "datum", "ingediend"),
            example="01-04-2023",
        ),
        Field(
            "bedrag_aangevraagd",
            AMOUNT,
            "Aangevraagd bedrag in euro.",
            True,
            ("aangevraagd", "gevraagd bedrag", "aangevraagd bedrag"),
            example="1.250,00",
        ),
        Field(
            "bedrag_toegekend",
            AMOUNT,
            "Toegekend bedrag in euro (leeg zolang er geen besluit is).",
            aliases=("toegekend", "toegekend bedrag", "subsidie"),
        ),
        Field(
            "status",
            ENUM,
            "Stand van de aanvraag.",
            True,
            ("besluit",),
            INITIATIEF_STATUS,
            (
                ("in behandeling", "aangevraagd"),
                ("ingediend", "aangevraagd"),
                ("goedgekeurd", "toegekend"),
                ("verleend", "toegekend"),
                ("afgewezen", "afgewezen"),
                ("gerealiseerd", "uitgevoerd"),
                ("afgerond", "uitgevoerd"),
            ),
        ),
        Field(
            "actiepunt_id",
            TEXT,
            "Id van het actiepunt uit de kernagenda waar het "
            "initiatief bij hoort (optioneel).",
            aliases=("actiepunt", "kernagendapunt"),
        ),
        Field(
            "toegekend_boven_aanvraag",
            BOOL,
            "ja als bewust meer is toegekend dan aangevraagd.",
            aliases=("hoger toegekend", "overschrijding toegestaan"),
        ),
        Field(
            "aanvrager",
            TEXT,
            "Naam van de aanvrager (persoonsgegeven).",
            personal=True,
            aliases=("naam aanvrager", "indiener"),
        ),
        _EMAIL,
        _TOELICHTING,
        _VOORBEELD,
    ),
    unique_key=("id",),
)

OPGAVEN = RecordSpec(
    "opgaven",
    "Ruimtelijke en maatschappelijke opgaven (projecten) per kern.",
    (
        _ID,
        Field(
            "kern",
            KERNEN,
            "Kern of kernen gescheiden door ';'.",
            True,
            ("kernen", "dorp", "kern(en)"),
        ),
        Field(
            "soort",
            ENUM,
            "Soort opgave.",
            True,
            ("type", "thema"),
            OPGAVE_SOORTEN,
            (
                ("woningbouw", "wonen"),
                ("dijkverzwaring", "dijkversterking"),
                ("verkeer", "verkeersveiligheid"),
                ("klimaat", "klimaatadaptatie"),
            ),
        ),
        Field(
            "titel",
            TEXT,
            "Naam van de opgave of het project.",
            True,
            ("project", "naam", "omschrijving"),
        ),
        Field(
            "fase",
            ENUM,
            "Fase van de opgave.",
            True,
            ("stand", "status"),
            OPGAVE_FASEN,
            (
                ("initiatief", "idee"),
                ("planfase", "planvorming"),
                ("in uitvoering", "uitvoering"),
                ("afgerond", "gereed"),
                ("gerealiseerd", "gereed"),
            ),
        ),
        Field(
            "planning",
            TEXT,
            "Planning in woorden of jaren, bijvoorbeeld 2025-2028.",
            aliases=("periode",),
        ),
        Field(
            "lat",
            NUMBER,
            "Breedtegraad (WGS84), bijvoorbeeld 51,8654.",
            aliases=("latitude", "breedtegraad"),
            minimum=50.7,
            maximum=53.6,
        ),
        Field(
            "lon",
            NUMBER,
            "Lengtegraad (WGS84), bijvoorbeeld 5,2456.",
            aliases=("longitude", "lengtegraad", "lng"),
            minimum=3.3,
            maximum=7.3,
        ),
        Field(
            "x",
            NUMBER,
            "RD-coördinaat x (EPSG:28992).",
            aliases=("rd x", "x rd"),
            minimum=0,
            maximum=300000,
        ),
        Field(
            "y",
            NUMBER,
            "RD-coördinaat y (EPSG:28992).",
            aliases=("rd y", "y rd"),
            minimum=289000,
            maximum=630000,
        ),
        Field(
            "wkt",
            TEXT,
            "Geometrie als WKT in WGS84 (lengtegraad breedtegraad), "
            "bijvoorbeeld POINT (5.2456 51.8654).",
            aliases=("geometrie", "geometry"),
        ),
        Field(
            "aantal_woningen",
            INT,
            "Aantal geplande woningen (bij wonen).",
            aliases=("woningen",),
            minimum=0,
        ),
        _TOELICHTING,
        _VOORBEELD,
    ),
    unique_key=("id",),
)

PLATFORMS = RecordSpec(
    "platforms",
    "Dorpsraden, dorpsplatforms en andere bewonersorganisaties per kern.",
    (
        _ID_OPT,
        _KERN,
        Field(
            "naam", TEXT, "Naam van het platform.", True, ("platform", "organisatie")
        ),
        Field(
            "vorm",
            ENUM,
            "Vorm van het platform.",
            True,
            ("soort", "type"),
            PLATFORM_VORMEN,
            (
                ("dorpsbelangen", "dorpsbelangenorganisatie"),
                ("vereniging dorpsbelangen", "dorpsbelangenorganisatie"),
            ),
        ),
        Field(
            "subsidie_per_jaar",
            AMOUNT,
            "Jaarlijkse subsidie in euro (0 of leeg als er geen subsidie is).",
            aliases=("subsidie", "jaarsubsidie"),
        ),
        Field(
            "website", URL, "Website, beginnend met https://.", aliases=("url", "site")
        ),
        _CONTACT,
        _EMAIL,
        _TELEFOON,
        _VOORBEELD,
    ),
    unique_key=("kern", "naam"),
)

GEBIEDEN = RecordSpec(
    "gebieden",
    "Welke gebiedsmakelaar of kernambtenaar welke kernen bedient.",
    (
        _ID_OPT,
        Field(
            "gebied", TEXT, "Naam van het gebied.", True, ("gebiedsnaam", "naam gebied")
        ),
        Field(
            "functie",
            ENUM,
            "Functie.",
            True,
            ("rol",),
            FUNCTIES,
            (("makelaar", "gebiedsmakelaar"), ("kerncoördinator", "kerncoordinator")),
        ),
        Field(
            "naam",
            TEXT,
            "Naam zoals de gemeente die publiceert (een functienaam of "
            "een openbare naam).",
            True,
            ("medewerker", "gebiedsmakelaar", "kernambtenaar"),
        ),
        Field(
            "kernen",
            KERNEN,
            "Kernen van dit gebied, gescheiden door ';'.",
            True,
            ("kern", "dorpen"),
        ),
        Field(
            "kernwethouder",
            TEXT,
            "Wethouder van deze kernen (openbaar ambt).",
            aliases=("wethouder",),
        ),
        _EMAIL,
        _TELEFOON,
        _VOORBEELD,
    ),
    unique_key=("gebied",),
)

ACTIVITEITEN = RecordSpec(
    "activiteiten",
    "Jaarkalender: activiteiten per kern.",
    (
        _ID_OPT,
        _KERN,
        Field(
            "datum", DATE, "Datum (dd-mm-jjjj).", True, ("dag", "wanneer"), future=True
        ),
        Field("titel", TEXT, "Naam van de activiteit.", True, ("activiteit",)),
        Field(
            "begintijd",
            TIME,
            "Begintijd (uu:mm, bijvoorbeeld 14:00); leeg = de hele dag.",
            aliases=("begin", "van", "aanvang", "starttijd", "tijd"),
            example="14:00",
        ),
        Field(
            "eindtijd",
            TIME,
            "Eindtijd (uu:mm, bijvoorbeeld 17:00); alleen met een begintijd.",
            aliases=("eind", "tot", "einde"),
            example="17:00",
        ),
        Field(
            "einddatum",
            DATE,
            "Laatste dag, als de activiteit meer dagen duurt (dd-mm-jjjj).",
            aliases=("tot en met", "t/m", "laatste dag"),
            future=True,
        ),
        Field(
            "soort",
            ENUM,
            "Soort activiteit (leeg = overig).",
            aliases=("type", "categorie"),
            allowed=ACTIVITEIT_SOORTEN,
            value_aliases=ACTIVITEIT_SOORT_ALIASES,
        ),
        Field(
            "organisator",
            TEXT,
            "Wie organiseert. Is dit een persoon, vul dan bij "
            "organisator_soort 'persoon' in: dan wordt de naam niet openbaar.",
            aliases=("organisatie", "georganiseerd door"),
        ),
        Field(
            "organisator_soort",
            ENUM,
            "organisatie of persoon (leeg = organisatie).",
            allowed=("organisatie", "persoon"),
        ),
        Field("locatie", TEXT, "Waar.", aliases=("plek", "adres")),
        Field(
            "link",
            TEXT,
            "Webpagina met meer informatie, beginnend met https://.",
            aliases=("website", "url", "meer informatie"),
            example="https://www.example.org/dorpsfeest",
        ),
        Field(
            "beschrijving",
            TEXT,
            "Korte beschrijving voor de kalender (openbaar: zet hier geen "
            "namen of telefoonnummers van personen in).",
            aliases=("omschrijving", "informatie"),
        ),
        _CONTACT,
        _VOORBEELD,
    ),
)

BURGERPEILING = RecordSpec(
    "burgerpeiling",
    "Doelen uit de burgerpeiling: score, benchmark en doel per stelling.",
    (
        Field("stelling", TEXT, "De stelling of vraag.", True, ("vraag", "indicator")),
        Field("score_2019", NUMBER, "Score in 2019.", True, ("2019", "score")),
        Field(
            "benchmark",
            NUMBER,
            "Gemiddelde van vergelijkbare gemeenten.",
            aliases=("vergelijking",),
        ),
        Field("doel_2023", NUMBER, "Doel voor 2023.", aliases=("doel", "streefwaarde")),
        Field("score_2023", NUMBER, "Gemeten score in 2023 (optioneel).", aliases=()),
        Field(
            "eenheid",
            ENUM,
            "procent (0-100) of cijfer (1-10).",
            True,
            allowed=("procent", "cijfer"),
            value_aliases=(("%", "procent"), ("rapportcijfer", "cijfer")),
        ),
        _VOORBEELD,
    ),
    unique_key=("stelling",),
    warn_if_missing=False,
)

SPECS: dict[str, RecordSpec] = {
    s.name: s
    for s in (
        ACTIEPUNTEN,
        INITIATIEVEN,
        OPGAVEN,
        PLATFORMS,
        GEBIEDEN,
        ACTIVITEITEN,
        BURGERPEILING,
    )
}
