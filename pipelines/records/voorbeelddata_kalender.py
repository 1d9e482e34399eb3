"""Voorbeelddata for the jaarkalender: a village year of activiteiten per kern.

Fictitious, but shaped like a real year in a Betuwe village: nieuwjaarsreceptie,
the inloopavond for the kernagenda before March (the cycle of kerngericht
werken), Koningsdag, 4 mei, a dorpsfeest over a weekend, Open Monumentendag,
Sinterklaas, a kerstmarkt. Gebiedstafels are not listed here: they come from
the ``[cyclus]`` of the gemeente file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from pipelines.gemeente import GemeenteConfig, KernConfig

YEARS = (2025, 2026, 2027)
WEEKDAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")


@dataclass(frozen=True)
class Template:
    """One kind of village activity and when it usually happens."""

    titel: str
    soort: str
    months: tuple[int, ...]
    weekday: str  # ma .. zo; "" for a fixed day (see ``fixed``)
    begintijd: str = ""
    eindtijd: str = ""
    dagen: int = 1
    who: str = "platform"  # gemeente, platform or persoon
    plek: str = "Dorpshuis"
    kans: float = 1.0  # share of kernen that hold it
    beschrijving: str = ""
    fixed: str = ""  # "koningsdag", "4mei", "monumentendag"


TEMPLATES = (
    Template("Nieuwjaarsreceptie", "overig", (1,), "zo", "16:00", "18:00", kans=0.6),
    Template(
        "Inloopavond kernagenda",
        "inloopavond",
        (1, 2),
        "di",
        "19:30",
        "21:30",
        who="gemeente",
        beschrijving="Nieuwe punten voor de kernagenda aandragen, vóór 1 maart. "
        "De gebiedsmakelaar is er ook.",
    ),
    Template(
        "Jaarvergadering dorpsraad",
        "vergadering",
        (3, 4),
        "do",
        "20:00",
        "22:00",
        kans=0.8,
        beschrijving="Jaarverslag, financiën en de stand van de kernagenda.",
    ),
    Template("NLdoet: opschoondag", "groen", (3,), "za", "09:00", "12:00", kans=0.5),
    Template(
        "Koningsdag",
        "dorpsfeest",
        (4,),
        "",
        "10:00",
        "16:00",
        kans=0.7,
        plek="Dorpsplein",
        fixed="koningsdag",
    ),
    Template(
        "Dodenherdenking",
        "overig",
        (5,),
        "",
        "19:45",
        "20:15",
        kans=0.5,
        plek="Monument",
        fixed="4mei",
    ),
    Template(
        "Rommelmarkt",
        "markt",
        (5, 6),
        "za",
        "09:00",
        "14:00",
        kans=0.5,
        who="persoon",
        plek="Dorpsplein",
    ),
    Template(
        "Dorpsfeest",
        "dorpsfeest",
        (6, 8, 9),
        "vr",
        dagen=3,
        kans=0.7,
        plek="Feestterrein",
        beschrijving="Drie dagen feest: vrijdagavond opening, zaterdag "
        "spelletjes en muziek, zondag afsluiting.",
    ),
    Template(
        "Sportdag",
        "sport",
        (6, 7),
        "za",
        "10:00",
        "16:00",
        kans=0.5,
        plek="Sportpark",
    ),
    Template(
        "Open Monumentendag",
        "cultuur",
        (9,),
        "",
        "10:00",
        "17:00",
        kans=0.4,
        plek="Kerk",
        fixed="monumentendag",
    ),
    Template(
        "Concert in de kerk",
        "cultuur",
        (10, 3),
        "vr",
        "20:00",
        "22:00",
        kans=0.4,
        plek="Kerk",
    ),
    Template(
        "Evaluatie kernagenda",
        "inloopavond",
        (10, 11),
        "wo",
        "19:30",
        "21:30",
        who="gemeente",
        beschrijving="Wat is er dit jaar van de kernagenda gedaan? De evaluatie "
        "is klaar vóór 1 december.",
    ),
    Template(
        "Snoeidag",
        "groen",
        (11,),
        "za",
        "09:00",
        "13:00",
        kans=0.4,
        plek="Dorpsbosje",
    ),
    Template(
        "Intocht Sinterklaas",
        "dorpsfeest",
        (11,),
        "za",
        "14:00",
        "16:00",
        kans=0.6,
        plek="Dorpsplein",
    ),
    Template(
        "Kerstmarkt",
        "markt",
        (12,),
        "za",
        "16:00",
        "21:00",
        kans=0.5,
        who="persoon",
        plek="Dorpsplein",
    ),
)


def nth_weekday(year: int, month: int, weekday: str, n: int) -> date:
    """The ``n``-th ``weekday`` (ma .. zo) of a month (n from 1)."""
    first = date(year, month, 1)
    shift = (WEEKDAYS.index(weekday) - first.weekday()) % 7
    return first + timedelta(days=shift + 7 * (n - 1))


def fixed_day(kind: str, year: int) -> date:
    """Koningsdag (26 April when the 27th is a Sunday), 4 May, Open Monumentendag."""
    if kind == "koningsdag":
        day = date(year, 4, 27)
        return day - timedelta(days=1) if day.weekday() == 6 else day
    if kind == "4mei":
        return date(year, 5, 4)
    return nth_weekday(year, 9, "za", 2)  # Open Monumentendag: 2nd weekend


def _day(t: Template, year: int, rng: np.random.Generator) -> date:
    if t.fixed:
        return fixed_day(t.fixed, year)
    month = int(rng.choice(t.months))
    return nth_weekday(year, month, t.weekday, int(rng.integers(1, 4)))


def activiteiten(
    gemeente: GemeenteConfig, rng: np.random.Generator, people: object
) -> pd.DataFrame:
    """Jaarkalender 2025-2027 per kern (gemeente, platform or a private organiser)."""
    rows = []
    for kern in gemeente.kernen:
        held = [t for t in TEMPLATES if t.who == "gemeente" or rng.random() < t.kans]
        for t in held:
            for jaar in YEARS:
                rows.append(_row(kern, t, _day(t, jaar, rng), gemeente, rng, people))
    frame = (
        pd.DataFrame(rows)
        .sort_values(["datum_sort", "begintijd", "kern"], kind="stable")
        .drop(columns="datum_sort")
    )
    frame.insert(0, "id", [f"AC-{i:04d}" for i in range(1, len(frame) + 1)])
    return frame.reset_index(drop=True)


def _row(
    kern: KernConfig,
    t: Template,
    day: date,
    gemeente: GemeenteConfig,
    rng: np.random.Generator,
    people: object,
) -> dict:
    person = people.next()[0]  # type: ignore[attr-defined]
    organisator = {
        "gemeente": f"Gemeente {gemeente.naam}",
        "platform": f"Dorpsraad {kern.naam}",
        "persoon": person,
    }[t.who]
    link = ""
    if t.who == "platform" and rng.random() < 0.3:
        link = f"https://www.example.org/{kern.slug}/agenda"
    end = day + timedelta(days=t.dagen - 1)
    return {
        "kern": kern.naam,
        "datum": day.strftime("%d-%m-%Y"),
        "datum_sort": day,
        "einddatum": end.strftime("%d-%m-%Y") if t.dagen > 1 else "",
        "begintijd": t.begintijd,
        "eindtijd": t.eindtijd,
        "titel": f"{t.titel} {kern.naam}",
        "soort": t.soort,
        "organisator": organisator,
        "organisator_soort": "persoon" if t.who == "persoon" else "organisatie",
        "locatie": f"{t.plek} {kern.naam}",
        "link": link,
        "beschrijving": t.beschrijving,
        "contactpersoon": person,
    }
