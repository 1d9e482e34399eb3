"""Builders of CBS/PDOK test data in the services' real formats.

Geometry and names come from the bundled real snapshot
(``geodata/cbs/2024``); wijk and gemeente figures from its real KWB CSVs;
buurt figures are made up (the snapshot has none) but deterministic. Every
builder starts from :func:`figures`, one frame in our own names, and renders
it in a source's names: PDOK properties, CBS OData keys, kwb-YYYY columns.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import geopandas as gpd
import openpyxl
import pandas as pd

from pipelines.catalogue import Catalogue, load_catalogue
from pipelines.sources.base import key_stem

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "geodata" / "cbs" / "2024"
METADATA = ROOT / "geodata" / "cbs" / "metadata"
LAYER_FILES = {"buurt": "buurten", "wijk": "wijken", "gemeente": "gemeenten"}
SUPPRESSED = -99997
NOT_AVAILABLE = -99995
# The real kwb-2024 download names the WOZ column g_wozbag (g_woz until 2019).
KWB_2024_RENAMES = {"g_woz": "g_wozbag"}
SNAPSHOT_KEYS = {
    "AantalInwoners_5": "aantal_inwoners",
    "Mannen_6": "mannen",
    "Vrouwen_7": "vrouwen",
    "Bevolkingsdichtheid_34": "bevolkingsdichtheid",
    "Woningvoorraad_35": "woningvoorraad",
    "OppervlakteTotaal_122": "oppervlakte_totaal",
    "OppervlakteLand_123": "oppervlakte_land",
    "OppervlakteWater_124": "oppervlakte_water",
}


def catalogue() -> Catalogue:
    return load_catalogue(ROOT / "geodata" / "indicators.toml")


def snapshot_layer(level: str, gemeentecode: str) -> gpd.GeoDataFrame:
    """A snapshot layer of one gemeente with PDOK property names, EPSG:4326."""
    frame = gpd.read_file(SNAPSHOT / f"{LAYER_FILES[level]}_2024.geojson")
    code = frame["statcode"].astype(str)
    gm = "GM" + code.str[2:6]
    frame = frame[gm == gemeentecode].reset_index(drop=True)
    code = frame["statcode"].astype(str)
    gemeentenaam = {"GM0214": "Buren", "GM1960": "West Betuwe"}[gemeentecode]
    props = {
        "buurt": {
            "buurtcode": code,
            "buurtnaam": frame["statnaam"],
            "wijkcode": "WK" + code.str[2:8],
        },
        "wijk": {"wijkcode": code, "wijknaam": frame["statnaam"]},
        "gemeente": {},
    }[level]
    out = gpd.GeoDataFrame(props, geometry=frame.geometry, crs=4326)
    out["gemeentecode"] = gemeentecode
    out["gemeentenaam"] = gemeentenaam
    out["jrstatcode"] = "2024" + code
    out["water"] = "NEE"
    return out


def figures(gemeentecode: str) -> pd.DataFrame:
    """Expected KWB figures (our names): real for wijk/gemeente, made up for buurten.

    The first buurt is suppressed (NaN everywhere), as CBS does for tiny buurten.
    """
    real = pd.concat(
        [
            pd.read_csv(SNAPSHOT / f"kwb_2024_{lvl}.csv", dtype={"Codering_3": str})
            for lvl in ("wijk", "gemeente")
        ]
    )
    real = real[real["Codering_3"].str[2:6] == gemeentecode[2:]]
    rows = [
        {
            "code": r["Codering_3"],
            "name": r["statnaam_cartomap"],
            **{k: float(r[s]) for s, k in SNAPSHOT_KEYS.items()},
        }
        for _, r in real.iterrows()
    ]
    buurten = snapshot_layer("buurt", gemeentecode)
    for i, (code, name) in enumerate(
        zip(buurten["buurtcode"], buurten["buurtnaam"], strict=True)
    ):
        inw = 50.0 + 10 * i
        rows.append(
            {
                "code": code,
                "name": name,
                "aantal_inwoners": inw,
                "mannen": float(inw // 2),
                "vrouwen": inw - inw // 2,
                "inwoners_65_plus": 0.25 * inw,
                "bevolkingsdichtheid": 100.0 + i,
                "woningvoorraad": float(inw // 2),
                "gemiddelde_woz": 300.0 + i,
                "aantal_huishoudens": float(inw // 2),
                "gemiddelde_huishoudensgrootte": 2.1,
                "percentage_koopwoningen": 70.0,
                "afstand_huisarts": 1.5 + i / 10,
                "afstand_supermarkt": 2.5,
                "oppervlakte_totaal": 100.0 + i,
                "oppervlakte_land": 90.0 + i,
                "oppervlakte_water": 10.0,
            }
            if i > 0
            else {"code": code, "name": name}
        )
    frame = pd.DataFrame(rows)
    for key in catalogue().keys:
        if key not in frame.columns:
            frame[key] = math.nan
    frame["level"] = (
        frame["code"].str[:2].map({"BU": "buurt", "WK": "wijk", "GM": "gemeente"})
    )
    return frame.reset_index(drop=True)


def _number(value: float, code: int = SUPPRESSED) -> float | int:
    return code if pd.isna(value) else value


# PDOK ---------------------------------------------------------------------------


def pdok_features(level: str, gemeentecode: str) -> list[dict]:
    """GeoJSON features of a PDOK collection with KWB properties (-99997 = missing)."""
    layer = snapshot_layer(level, gemeentecode)
    figs = figures(gemeentecode).set_index("code")
    code_col = {"buurt": "buurtcode", "wijk": "wijkcode", "gemeente": "gemeentecode"}[
        level
    ]
    features = json.loads(layer.to_json(drop_id=True))["features"]
    for feature in features:
        row = figs.loc[feature["properties"][code_col]]
        for ind in catalogue():
            value = row[ind.key]
            if ind.pdok_percentage_van:
                value = value / row[ind.pdok_percentage_van] * 100
            feature["properties"][ind.pdok] = _number(value)
        feature["id"] = feature["properties"][code_col]
    return features


def pdok_page(features: list[dict], next_href: str | None = None) -> dict:
    """An OGC API Features items page as PDOK answers it."""
    links = [
        {
            "rel": "self",
            "type": "application/geo+json",
            "title": "This document as GeoJSON",
            "href": "self",
        }
    ]
    if next_href:
        links.append(
            {
                "rel": "next",
                "type": "application/geo+json",
                "title": "Next page",
                "href": next_href,
            }
        )
    return {
        "type": "FeatureCollection",
        "timeStamp": "2025-01-01T00:00:00Z",
        "links": links,
        "features": features,
        "numberReturned": len(features),
    }


# CBS OData ----------------------------------------------------------------------


def data_properties(shift: dict[str, str] | None = None) -> list[dict]:
    """The real 85984NED DataProperties, with keys optionally renamed (suffix shifts)."""
    raw = json.loads(
        (METADATA / "85984NED_DataProperties.json").read_text(encoding="utf-8")
    )
    values = raw["DataProperties"]
    for item in values:
        if shift and item["Key"] in shift:
            item["Key"] = shift[item["Key"]]
    return values


def odata_page(
    base: str, entity: str, values: list[dict], next_link: str | None = None
) -> dict:
    """An OData v3 JSON light page (``odata.metadata``, ``value``, ``odata.nextLink``)."""
    page: dict = {
        "odata.metadata": f"{base}/$metadata#Cbs.OData.WebAPI.{entity}",
        "value": values,
    }
    if next_link:
        page["odata.nextLink"] = next_link
    return page


def typed_rows(gemeentecode: str, properties: list[dict]) -> list[dict]:
    """TypedDataSet rows with space-padded keys, keyed as ``properties`` say."""
    by_stem = {key_stem(p["Key"]): p["Key"] for p in properties if p["Type"] == "Topic"}
    soort = {"gemeente": "Gemeente", "wijk": "Wijk", "buurt": "Buurt"}
    rows = []
    for i, row in figures(gemeentecode).iterrows():
        out = {
            "ID": int(i),
            "WijkenEnBuurten": f"{row['code']:<10}",
            by_stem["Gemeentenaam"]: f"{'Buren':<40}",
            by_stem["SoortRegio"]: f"{soort[row['level']]:<10}",
            by_stem["Codering"]: f"{row['code']:<10}",
        }
        for ind in catalogue():
            value = row[ind.key]
            out[by_stem[ind.cbs]] = None if pd.isna(value) else value
        rows.append(out)
    return rows


# Files --------------------------------------------------------------------------


def write_gpkg(
    path: Path, gemeentecodes: tuple[str, ...] = ("GM0214", "GM1960")
) -> Path:
    """A small wijkenbuurten GeoPackage: layers buurten/wijken/gemeenten, EPSG:28992."""
    for level, layer in LAYER_FILES.items():
        frames = []
        for gm in gemeentecodes:
            frame = snapshot_layer(level, gm)
            figs = figures(gm).set_index("code")
            code_col = {
                "buurt": "buurtcode",
                "wijk": "wijkcode",
                "gemeente": "gemeentecode",
            }[level]
            frame["aantal_inwoners"] = [
                _number(figs.loc[c, "aantal_inwoners"]) for c in frame[code_col]
            ]
            frames.append(frame)
        merged = gpd.GeoDataFrame(
            pd.concat(frames, ignore_index=True), crs=4326
        ).to_crs(28992)
        merged.to_file(path, layer=layer, driver="GPKG")
    return path


def kwb_rows(gemeentecode: str) -> list[dict]:
    """kwb-2024 rows (national layout, text cells) for one gemeente plus NL and a neighbour."""
    cat = catalogue()
    soort = {"gemeente": "Gemeente", "wijk": "Wijk", "buurt": "Buurt"}
    rows = [
        {
            "gwb_code_10": "NL00",
            "gwb_code_8": "0",
            "regio": "Nederland",
            "gm_naam": "Nederland",
            "recs": "Land",
            "a_inw": "17942942",
        },
        {
            "gwb_code_10": "GM0216",
            "gwb_code_8": "216",
            "regio": "Culemborg",
            "gm_naam": "Culemborg",
            "recs": "Gemeente",
            "a_inw": "29800",
        },
    ]
    for _, row in figures(gemeentecode).iterrows():
        out = {
            "gwb_code_10": row["code"],
            "gwb_code_8": str(int(row["code"][2:])),
            "regio": row["name"],
            "gm_naam": "Buren",
            "recs": soort[row["level"]],
            "a_nb_won ": "0",  # CBS's 2024 file has column names with trailing spaces
        }
        for ind in cat:
            if ind.derived or not ind.kwb:
                continue
            value = row[ind.key]
            out[KWB_2024_RENAMES.get(ind.kwb, ind.kwb)] = (
                "." if pd.isna(value) else value
            )
        rows.append(out)
    return rows


def write_kwb_xlsx(path: Path, rows: list[dict]) -> Path:
    """kwb-YYYY.xlsx: header on the first row, numbers as numbers, '.' for missing."""
    columns = list(dict.fromkeys(k for row in rows for k in row))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(columns)
    for row in rows:
        sheet.append([row.get(c) for c in columns])
    book.save(path)
    return path


def write_kwb_csv(path: Path, rows: list[dict], *, decimal_comma: bool = True) -> Path:
    """kwb-YYYY.csv as CBS/Dutch Excel write it: ';', decimal comma, '.' for missing."""
    columns = list(dict.fromkeys(k for row in rows for k in row))

    def cell(value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, float):
            text = f"{value:g}" if value != int(value) else str(int(value))
            return text.replace(".", ",") if decimal_comma else text
        return str(value)

    lines = [";".join(columns)] + [
        ";".join(cell(r.get(c)) for c in columns) for r in rows
    ]
    path.write_text("\n".join(lines) + "\n", encoding="cp1252")
    return path


# Several KWB years --------------------------------------------------------------

KWB_DIR = ROOT / "geodata" / "cbs" / "kwb"
BOUNDARIES_2017 = ROOT / "geodata" / "cbs" / "2017"
# Columns of the real 83765NED (2017) extract, in our names.
KWB_2017_KEYS = {
    "AantalInwoners_5": "aantal_inwoners",
    "k_65JaarOfOuder_12": "inwoners_65_plus",
    "WestersTotaal_17": "westerse_migratieachtergrond",
    "NietWestersTotaal_18": "niet_westerse_migratieachtergrond",
    "Bevolkingsdichtheid_33": "bevolkingsdichtheid",
    "GemiddeldeWoningwaarde_35": "gemiddelde_woz",
    "GemiddeldInkomenPerInwoner_66": "gemiddeld_inkomen_per_inwoner",
}
# DataProperties groups of the 2017 extract's columns (by key stem).
GROUPS_2017 = {
    "Regioaanduiding": (
        "Gemeentenaam",
        "SoortRegio",
        "Codering",
        "IndelingswijzigingWijkenEnBuurten",
    ),
    "Bevolking": ("AantalInwoners", "k_65JaarOfOuder", "Bevolkingsdichtheid"),
    "Personen met een migratieachtergrond": (
        "WestersTotaal",
        "NietWestersTotaal",
        "Marokko",
        "Turkije",
    ),
    "Wonen": ("GemiddeldeWoningwaarde",),
}
GEMEENTENAMEN_2017 = {
    "GM0214": "Buren",
    "GM0236": "Geldermalsen",
    "GM0304": "Neerijnen",
    "GM0733": "Lingewaal",
}
DECOY = 100_000.0


def odata_rows(
    figs: pd.DataFrame, properties: list[dict], gemeentenaam: str = "Buren"
) -> list[dict]:
    """TypedDataSet rows of ``figs`` (our names), keyed as ``properties`` say.

    Works with the catalogue's stem lists and ``cbs_groep``. Where a table reuses
    a stem (``Nederland_17`` under "Herkomstland", ``Nederland_20`` under
    "Geboren in Nederland"), the other columns get the figure plus ``DECOY``, so
    that reading the wrong one shows.
    """
    titles = {p["ID"]: p["Title"] for p in properties}
    topics = [p for p in properties if p["Type"] == "Topic"]
    by_stem = {key_stem(p["Key"]): p["Key"] for p in topics}
    soort = {"gemeente": "Gemeente", "wijk": "Wijk", "buurt": "Buurt"}
    rows = []
    for i, row in figs.iterrows():
        out = {
            "ID": int(i),
            "WijkenEnBuurten": f"{row['code']:<10}",
            by_stem["Gemeentenaam"]: f"{gemeentenaam:<40}",
            by_stem["SoortRegio"]: f"{soort[row['level']]:<10}",
            by_stem["Codering"]: f"{row['code']:<10}",
        }
        for ind in catalogue():
            stem = next((s for s in ind.cbs_stems if s in by_stem), None)
            if ind.derived or stem is None or ind.key not in figs.columns:
                continue
            value = row[ind.key]
            same = [p for p in topics if key_stem(p["Key"]) == stem]
            for p in same:
                ours = len(same) == 1 or titles.get(p["ParentID"]) == ind.cbs_groep
                out[p["Key"]] = (
                    None if pd.isna(value) else value + (0 if ours else DECOY)
                )
        rows.append(out)
    return rows


def kwb_2017() -> pd.DataFrame:
    """The real 83765NED extract (Buren and West Betuwe's predecessors), all levels."""
    return pd.concat(
        [
            pd.read_csv(KWB_DIR / f"kwb_2017_83765NED_{level}.csv", dtype=str)
            for level in ("gemeente", "wijk", "buurt")
        ],
        ignore_index=True,
    )


def _in_gemeenten(codes: pd.Series, gemeentecodes: tuple[str, ...]) -> pd.Series:
    return codes.str.strip().str[2:6].isin({gm[2:] for gm in gemeentecodes})


def figures_2017(*gemeentecodes: str) -> pd.DataFrame:
    """Expected 2017 figures in our names: code, level and the KWB_2017_KEYS."""
    raw = kwb_2017()
    raw = raw[_in_gemeenten(raw["WijkenEnBuurten"], gemeentecodes)]
    out = pd.DataFrame({"code": raw["WijkenEnBuurten"].str.strip()})
    out["level"] = (
        out["code"].str[:2].map({"BU": "buurt", "WK": "wijk", "GM": "gemeente"})
    )
    for cbs, ours in KWB_2017_KEYS.items():
        out[ours] = pd.to_numeric(raw[cbs], errors="coerce")
    return out.reset_index(drop=True)


def data_properties_2017(shift: dict[str, str] | None = None) -> list[dict]:
    """DataProperties in the 83765NED layout for the columns of the 2017 extract."""
    empty = {"Datatype": None, "Unit": None, "Decimals": None, "Default": None}
    values: list[dict] = [
        {"ID": 0, "Position": 0, "ParentID": None, "Type": "GeoDetail"}
        | {"Key": "WijkenEnBuurten", "Title": "Wijken en buurten", **empty}
    ]
    group_ids = {}
    for title in GROUPS_2017:
        group_ids[title] = len(values)
        values.append(
            {"ID": len(values), "Position": None, "ParentID": None}
            | {"Type": "TopicGroup", "Key": "", "Title": title, **empty}
        )
    columns = list(kwb_2017().columns)
    for key in columns[columns.index("Gemeentenaam_1") :]:
        parent = next(
            (
                group_ids[t]
                for t, stems in GROUPS_2017.items()
                if key_stem(key) in stems
            ),
            None,
        )
        values.append(
            {"ID": len(values), "Position": len(values), "ParentID": parent}
            | {"Type": "Topic", "Key": (shift or {}).get(key, key), "Title": key}
            | {**empty, "Datatype": "Double", "PresentationType": "Absolute"}
        )
    return values


def typed_rows_2017(
    gemeentecodes: tuple[str, ...], shift: dict[str, str] | None = None
) -> list[dict]:
    """TypedDataSet rows of the 2017 extract: padded keys, null for missing."""
    raw = kwb_2017()
    raw = raw[_in_gemeenten(raw["WijkenEnBuurten"], gemeentecodes)]
    columns = list(raw.columns)
    data_columns = columns[columns.index("Gemeentenaam_1") :]
    rows = []
    for _, row in raw.iterrows():
        out: dict = {
            "ID": int(row["ID"]),
            "WijkenEnBuurten": f"{row['WijkenEnBuurten'].strip():<10}",
        }
        for key in data_columns:
            value = row[key]
            if key in ("Gemeentenaam_1", "SoortRegio_2", "Codering_3"):
                out[key] = f"{value:<10}"
            else:
                number = pd.to_numeric(value, errors="coerce")
                out[(shift or {}).get(key, key)] = (
                    None if pd.isna(number) else float(number)
                )
        rows.append(out)
    return rows


def wfs_buurten_2017(gemeentecode: str) -> dict:
    """Buurten 2017 of one gemeente as PDOK's WFS answers GeoJSON in EPSG:28992.

    Geometry and names are the real (generalised) 2017 buurtkaart.
    """
    frame = gpd.read_file(BOUNDARIES_2017 / "buurten_2017.geojson")
    frame = frame[frame["statcode"].str[2:6] == gemeentecode[2:]]
    code = frame["statcode"].astype(str)
    layer = gpd.GeoDataFrame(
        {
            "buurtcode": code,
            "buurtnaam": frame["statnaam"],
            "wijkcode": "WK" + code.str[2:8],
            "gemeentecode": gemeentecode,
            "gemeentenaam": GEMEENTENAMEN_2017[gemeentecode],
            "jrstatcode": "2017" + code,
            "water": "NEE",
        },
        geometry=frame.geometry,
        crs=4326,
    ).to_crs(28992)
    return {
        "type": "FeatureCollection",
        "name": "buurten",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
        "features": json.loads(layer.to_json(drop_id=True))["features"],
    }
