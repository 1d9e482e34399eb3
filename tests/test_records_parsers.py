"""Property-based tests for the Dutch cell parsers."""

from __future__ import annotations

from datetime import date

import pandas as pd
from hypothesis import example, given
from hypothesis import strategies as st

from pipelines.records.kernen import kern_key
from pipelines.records.parsers import parse_amount, parse_date, parse_int


def dutch(amount_cents: int, thousands: bool) -> str:
    euros, cents = divmod(amount_cents, 100)
    text = f"{euros:,}".replace(",", ".") if thousands else str(euros)
    return f"{text},{cents:02d}"


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
    st.sampled_from(["%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y", "%-d-%-m-%Y"]),
)
def test_dates_round_trip(day, fmt):
    parsed, bad = parse_date(pd.Series([day.strftime(fmt)]))
    assert not bad.iloc[0]
    assert parsed.iloc[0].date() == day


@given(st.text(max_size=12))
def test_date_parser_never_crashes_and_flags_what_it_cannot_read(text):
    parsed, bad = parse_date(pd.Series([text]))
    assert bool(bad.iloc[0]) == (text.strip() != "" and pd.isna(parsed.iloc[0]))


@given(st.integers(min_value=0, max_value=10**11), st.booleans(), st.booleans())
def test_decimal_comma_amounts(cents, thousands, euro_sign):
    text = ("€ " if euro_sign else "") + dutch(cents, thousands)
    parsed, bad = parse_amount(pd.Series([text]))
    assert not bad.iloc[0]
    assert round(float(parsed.iloc[0]) * 100) == cents


@given(st.integers(min_value=1000, max_value=999_999_999))
def test_dot_groups_are_thousands(value):
    text = f"{value:,}".replace(",", ".")
    parsed, _ = parse_amount(pd.Series([text]))
    assert parsed.iloc[0] == value


@given(st.text(max_size=10))
@example("€")  # a currency sign alone is bad input, not an empty cell
@example(" Euro ")
def test_amount_parser_never_crashes(text):
    parsed, bad = parse_amount(pd.Series([text]))
    assert bool(bad.iloc[0]) != (pd.notna(parsed.iloc[0]) or text.strip() == "")


def test_implausible_years_are_not_dates():
    _, bad = parse_date(pd.Series(["01-01-3024", "01-01-1850"]))
    assert bad.tolist() == [True, True]


def test_int_rejects_fractions():
    parsed, bad = parse_int(pd.Series(["2021", "12,5", "", "1.200"]))
    assert bad.tolist() == [False, True, False, False]
    assert parsed.iloc[3] == 1200


@given(
    st.sampled_from(["Kerk-Avezaath", "Eck en Wiel", "Ravenswaaij"]),
    st.sampled_from([str.upper, str.lower, str.title]),
)
def test_kern_key_ignores_case_and_hyphens(name, case):
    assert kern_key(case(name).replace("-", " ")) == kern_key(name)
