"""Reproducible voorbeelddata (fictitious records) for a gemeente.

Fixed seed per gemeente; calibrated to the published figures listed in
``voorbeelddata_content.py``. People are "Voorbeeld Persoon N", e-mail at
example.org. Run ``kernenkaart voorbeelddata`` to regenerate.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from pipelines.gemeente import GemeenteConfig
from pipelines.records import voorbeelddata_content as C
from pipelines.records.load import MARKER
from pipelines.records.report import write_csv
from pipelines.records.specs import SPECS

logger = logging.getLogger(__name__)
SEED = 20240214
TODAY = date(*C.TODAY)
README = """# Voorbeelddata {naam} (fictief)

Alle bestanden in deze map zijn **voorbeelddata**: verzonnen gegevens om de
kernenkaart te laten zien. Ze beschrijven geen echte actiepunten, aanvragen,
personen of organisaties. Alleen de totalen zijn afgestemd op gepubliceerde
cijfers (zie docs/records.md). Namen van personen zijn fictief ("Voorbeeld
Persoon 12") en e-mailadressen eindigen op example.org.

Het bestand `VOORBEELDDATA` in deze map en de kolom `voorbeelddata` (ja) markeren
de gegevens; de kernenkaart toont dan op elk scherm "voorbeelddata".

Opnieuw maken (vaste seed, dus dezelfde uitkomst):
`kernenkaart voorbeelddata --out data/voorbeelddata`
"""


class _People:
    """Hands out obviously fictitious people with example.org addresses."""

    def __init__(self) -> None:
        self.n = 0

    def next(self) -> tuple[str, str]:
        self.n += 1
        return f"Voorbeeld Persoon {self.n}", f"persoon{self.n}@example.org"


def _date(rng: np.random.Generator, start: date, end: date) -> date:
    end = min(end, TODAY)
    return start + timedelta(days=int(rng.integers(0, max((end - start).days, 0) + 1)))


def _nl(d: date) -> str:
    return d.strftime("%d-%m-%Y")


def _weights(gemeente: GemeenteConfig) -> np.ndarray:
    w = np.array([len(k.buurten) ** 0.8 for k in gemeente.kernen], dtype=float)
    return w / w.sum()


def _wijk(kern: object) -> str:
    return kern.buurten[0][6:8]  # type: ignore[attr-defined]


def kern_points(
    gemeente: GemeenteConfig, snapshot_dir: Path, rng: np.random.Generator
) -> dict[str, shapely.Point]:
    """One random point inside the village buurt of every kern (EPSG:4326)."""
    buurten = gpd.read_file(snapshot_dir / "2024" / "buurten_2024.geojson")
    shapes = dict(zip(buurten["statcode"], buurten.geometry, strict=True))
    points = {}
    for kern in gemeente.kernen:
        shape = next(
            (shapes[b] for b in kern.buurten if shapes.get(b) is not None), None
        )
        if shape is None:
            continue
        minx, miny, maxx, maxy = shape.bounds
        for _ in range(200):
            p = shapely.Point(rng.uniform(minx, maxx), rng.uniform(miny, maxy))
            if shape.contains(p):
                break
        else:
            p = shape.representative_point()
        points[kern.slug] = p
    return points


def actiepunten(
    gemeente: GemeenteConfig, rng: np.random.Generator, people: _People
) -> pd.DataFrame:
    """Kernagenda actiepunten: adopted spring 2021-2023, mixed owners and statuses."""
    rows = []
    waal = {s for _, kernen, _, _ in C.DIJK.get(gemeente.slug, ()) for s in kernen}
    themes = list(C.THEMA_GEWICHT)
    for kern, weight in zip(gemeente.kernen, _weights(gemeente), strict=True):
        jaar = int(rng.choice([2021, 2022, 2023]))
        p = np.array([C.THEMA_GEWICHT[t] for t in themes])
        if kern.slug in waal:
            p[themes.index("dijkverzwaring")] = 0.15
        for _ in range(int(6 + round(weight * 120))):
            thema = str(rng.choice(themes, p=p / p.sum()))
            rows.append(_actiepunt(kern.naam, thema, jaar, rng, people))
    for naam, thema in (
        ("kernoverstijgend", "verkeersveiligheid"),
        ("kernoverstijgend", "duurzaamheid"),
        ("kernoverstijgend", "wonen"),
    ):
        rows.append(_actiepunt(naam, thema, 2022, rng, people))
    pairs = [
        (a.naam, b.naam)
        for a, b in zip(gemeente.kernen, gemeente.kernen[1:], strict=False)
        if _wijk(a) == _wijk(b)
    ][:3]
    for a, b in pairs:
        rows.append(_actiepunt(f"{a}; {b}", "verkeersveiligheid", 2022, rng, people))
    frame = pd.DataFrame(rows)
    frame.insert(0, "id", [f"AP-{i:04d}" for i in range(1, len(frame) + 1)])
    return frame


def _actiepunt(
    kern: str, thema: str, jaar: int, rng: np.random.Generator, people: _People
) -> dict:
    age = 2026 - jaar
    status = str(
        rng.choice(
            ["nieuw", "in voorbereiding", "in uitvoering", "gerealiseerd", "vervallen"],
            p=[0.18 - 0.03 * age, 0.17 - 0.02 * age, 0.25, 0.30 + 0.05 * age, 0.10],
        )
    )
    eigenaar = str(rng.choice(["inwoners", "gemeente", "samen"], p=[0.35, 0.35, 0.3]))
    if thema == "dijkverzwaring":
        eigenaar = "samen"
    vastgesteld = date(jaar, int(rng.integers(3, 7)), int(rng.integers(1, 29)))
    stale = (
        status in ("nieuw", "in voorbereiding", "in uitvoering") and rng.random() < 0.15
    )
    update = (
        _date(rng, vastgesteld, TODAY - timedelta(days=400))
        if stale
        else _date(rng, max(vastgesteld, TODAY - timedelta(days=300)), TODAY)
    )
    planning = (
        ""
        if status in ("gerealiseerd", "vervallen")
        else (f"{int(rng.integers(2026, 2029))}-Q{int(rng.integers(1, 5))}")
    )
    naam, _ = people.next()
    return {
        "kern": kern,
        "titel": str(rng.choice(C.ACTIEPUNT_TITELS[thema])),
        "thema": thema,
        "eigenaar": eigenaar,
        "status": status,
        "jaar_vastgesteld": jaar,
        "datum_laatste_update": _nl(update),
        "planning": planning,
        "kosten": float(rng.integers(1, 60) * 500) if rng.random() < 0.4 else None,
        "toelichting": "",
        "contactpersoon": naam,
    }


def initiatieven(
    gemeente: GemeenteConfig,
    acties: pd.DataFrame,
    rng: np.random.Generator,
    people: _People,
) -> pd.DataFrame:
    """Leefbaarheidsbudget (calibrated per year) and kernenbudget applications."""
    names = [k.naam for k in gemeente.kernen]
    rows = []
    for jaar, supported in C.LEEFBAARHEID[gemeente.slug].items():
        extra = int(round(supported * 0.08))
        for i in range(supported + extra):
            status = _lb_status(jaar, i < supported, rng)
            rows.append(
                _initiatief(
                    str(rng.choice(names, p=_weights(gemeente))),
                    "leefbaarheidsbudget",
                    jaar,
                    status,
                    rng,
                    people,
                )
            )
    own = acties[acties["kern"].isin(names)]
    for _ in range(C.KERNENBUDGET[gemeente.slug]):
        actie = own.iloc[int(rng.integers(0, len(own)))]
        jaar = int(rng.integers(max(2021, actie["jaar_vastgesteld"]), 2027))
        status = str(
            rng.choice(["toegekend", "uitgevoerd", "afgewezen"], p=[0.35, 0.5, 0.15])
        )
        row = _initiatief(
            actie["kern"], "kernenbudget", jaar, status, rng, people, scale=8.6
        )
        rows.append(row | {"actiepunt_id": actie["id"], "titel": actie["titel"]})
    frame = (
        pd.DataFrame(rows).sort_values("_datum", kind="stable").drop(columns="_datum")
    )
    frame.insert(0, "id", [f"IN-{i:04d}" for i in range(1, len(frame) + 1)])
    return frame.reset_index(drop=True)


def _lb_status(jaar: int, supported: bool, rng: np.random.Generator) -> str:
    if not supported:
        return str(rng.choice(["afgewezen", "ingetrokken"], p=[0.7, 0.3]))
    return "toegekend" if jaar >= 2026 or rng.random() < 0.1 else "uitgevoerd"


def _initiatief(
    kern: str,
    regeling: str,
    jaar: int,
    status: str,
    rng: np.random.Generator,
    people: _People,
    scale: float = 6.88,
) -> dict:
    categorie = str(rng.choice(list(C.INITIATIEF_TITELS)))
    cap = 5000 if regeling == "leefbaarheidsbudget" else 30000
    gevraagd = float(np.clip(np.exp(rng.normal(scale, 0.6)), 150, cap) // 25 * 25)
    toegekend = gevraagd if rng.random() < 0.75 else gevraagd * rng.uniform(0.6, 0.95)
    granted = status in ("toegekend", "uitgevoerd")
    day = _date(rng, date(jaar, 1, 1), date(jaar, 12, 31))
    naam, email = people.next()
    return {
        "kern": kern,
        "regeling": regeling,
        "titel": f"{rng.choice(C.INITIATIEF_TITELS[categorie])} {kern}",
        "categorie": categorie,
        "datum_aanvraag": _nl(day),
        "_datum": day,
        "bedrag_aangevraagd": gevraagd,
        "bedrag_toegekend": round(toegekend // 5 * 5, 2) if granted else None,
        "status": status,
        "actiepunt_id": "",
        "aanvrager": naam,
        "email": email,
    }


def _finish(frame: pd.DataFrame, record_type: str) -> pd.DataFrame:
    """Order columns as in the spec, mark as voorbeelddata."""
    columns = [f.name for f in SPECS[record_type].fields if f.name in frame.columns]
    out = frame[columns].copy()
    out["voorbeelddata"] = "ja"
    return out


def build_voorbeelddata(
    gemeente: GemeenteConfig, snapshot_dir: Path
) -> dict[str, pd.DataFrame]:
    """All voorbeeld record tables of a gemeente, as they are written to CSV.

    Parameters
    ----------
    gemeente : GemeenteConfig
        West Betuwe or Buren (calibration in ``voorbeelddata_content.py``).
    snapshot_dir : Path
        The CBS snapshot folder (for ``2024/buurten_2024.geojson``, EPSG:4326),
        used to place opgaven inside their kern.
    """
    from pipelines.records import voorbeelddata_kalender as kalender
    from pipelines.records import voorbeelddata_overig as more

    rng = np.random.default_rng(SEED + int(gemeente.code[2:]))
    people = _People()
    points = kern_points(gemeente, snapshot_dir, rng)
    acties = actiepunten(gemeente, rng, people)
    tables = {
        "actiepunten": acties,
        "initiatieven": initiatieven(gemeente, acties, rng, people),
        "opgaven": more.opgaven(gemeente, points, rng),
        "platforms": more.platforms(gemeente, rng, people),
        "gebieden": more.gebieden(gemeente, people),
        "activiteiten": kalender.activiteiten(gemeente, rng, people),
    }
    if gemeente.slug == "buren":
        tables["burgerpeiling"] = more.burgerpeiling()
    return {name: _finish(frame, name) for name, frame in tables.items()}


def generate(gemeente: GemeenteConfig, out_dir: Path, snapshot_dir: Path) -> Path:
    """Write the voorbeelddata of ``gemeente`` to ``out_dir/<slug>/`` and mark it.

    Returns the folder written (CSV files, ``VOORBEELDDATA`` marker, README.md).
    """
    folder = out_dir / gemeente.slug
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in build_voorbeelddata(gemeente, snapshot_dir).items():
        write_csv(frame, folder / f"{name}.csv")
        logger.info("Wrote %d %s to %s", len(frame), name, folder)
    (folder / MARKER).write_text(
        "Deze map bevat voorbeelddata (fictief). Zie README.md.\n", encoding="utf-8"
    )
    (folder / "README.md").write_text(README.format(naam=gemeente.naam), "utf-8")
    return folder
