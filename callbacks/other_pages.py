"""Screens other than the Kaart: Kernprofiel, Gebied, Monitor, Over (glue, no "
"callbacks)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import parse_qs

import pandas as pd

from callbacks import datakwaliteit as datakwaliteit_screen
from callbacks import kalender as kalender_screen
from callbacks import screens
from callbacks.context import repo
from layouts import gebied, map_figure, monitor, over, profiel, shell, vergelijk
from layouts.overlays.base import CATEGORICAL, LegendItem, OverlayView
from pipelines.dashboard_data import (
    Filters,
    GemeenteData,
    aandacht,
    counts,
    explode_kernen,
    gebied_by_slug,
    gebied_of_kern,
    initiatieven_per_jaar,
    kern_records,
    kernagenda_per_kern,
    key_figures,
    leefbaarheid_per_kern,
    opgaven_per_kern,
    slugify,
    trends,
)
from pipelines.dashboard_data.kalender import (
    gebiedstafel_info,
    kalender_url,
    next_activities,
)
from pipelines.dashboard_data.profiles import (
    age_groups,
    cbs_comparison,
    figures_table,
    profile_cards,
    source_line,
    year_note,
)


def _nan(v: Any) -> Any:
    return None if v is None or (isinstance(v, float) and v != v) else v


def _text(v: Any) -> str:
    v = _nan(v)
    return "" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v)


def locator_figure(data: GemeenteData, slug: str) -> dict:
    """The gemeente's kernen in grey with ``slug`` highlighted (small map)."""
    codes = data.kernen["kern_slug"].tolist()
    view = OverlayView(
        level="kern",
        codes=codes,
        classes=[0 if c == slug else -1 for c in codes],
        hover=["" for _ in codes],
        palette=[CATEGORICAL[4]],
        legend_title="",
        legend_items=[LegendItem(CATEGORICAL[4], "")],
    )
    base = screens.map_base(data)
    figure = map_figure.base_figure(base, view, slug, False)
    centre, zoom = map_figure.center_zoom(data.bounds, 420, 300)
    figure["layout"]["map"].update(center=centre, zoom=zoom)
    figure["layout"]["dragmode"] = False
    return figure


def _records_list(frame: pd.DataFrame, columns: dict[str, str]) -> list[dict]:
    return [
        {new: _nan(row.get(old)) for new, old in columns.items()}
        for row in frame.to_dict("records")
    ]


def profile(data: GemeenteData, slug: str) -> Any:
    """Kernprofiel content for one kern."""
    catalogue = repo().catalogue
    acties = kern_records(data, "actiepunten", slug)
    agenda = kernagenda_per_kern(data, Filters()).set_index("kern_slug")
    per_jaar = initiatieven_per_jaar(data, slug)
    inits = kern_records(data, "initiatieven", slug)
    if not inits.empty:
        inits = inits.sort_values("datum_aanvraag", ascending=False)
    gebied_row = gebied_of_kern(data, slug)
    gebieden = data.record("gebieden")
    wethouder = None
    if gebied_row is not None and "kernwethouder" in gebieden.columns:
        match = gebieden[gebieden["gebied"] == gebied_row["gebied"]]
        wethouder = _nan(match["kernwethouder"].iloc[0]) if len(match) else None
    activities = next_activities(data, slug, kalender_screen.today(), n=4)
    notes = []
    if data.audience == "openbaar":
        notes.append(
            "Openbare versie: zonder persoonsgegevens; kleine aantallen onderdrukt."
        )
    figures = key_figures(data, slug, catalogue, keys=None)
    cards = profile_cards(figures)
    return profiel.ProfileContent(
        naam=data.kern_name(slug),
        slug=slug,
        gemeente=data.naam,
        gemeente_slug=data.slug,
        figures=cards,
        alle_cijfers=figures_table(data, figures).to_dict("records"),
        leeftijd=age_groups(data, slug),
        bron=source_line(cards),
        actiepunten=_records_list(
            acties,
            {
                k: k
                for k in (
                    "titel",
                    "status",
                    "eigenaar",
                    "thema",
                    "planning",
                    "jaar_vastgesteld",
                )
            },
        ),
        status_counts=counts(acties, "status"),
        eigenaar_counts=counts(acties, "eigenaar"),
        thema_counts=counts(acties, "thema"),
        pct_gerealiseerd=_nan(agenda.loc[slug, "pct_gerealiseerd"])
        if slug in agenda.index
        else None,
        per_jaar=[
            {
                "jaar": int(r.jaar),
                "n": r.n_toegekend,
                "euro": r.euro_toegekend,
                "onderdrukt": bool(r.onderdrukt),
            }
            for r in per_jaar.itertuples()
        ],
        initiatieven=_records_list(
            inits,
            {
                "titel": "titel",
                "regeling": "regeling",
                "datum": "datum_aanvraag",
                "bedrag": "bedrag_toegekend",
                "status": "status",
            },
        ),
        opgaven=_records_list(
            kern_records(data, "opgaven", slug),
            {
                "titel": "titel",
                "soort": "soort",
                "fase": "fase",
                "planning": "planning",
            },
        ),
        platforms=_records_list(
            kern_records(data, "platforms", slug),
            {"naam": "naam", "vorm": "vorm", "subsidie": "subsidie_per_jaar"},
        ),
        gebied=None
        if gebied_row is None
        else {
            "gebied": gebied_row["gebied"],
            "slug": gebied_row["gebied_slug"],
            "naam": gebied_row["naam"],
            "functie": gebied_row["functie"],
            "wethouder": wethouder,
            "kernen": _gebied_kernen(data, gebied_row["gebied_slug"], slug),
        },
        activiteiten=activities,
        kalender_url=kalender_url(data.slug, kern=slug),
        map_figure=locator_figure(data, slug),
        has_records=data.has_records,
        openbaar=data.audience == "openbaar",
        notes=notes,
    )


def _kern_slugs(row: Mapping[str, Any]) -> list[str]:
    """The kernen of a gebieden row (``kern_slugs``, separated by ';')."""
    return [k.strip() for k in str(row.get("kern_slugs") or "").split(";") if k.strip()]


def _gebied_kernen(data: GemeenteData, gebied_slug: str, first: str) -> list[str]:
    """The kernen of a gebied, ``first`` (a kern of it) first."""
    row = gebied_by_slug(data, gebied_slug)
    others = [] if row is None else _kern_slugs(row)
    return [first, *(k for k in others if k != first)]


def kern_figures(data: GemeenteData, kernen: list[str]) -> list[dict]:
    """Kernagenda, initiatieven and opgaven of ``kernen`` (in that order), all years.

    The rows of the Gebied screen and of Vergelijken: slug, naam, gebied, pct,
    n_acties, n_init, euro, n_open.
    """
    agenda = kernagenda_per_kern(data, Filters()).set_index("kern_slug")
    money = leefbaarheid_per_kern(data, Filters()).set_index("kern_slug")
    opgaven = opgaven_per_kern(data).set_index("kern_slug")
    rows = []
    for k in kernen:
        if k not in agenda.index:
            continue
        gebied_row = gebied_of_kern(data, k)
        rows.append(
            {
                "slug": k,
                "naam": data.kern_name(k),
                "gebied": None if gebied_row is None else str(gebied_row["gebied"]),
                "pct": _nan(agenda.loc[k, "pct_gerealiseerd"]),
                "n_acties": agenda.loc[k, "n_totaal"],
                "n_init": _nan(money.loc[k, "n_toegekend"]),
                "euro": _nan(money.loc[k, "euro_toegekend"]),
                "n_open": opgaven.loc[k, "n_open"],
            }
        )
    return rows


def vergelijk_content(
    data: GemeenteData, search: str | None
) -> vergelijk.VergelijkContent:
    """The kernen of ``?kernen=a,b`` (or repeated ``kernen=``) side by side."""
    raw = parse_qs((search or "").lstrip("?")).get("kernen", [])
    wanted = list(
        dict.fromkeys(s.strip().lower() for v in raw for s in v.split(",") if s.strip())
    )
    known = dict(zip(data.kernen["kern_slug"], data.kernen["name"], strict=True))
    chosen = kern_figures(data, [s for s in wanted if s in known])
    columns, rows = cbs_comparison(data, [k["slug"] for k in chosen], repo().catalogue)
    return vergelijk.VergelijkContent(
        gemeente=data.naam,
        gemeente_slug=data.slug,
        choices=sorted(known.items(), key=lambda kv: kv[1]),
        kernen=chosen,
        not_found=[s for s in wanted if s not in known],
        cbs_columns=columns,
        cbs_rows=rows,
    )


def gebied_content(data: GemeenteData, slug: str) -> gebied.GebiedContent | None:
    row = gebied_by_slug(data, slug)
    if row is None:
        return None
    kernen = _kern_slugs(row)
    acties = explode_kernen(data.record("actiepunten"))
    acties = acties[acties["kern"].isin(kernen)] if not acties.empty else acties
    attention = aandacht(acties, pd.Timestamp.today().normalize())
    inits = explode_kernen(data.record("initiatieven"))
    inits = inits[inits["kern"].isin(kernen)] if not inits.empty else inits
    if not inits.empty:
        inits = inits.sort_values("datum_aanvraag", ascending=False).head(10)
    return gebied.GebiedContent(
        gebiedstafel=gebiedstafel_info(data, slug, kalender_screen.today()),
        gebied=str(row["gebied"]),
        slug=slug,
        wie=str(row["naam"]),
        functie=str(row["functie"]),
        gemeente=data.naam,
        gemeente_slug=data.slug,
        kernen=kern_figures(data, kernen),
        aandacht=[
            {
                "kern": data.kern_name(a["kern"]),
                "titel": a["titel"],
                "status": a["status"],
                "eigenaar": _text(a.get("eigenaar")),
                "reden": a["reden"],
            }
            for a in attention.to_dict("records")
        ],
        recent=[
            {
                "kern": data.kern_name(i["kern"]),
                "titel": i["titel"],
                "datum": _text(i.get("datum_aanvraag")),
                "bedrag": _nan(i.get("bedrag_toegekend")),
                "status": _text(i.get("status")),
            }
            for i in inits.to_dict("records")
        ],
    )


def gebieden_overview(data: GemeenteData) -> gebied.OverviewContent:
    """Every gebied of the gemeente: who covers it and its kernen (``/gebied``)."""
    gebieden = data.record("gebieden")
    rows = [] if gebieden.empty else gebieden.to_dict("records")
    return gebied.OverviewContent(
        gemeente=data.naam,
        gemeente_slug=data.slug,
        gebieden=[
            {
                "gebied": str(r["gebied"]),
                "slug": slugify(str(r["gebied"])),
                "wie": _text(r.get("naam")),
                "functie": _text(r.get("functie")),
                "kernen": [data.kern_name(k) for k in _kern_slugs(r)],
            }
            for r in sorted(rows, key=lambda r: str(r["gebied"]).lower())
        ],
    )


def _kern_year(
    data: GemeenteData, slug: str, year: int, rows: dict[int, dict]
) -> tuple[int, float | None, str]:
    """(year, value or None, what is not exact) of one kern (small multiples)."""
    row = rows.get(year)
    if row is None:
        return year, None, ""
    grens = row.get("methode") == "grens_verschoven"
    moved = trends.moved_buurten(data, slug, year) if grens else None
    return year, _nan(row["value"]), year_note(row, moved)


def kern_multiples(data: GemeenteData, key: str) -> monitor.KernMultiples | None:
    """Every kern's figures of ``key`` in each year with kern figures of it."""
    years = trends.years_with(data, key, "kern")
    if not years:
        return None
    ind = repo().catalogue.get(key)
    rows = trends.kern_series(data, key)
    kernen = [
        {
            "slug": slug,
            "naam": naam,
            "values": [_kern_year(data, slug, y, rows.get(slug, {})) for y in years],
        }
        for slug, naam in zip(
            data.kernen["kern_slug"], data.kernen["name"], strict=True
        )
    ]
    titel = monitor.CBS_LABELS.get(key, ind.titel)
    return monitor.KernMultiples(
        key, titel, ind.eenheid, ind.decimalen, years, kernen, data.slug
    )


def monitor_cbs(data: GemeenteData, search: str | None) -> monitor.MonitorContent:
    """The Monitor's CBS section; ``?indicator=`` chooses the small multiples."""
    catalogue = repo().catalogue
    keys = [k for k in monitor.CBS_LABELS if k in catalogue.keys]
    rows = trends.gemeente_development(data, keys)
    choices = [
        (k, monitor.CBS_LABELS[k]) for k in keys if trends.years_with(data, k, "kern")
    ]
    wanted = (parse_qs((search or "").lstrip("?")).get("indicator") or [""])[0]
    chosen = wanted if wanted in dict(choices) else (choices[0][0] if choices else "")
    development = [
        {
            "key": k,
            "titel": catalogue.get(k).titel,
            "eenheid": catalogue.get(k).eenheid,
            "decimalen": catalogue.get(k).decimalen,
            "values": {
                int(r.year): (_nan(r.value), str(r.methode))
                for r in rows[rows["indicator"] == k].itertuples()
            },
        }
        for k in keys
        if (rows["indicator"] == k).any()
    ]
    return monitor.CbsContent(
        years=sorted({int(y) for y in rows.loc[rows["value"].notna(), "year"]}),
        development=development,
        choices=choices,
        multiples=kern_multiples(data, chosen) if chosen else None,
        not_found=wanted if wanted and wanted != chosen else "",
        predecessors=list(trends.predecessors(data)),
    )


def monitor_content(
    data: GemeenteData, search: str | None = None
) -> monitor.MonitorContent:
    from pipelines.dashboard_data import actiepunten_per_jaar

    platforms = data.record("platforms")
    peiling = data.record("burgerpeiling")
    subsidie = (
        platforms["subsidie_per_jaar"].sum() if "subsidie_per_jaar" in platforms else 0
    )
    return monitor.MonitorContent(
        gemeente=data.naam,
        acties=actiepunten_per_jaar(data).to_dict("records"),
        initiatieven=[
            {
                "jaar": int(r.jaar),
                "n": r.n_toegekend,
                "euro": r.euro_toegekend,
                "onderdrukt": bool(r.onderdrukt),
            }
            for r in initiatieven_per_jaar(data).itertuples()
        ],
        platforms=len(platforms),
        platform_subsidie=float(subsidie or 0),
        peiling=[
            {k: _nan(v) for k, v in r.items()} for r in peiling.to_dict("records")
        ],
        has_records=data.has_records,
        cbs=monitor_cbs(data, search),
    )


def over_content(data: GemeenteData) -> over.OverContent:
    catalogue = repo().catalogue
    where = trends.coverage(data)
    return over.OverContent(
        gemeente=data.naam,
        sources=list(data.metadata.get("sources", [])),
        attribution=str(data.metadata.get("attribution", "")),
        built_at=str(data.metadata.get("built_at", "")),
        audience=data.audience,
        voorbeelddata=data.voorbeelddata,
        contact=contact(data),
        indicators=[
            over.IndicatorInfo(
                i.titel, i.eenheid, i.definitie, where.get(i.key, ()), i.thema
            )
            for i in catalogue
        ],
        predecessors=trends.predecessors(data),
        merged_years=tuple(trends.merged_years(data)),
        methodes=trends.methode_counts(data),
    )


def contact(data: GemeenteData | None) -> over.Contact:
    if data is None:
        return over.Contact()
    return over.Contact(data.naam, str(data.metadata.get("website") or ""), data.slug)


# The screens at one word of a path (besides '/' and /toegankelijkheid, which
# needs no gemeente); callbacks/pages.py page_exists answers 404 for others.
SCREENS: dict[str, Callable[[GemeenteData, str | None], Any]] = {
    "over": lambda data, _search: over.page(over_content(data)),
    "monitor": lambda data, search: monitor.page(monitor_content(data, search)),
    "vergelijk": lambda data, search: vergelijk.page(vergelijk_content(data, search)),
    "gebied": lambda data, _search: gebied.overview(gebieden_overview(data)),
    "kalender": kalender_screen.screen,
    "datakwaliteit": datakwaliteit_screen.screen,
}


def render(pathname: str, search: str | None, gemeente: str | None) -> Any:
    """The screen for a path other than '/'."""
    data = repo().get(gemeente) if gemeente else None
    parts = pathname.strip("/").split("/")
    if parts == ["toegankelijkheid"]:
        return over.accessibility_page(contact(data))
    if data is None:
        return shell.not_found("Er is geen gemeente gekozen.")
    if len(parts) == 1 and parts[0] in SCREENS:
        return SCREENS[parts[0]](data, search)
    if len(parts) == 2 and parts[0] == "kern":
        if parts[1] not in set(data.kernen["kern_slug"]):
            return shell.not_found(
                f"De gemeente {data.naam} heeft geen kern '{parts[1]}'.", data.slug
            )
        return profiel.page(profile(data, parts[1]))
    if len(parts) == 2 and parts[0] == "gebied":
        content = gebied_content(data, parts[1])
        if content is None:
            return shell.not_found(
                f"De gemeente {data.naam} heeft geen gebied '{parts[1]}'.", data.slug
            )
        return gebied.page(content)
    return shell.not_found(f"De pagina {pathname} bestaat niet.", data.slug)
