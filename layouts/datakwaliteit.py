"""Datakwaliteit: the build's warnings of a store, for the analist role only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dash import html

from layouts.profiel import simple_table

if TYPE_CHECKING:
    from pipelines.dashboard_data.quality import QualityRow


def page(naam: str, built_at: str, rows: list[QualityRow]) -> html.Div:
    """The warnings of the last build, grouped (a table: the keyboard route)."""
    intro = html.P(
        f"Meldingen van de laatste bouw van de gegevens ({built_at or 'onbekend'}), "
        "per bron gegroepeerd. Deze pagina is alleen zichtbaar voor de rol analist."
    )
    if not rows:
        body = html.P("De laatste bouw gaf geen meldingen.")
    else:
        body = simple_table(
            f"Meldingen per bron ({sum(r.aantal for r in rows)} in totaal)",
            ["Bron", "Melding", "Aantal"],
            [[r.bron, r.melding, r.aantal] for r in rows],
            numeric={2},
        )
    return html.Div([html.H1(f"Datakwaliteit {naam}"), intro, body])


def no_access() -> html.Div:
    """What another role sees at /datakwaliteit: nothing of the warnings."""
    return html.Div(
        [
            html.H1("Geen toegang"),
            html.P("De pagina Datakwaliteit is alleen voor de rol analist."),
        ]
    )
