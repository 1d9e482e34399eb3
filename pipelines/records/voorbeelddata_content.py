"""Fixed content for the voorbeelddata generator: titles, groupings, calibration.

Published figures (DESIGN.md): West Betuwe supported 467 leefbaarheidsbudget
initiatives 2019-2023 (93 in 2020, 89 in 2022, about EUR 100k a year), 45
kernenbudget applications, 17 subsidised platforms, 7 gebiedsmakelaars; Buren's
burgerpeiling ("gemeente luistert naar mening burgers" 16% / 29% / 30%; grade
for involving residents 6.0, target 7.0). Everything else is invented.
"""

from __future__ import annotations

TODAY = (2026, 11, 22)  # last date used; the generator never depends on the clock

# Supported (toegekend/uitgevoerd) leefbaarheidsbudget initiatives per year.
LEEFBAARHEID = {
    "west-betuwe": {
        2019: 95,
        2020: 93,
        2021: 97,
        2022: 89,
        2023: 93,
        2024: 91,
        2025: 88,
        2026: 79,
    },
    "buren": {2021: 44, 2022: 47, 2023: 46, 2024: 45, 2025: 43, 2026: 38},
}
KERNENBUDGET = {"west-betuwe": 45, "buren": 18}
PLATFORMS = {"west-betuwe": (17, 6), "buren": (12, 4)}  # (subsidised, without)

# Gebieden: groups of CBS wijken (digits 7-8 of the buurtcode) of neighbouring kernen.
GEBIEDEN = {
    "west-betuwe": (
        ("Geldermalsen en Meteren", ("00", "04")),
        ("Linge-Deil", ("01",)),
        ("Beesd en Tricht", ("02", "03")),
        ("Waal-Haaften", ("05",)),
        ("Waardenburg en Neerijnen", ("06",)),
        ("Varik en Ophemert", ("07",)),
        ("Asperen, Heukelum en Vuren", ("08", "09", "10", "11")),
    ),
    "buren": (
        ("Buren en Asch", ("00",)),
        ("Beusichem en Zoelmond", ("01",)),
        ("Zoelen en de Avezaathen", ("02",)),
        ("Lienden, Ommeren en Ingen", ("03", "04")),
        ("Maurik en Ravenswaaij", ("05", "06")),
    ),
}
FUNCTIE = {"west-betuwe": "gebiedsmakelaar", "buren": "kernambtenaar"}

DIJK = {
    "west-betuwe": (
        (
            "Dijkversterking Gorinchem-Waardenburg (voorbeeld)",
            ("vuren", "herwijnen", "haaften", "tuil", "hellouw", "waardenburg"),
            "uitvoering",
            "2022-2027",
        ),
        (
            "Dijkversterking Tiel-Waardenburg (voorbeeld)",
            ("neerijnen", "opijnen", "heesselt", "varik", "ophemert"),
            "voorbereiding",
            "2025-2030",
        ),
    ),
    "buren": (
        (
            "Dijkversterking Nederrijn (voorbeeld)",
            ("ingen", "eck-en-wiel", "maurik", "rijswijk", "ravenswaaij"),
            "verkenning",
            "2027-2033",
        ),
    ),
}

ACTIEPUNT_TITELS = {
    "dijkverzwaring": (
        "Meedenken over de inrichting van de dijk",
        "Veilige oversteek tijdens de dijkversterking",
        "Bereikbaarheid van de kern tijdens de werkzaamheden",
    ),
    "wonen": (
        "Starterswoningen voor jongeren",
        "Seniorenwoningen in de kern",
        "Inbreidingslocatie onderzoeken",
        "Kleine woningen verkennen",
    ),
    "verkeersveiligheid": (
        "30 km-zone in de kern",
        "Snelheid remmen op de doorgaande weg",
        "Veilige fietsroute naar school",
        "Vrachtverkeer uit de kern",
    ),
    "duurzaamheid": (
        "Energiecoöperatie oprichten",
        "Zonnepanelen op het dorpshuis",
        "Collectieve inkoop isolatie",
    ),
    "klimaat": (
        "Wateroverlast bij hevige regen aanpakken",
        "Meer bomen voor schaduw",
        "Geveltuinen stimuleren",
    ),
    "groen en beheer": (
        "Onderhoud van het groen verbeteren",
        "Speelplek opknappen",
        "Bloemrijke bermen",
        "Verlichting langs het kerkpad",
    ),
    "voorzieningen": (
        "Dorpshuis toekomstbestendig maken",
        "Beter mobiel bereik",
        "Zorg dichtbij: spreekuur in de kern",
        "Ontmoetingsplek voor ouderen",
    ),
    "sociale cohesie": (
        "Activiteiten voor jongeren",
        "Welkomstpakket nieuwe inwoners",
        "Buurtpreventie-app",
        "Vrijwilligers vinden en behouden",
    ),
}
THEMA_GEWICHT = {
    "dijkverzwaring": 0.0,
    "wonen": 0.16,
    "verkeersveiligheid": 0.2,
    "duurzaamheid": 0.08,
    "klimaat": 0.07,
    "groen en beheer": 0.19,
    "voorzieningen": 0.16,
    "sociale cohesie": 0.14,
}

INITIATIEF_TITELS = {
    "evenement": (
        "Dorpsfeest",
        "Koningsdag",
        "Kerstmarkt",
        "Zomeravondconcert",
        "Buurtbarbecue",
    ),
    "speelplek": ("Nieuw speeltoestel", "Trapveldje opknappen", "Natuurspeelplek"),
    "ontmoeting": ("Koffieochtend", "Jongerenontmoetingsplek", "Repair café"),
    "groen": ("Bloembakken", "Boomfeestdag", "Moestuin", "Plukhaag"),
    "sport": ("Jeu-de-boulesbaan", "Beweegtuin", "Wandelroute"),
    "cultuur": ("Informatiebord historie", "Dorpskrant", "Toneelvoorstelling"),
    "veiligheid": (
        "AED-kast",
        "Reanimatiecursus",
        "Verkeersborden 'Spelende kinderen'",
    ),
    "duurzaamheid": ("Energiecafé", "Warmtescan-avond", "Zonnepanelen clubhuis"),
}

OPGAVEN = (
    ("wonen", "Woningbouw {kern} {plek}", ("Noord", "Oost", "Dorpsrand", "Kerkstraat")),
    ("verkeersveiligheid", "30 km-zone {kern}", ("",)),
    ("klimaatadaptatie", "Afkoppelen hemelwater {kern}", ("",)),
    ("klimaatadaptatie", "Klimaatadaptieve herinrichting dorpsplein {kern}", ("",)),
    ("energie", "Zonneveld bij {kern}", ("",)),
    ("voorzieningen", "Multifunctionele accommodatie {kern}", ("",)),
)

BURGERPEILING = (
    # stelling, score 2019, benchmark, doel 2023, eenheid
    ("Gemeente luistert naar mening burgers", 16, 29, 30, "procent"),
    ("Gemeente betrekt inwoners bij plannen", 21, 30, 32, "procent"),
    ("Gemeente geeft voldoende informatie", 41, 47, 50, "procent"),
    ("Gemeente doet wat zij zegt", 18, 27, 28, "procent"),
    ("Inwoners voelen zich verantwoordelijk voor hun kern", 55, 57, 60, "procent"),
    ("Vertrouwen in de gemeente", 36, 44, 45, "procent"),
    ("Rapportcijfer betrekken van inwoners", 6.0, 6.4, 7.0, "cijfer"),
)
