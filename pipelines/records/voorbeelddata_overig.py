"""Voorbeelddata generators for opgaven, platforms, gebieden and the burgerpeiling
(see ``voorbeelddata.py``; activiteiten: ``voorbeelddata_kalender.py``)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from pipelines.gemeente import GemeenteConfig, KernConfig
from pipelines.records import voorbeelddata_content as C

VORMEN = (
    "dorpsraad",
    "dorpsplatform",
    "dorpstafel",
    "werkgroep",
    "dorpsbelangenorganisatie",
)


def _wijk(kern: KernConfig) -> str:
    return kern.buurten[0][6:8]


def gebied_groups(gemeente: GemeenteConfig) -> list[tuple[str, list[KernConfig]]]:
    """The voorbeeld gebieden: kernen grouped by neighbouring CBS wijken."""
    groups = []
    for naam, wijken in C.GEBIEDEN[gemeente.slug]:
        groups.append((naam, [k for k in gemeente.kernen if _wijk(k) in wijken]))
    return groups


def gebieden(gemeente: GemeenteConfig, people: object) -> pd.DataFrame:
    """Gebiedsmakelaars (West Betuwe) or kernambtenaren with a kernwethouder (Buren)."""
    functie = C.FUNCTIE[gemeente.slug]
    rows = []
    for i, (naam, kernen) in enumerate(gebied_groups(gemeente), start=1):
        rows.append(
            {
                "id": f"GB-{i}",
                "gebied": naam,
                "functie": functie,
                "naam": f"{functie.capitalize()} {naam}",
                "kernen": "; ".join(k.naam for k in kernen),
                "kernwethouder": f"Wethouder {chr(64 + i)}. Fictief"
                if gemeente.slug == "buren"
                else "",
                "email": f"{functie}{i}@example.org",
                "telefoon": f"0345 000 0{i:02d}",
            }
        )
    return pd.DataFrame(rows)


def platforms(
    gemeente: GemeenteConfig, rng: np.random.Generator, people: object
) -> pd.DataFrame:
    """Village platforms; the first ``n_subsidised`` receive a yearly subsidy."""
    subsidised, without = C.PLATFORMS[gemeente.slug]
    order = rng.permutation(len(gemeente.kernen))[: subsidised + without]
    rows = []
    for i, k in enumerate(order):
        kern = gemeente.kernen[int(k)]
        vorm = (
            str(rng.choice(VORMEN[:3] + VORMEN[4:])) if i < subsidised else "werkgroep"
        )
        naam, email = people.next()  # type: ignore[attr-defined]
        rows.append(
            {
                "id": f"PL-{i + 1:02d}",
                "kern": kern.naam,
                "naam": f"{vorm.capitalize()} {kern.naam}",
                "vorm": vorm,
                "subsidie_per_jaar": float(rng.integers(4, 15) * 250)
                if i < subsidised
                else 0.0,
                "website": f"https://{kern.slug}.example.org",
                "contactpersoon": naam,
                "email": email,
                "telefoon": f"06 0000 {i:04d}",
            }
        )
    return pd.DataFrame(rows).sort_values("kern").reset_index(drop=True)


def opgaven(
    gemeente: GemeenteConfig, points: dict[str, shapely.Point], rng: np.random.Generator
) -> pd.DataFrame:
    """Dijkversterking along the rivers, woningbouw, 30 km-zones, klimaatadaptatie.

    Locations are written in all accepted forms: lat/lon, RD x/y and WKT.
    """
    rows = []
    for titel, slugs, fase, planning in C.DIJK.get(gemeente.slug, ()):
        line = sorted((points[s] for s in slugs if s in points), key=lambda p: p.x)
        rows.append(
            {
                "kern": "; ".join(gemeente.kern_by_slug(s).naam for s in slugs),
                "soort": "dijkversterking",
                "titel": titel,
                "fase": fase,
                "planning": planning,
                "wkt": shapely.LineString(line).wkt if len(line) > 1 else "",
            }
        )
    fasen = (
        "idee",
        "verkenning",
        "planvorming",
        "voorbereiding",
        "uitvoering",
        "gereed",
    )
    for i, kern in enumerate(gemeente.kernen):
        for soort, template, plekken in C.OPGAVEN:
            if rng.random() > (0.45 if soort == "wonen" else 0.18):
                continue
            start = int(rng.integers(2023, 2028))
            row = {
                "kern": kern.naam,
                "soort": soort,
                "titel": template.format(
                    kern=kern.naam, plek=rng.choice(plekken)
                ).strip(),
                "fase": str(rng.choice(fasen)),
                "planning": f"{start}-{start + int(rng.integers(1, 5))}",
            }
            if soort == "wonen":
                row["aantal_woningen"] = int(
                    rng.integers(6, 60) * (3 if i % 5 == 0 else 1)
                )
            rows.append(row | _location(points.get(kern.slug), len(rows), rng))
    frame = pd.DataFrame(rows)
    frame.insert(0, "id", [f"OP-{i:03d}" for i in range(1, len(frame) + 1)])
    return frame


def _location(point: shapely.Point | None, n: int, rng: np.random.Generator) -> dict:
    if point is None or rng.random() < 0.3:
        return {}
    if n % 2 == 0:
        return {"lat": round(point.y, 6), "lon": round(point.x, 6)}
    rd = gpd.GeoSeries([point], crs="EPSG:4326").to_crs("EPSG:28992").iloc[0]
    return {"x": round(rd.x), "y": round(rd.y)}


def burgerpeiling() -> pd.DataFrame:
    """Buren's burgerpeiling targets (first row and grade are published)."""
    columns = ["stelling", "score_2019", "benchmark", "doel_2023", "eenheid"]
    return pd.DataFrame([list(row) for row in C.BURGERPEILING], columns=columns)
