"""Jaarkalender (/kalender): the gemeente's calendar as a list by month.

The list is the main view and the keyboard route: native selects for the
filters (a change redraws only the list, so focus stays where it is), one
heading per month, each event with its date and time in words, its soort as
text and the steps of the cycle marked "Cyclus" (never by colour alone).
"""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from layouts import ids
from layouts.components import link, notice

FILTERS = (
    ("kern", "Kern", ids.KALENDER_KERN),
    ("gebied", "Gebied", ids.KALENDER_GEBIED),
    ("soort", "Soort", ids.KALENDER_SOORT),
    ("periode", "Periode", ids.KALENDER_PERIODE),
)


def _filter(name: str, label: str, control_id: str, content: Any) -> html.Div:
    return html.Div(
        [
            html.Label(label, htmlFor=control_id),
            dbc.Select(
                id=control_id,
                options=[{"value": v, "label": t} for v, t in content.options[name]],
                value=getattr(content.selection, name) or "alle",
                className="keuzelijst",
            ),
        ],
        className="filter",
    )


def filters(content: Any) -> html.Section:
    """The four filters; the list below follows every change."""
    return html.Section(
        [
            html.H2("Filters", className="h-klein"),
            html.P(
                "De lijst hieronder past zich aan bij elke keuze; de link in de "
                "adresbalk bewaart de filters.",
                className="klein",
            ),
            html.Div(
                [_filter(n, label, i, content) for n, label, i in FILTERS],
                className="filters kalender-filters",
            ),
        ],
        className="bediening kalender-bediening geen-print",
        **{"aria-label": "Filters van de kalender"},
    )


def next_step(content: Any) -> html.Section:
    """Today and the next step of the cycle of kerngericht werken."""
    step = content.next_step
    body: list[Any] = [html.P(content.today, className="vandaag")]
    if step:
        body += [
            html.P(html.Strong(f"{step['text']} ({step['datum']})."), className="stap"),
            html.P(
                [
                    html.Span(f"{step['titel']}. ", className="stap-titel"),
                    step["wat"],
                    html.Br() if step["wie"] else None,
                    html.Span(f"Wie: {step['wie']}", className="klein")
                    if step["wie"]
                    else None,
                ]
            ),
        ]
    elif content.has_cyclus:
        body.append(html.P("Er is geen volgende stap van de cyclus in deze periode."))
    for o in content.ongedateerd:
        body.append(
            html.P(
                f"In {o['jaar']} ook: {o['titel']}; de datum is nog niet bekend.",
                className="klein",
            )
        )
    return html.Section(
        [html.H2("Vandaag en de volgende stap", className="h-klein"), *body],
        className="kalender-nu",
        **{"aria-label": "Vandaag en de volgende stap van de cyclus"},
    )


def _event(row: dict[str, Any]) -> html.Li:
    meta = [x for x in (row["kernen"], row["locatie"]) if x]
    details: list[Any] = []
    if row["cyclus"]:
        details += [
            html.P(row["wat"]) if row["wat"] else None,
            html.P(f"Wie: {row['wie']}", className="klein") if row["wie"] else None,
        ]
    if row["beschrijving"]:
        details.append(html.P(row["beschrijving"], className="klein"))
    if row["organisator"]:
        details.append(html.P(f"Organisatie: {row['organisator']}", className="klein"))
    if row["link"]:
        details.append(
            html.P(
                html.A(
                    f"Meer informatie over {row['titel']}",
                    href=row["link"],
                    rel="noopener",
                )
            )
        )
    badges = [html.Span(row["soort_tekst"], className=f"soort soort-{row['soort']}")]
    if row["cyclus"]:
        badges.insert(0, html.Span("Cyclus", className="soort soort-cyclus-merk"))
    return html.Li(
        [
            html.P(
                [
                    html.Time(row["datum"], dateTime=row["start"], className="wanneer"),
                    html.Span(f", {row['tijd']}", className="tijd"),
                ],
                className="kalender-datum",
            ),
            html.H4(row["titel"], className="kalender-titel"),
            html.P([*badges, html.Span(" · ".join(meta), className="waar")]),
            *[d for d in details if d is not None],
        ],
        className="kalender-item" + (" is-cyclus" if row["cyclus"] else ""),
    )


def month_list(content: Any) -> list[Any]:
    """One section per month with its events (or a message when none match)."""
    count = f"{content.n_events} {'item' if content.n_events == 1 else 'items'}"
    out: list[Any] = [
        html.P(
            f"{count} in deze selectie.",
            className="kalender-aantal",
            role="status",
        )
    ]
    if not content.maanden:
        out.append(
            notice("Geen activiteiten voor deze filters. Kies een andere periode.")
        )
    for m in content.maanden:
        out.append(
            html.Section(
                [
                    html.H3(m.titel[0].upper() + m.titel[1:], id=f"maand-{m.key}"),
                    html.Ul([_event(r) for r in m.events], className="kalender-lijst"),
                ],
                className="kalender-maand",
                **{"aria-labelledby": f"maand-{m.key}"},
            )
        )
    return out


def subscribe(content: Any, feed_url: str, feed_note: str = "") -> html.Details:
    """'Abonneren': the feed URL and how to add it in Outlook (and elsewhere)."""
    webcal = "webcal://" + feed_url.split("://", 1)[-1]
    return html.Details(
        [
            html.Summary("Abonneren", className="knop"),
            html.Div(
                [
                    html.P(
                        f"Abonneer uw agenda op '{content.feed_name}': nieuwe en "
                        "gewijzigde activiteiten komen er vanzelf in (de agenda "
                        "haalt ze een paar keer per dag op)."
                    ),
                    *(
                        [html.P(feed_note, className="feed-let-op")]
                        if feed_note
                        else []
                    ),
                    html.Label(
                        "Adres van de agenda (iCalendar)", htmlFor=ids.KALENDER_FEED
                    ),
                    dcc.Input(
                        id=ids.KALENDER_FEED,
                        value=feed_url,
                        readOnly=True,
                        type="text",
                        className="feed-adres",
                    ),
                    html.P(
                        [
                            html.A("Openen in uw agenda-app", href=webcal),
                            " · ",
                            html.A("Bestand downloaden (.ics)", href=feed_url),
                        ]
                    ),
                    html.H3("Zo voegt u de agenda toe", className="h-klein"),
                    html.Ul(
                        [
                            html.Li(
                                "Outlook (web en nieuwe Outlook): Agenda > Agenda "
                                "toevoegen > Abonneren vanaf internet > plak het "
                                "adres > Importeren."
                            ),
                            html.Li(
                                "Outlook voor Windows (klassiek): Agenda > Agenda "
                                "toevoegen > Van internet > plak het adres > OK."
                            ),
                            html.Li(
                                "Google Agenda: Andere agenda's > + > Via URL > plak "
                                "het adres > Agenda toevoegen."
                            ),
                            html.Li(
                                "iPhone: Instellingen > Agenda > Accounts > Account "
                                "toevoegen > Andere > Voeg agenda-abonnement toe."
                            ),
                        ]
                    ),
                    html.P(
                        "Openbare agenda: zonder namen van contactpersonen of "
                        "particuliere organisatoren."
                        if content.openbaar
                        else "Let op: deze agenda is de interne versie. Deel voor "
                        "inwoners het adres van de openbare kernenkaart.",
                        className="klein",
                    ),
                ],
                className="abonneren-inhoud",
            ),
        ],
        className="abonneren geen-print",
    )


def downloads() -> html.Div:
    """'Jaarkalender' as PDF (A4, for a notice board) and as Excel."""
    buttons = [
        html.Button(
            label,
            id=button_id,
            type="button",
            className="knop",
            title=title,
        )
        for label, button_id, title in (
            (
                "Jaarkalender (PDF)",
                ids.DL_KALENDER_PDF,
                "Download de jaarkalender van deze selectie als PDF (A4, per maand)",
            ),
            (
                "Jaarkalender (Excel)",
                ids.DL_KALENDER_XLSX,
                "Download de jaarkalender van deze selectie als Excel-bestand",
            ),
        )
    ]
    return html.Div(
        [
            html.Div(
                buttons,
                className="download-knoppen",
                role="group",
                **{"aria-label": "Downloads van de jaarkalender"},
            ),
            dcc.Download(id=ids.DL_KALENDER),
            dcc.Loading(
                html.Div(id=ids.DL_KALENDER_MELDING, **{"aria-live": "polite"}),
                type="dot",
                delay_show=300,
            ),
        ],
        className="downloads geen-print",
    )


def results(content: Any, feed_url: str, feed_note: str = "") -> list[Any]:
    """What changes with the filters: next step, subscribe box and the list."""
    return [
        next_step(content),
        html.Div(
            [subscribe(content, feed_url, feed_note), downloads()],
            className="kalender-acties",
        ),
        html.H2("Activiteiten per maand"),
        *month_list(content),
    ]


def page(content: Any, feed_url: str, feed_note: str = "") -> html.Div:
    """The /kalender screen."""
    voorbeeld = (
        notice(
            "Voorbeelddata: de activiteiten en gebieden zijn verzonnen. De cyclus "
            "(deadlines en verkiezingen) komt uit het gemeentebestand.",
            "let-op",
        )
        if content.voorbeelddata
        else None
    )
    return html.Div(
        [
            html.H1(f"Jaarkalender {content.gemeente}"),
            html.P(
                "Wat er in de kernen gebeurt en de stappen van de cyclus van "
                "kerngericht werken (ophalen van actiepunten, gebiedstafels, "
                "evaluatie, verkiezingen), op één kalender."
            ),
            voorbeeld,
            *[notice(n, "let-op") for n in content.notes],
            filters(content),
            html.Div(results(content, feed_url, feed_note), id=ids.KALENDER_RESULTS),
        ],
        className="kalender",
    )


def next_activities_block(
    rows: list[dict[str, Any]], kern_naam: str, url: str
) -> html.Section:
    """For the Kernprofiel: a kern's next activities and a link to its calendar.

    ``rows`` from :func:`pipelines.dashboard_data.kalender.next_activities`;
    ``url`` the calendar filtered on this kern (``kalender_url(gemeente, kern=)``).
    """
    items = [
        html.Li(
            [
                html.Time(r["datum"], dateTime=r["start"], className="wanneer"),
                f", {r['tijd']}: ",
                html.Strong(r["titel"]),
                f" ({r['soort_tekst'].lower()}"
                + (f", {r['locatie']})" if r["locatie"] else ")"),
            ]
        )
        for r in rows
    ]
    return html.Section(
        [
            html.H2("Komende activiteiten", id="komende-activiteiten"),
            html.Ul(items, className="kalender-kort")
            if items
            else html.P(f"Er staan geen komende activiteiten voor {kern_naam}."),
            html.P(link(f"Alle activiteiten van {kern_naam} in de jaarkalender", url)),
        ],
        className="komende-activiteiten",
        **{"aria-labelledby": "komende-activiteiten"},
    )


def gebiedstafel_block(info: dict[str, Any] | None, gebied: str) -> html.Section:
    """For the Gebied screen: the next gebiedstafel and the days left."""
    if info is None:
        body: list[Any] = [
            html.P(
                "Er is geen gebiedstafel gepland in de cyclus van deze gemeente "
                "(zie [cyclus] in het gemeentebestand)."
            )
        ]
    else:
        body = [
            html.P(
                [
                    html.Strong(
                        [
                            html.Time(info["datum"], dateTime=info["iso"]),
                            f", {info['tijd']}",
                        ]
                    ),
                    f" ({info['dagen_tekst']}).",
                ],
                className="gebiedstafel-datum",
            ),
            html.P(
                "Deze datum is voorlopig: de gemeente heeft nog geen vaste datum "
                "voor de gebiedstafel vastgelegd.",
                className="klein",
            )
            if info["voorlopig"]
            else None,
            html.P(link(f"Kalender van gebied {gebied}", info["url"])),
        ]
    return html.Section(
        [html.H2("Volgende gebiedstafel", id="volgende-gebiedstafel"), *body],
        className="volgende-gebiedstafel",
        **{"aria-labelledby": "volgende-gebiedstafel"},
    )
