"""Pure data functions of the dashboard, on tiny frames with known answers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from layouts.overlays.base import assign_classes, class_breaks, nice_number
from pipelines.catalogue import load_catalogue
from pipelines.dashboard_data import (
    ALL,
    Filters,
    aandacht,
    available_indicators,
    explode_kernen,
    filter_options,
    gebieden_per_kern,
    indicator_values,
    kernagenda_per_kern,
    leefbaarheid_per_kern,
    opgaven_per_kern,
    slugify,
)
from pipelines.settings import PROJECT_ROOT
from tests.test_overlays_data import tiny_data


@pytest.mark.parametrize(
    ("value", "up", "expected"),
    [(1234, False, 1200), (1234, True, 1300), (7345, True, 7400), (0.87, False, 0.87)],
)
def test_nice_number_rounds_to_two_significant_digits(value, up, expected) -> None:
    assert nice_number(value, up) == pytest.approx(expected)


def test_class_breaks_few_distinct_values_are_their_own_classes() -> None:
    assert class_breaks(pd.Series([1, 2, 2, np.nan])) == [1.0, 2.0]


def test_class_breaks_are_rounded_and_cover_the_maximum() -> None:
    values = pd.Series(range(100, 1100, 10), dtype=float)
    breaks = class_breaks(values, k=5)
    assert len(breaks) == 5
    assert breaks[-1] >= values.max()
    assert all(b == nice_number(b) for b in breaks[:-1])


def test_assign_classes_upper_bound_inclusive_and_nan_is_minus_one() -> None:
    classes = assign_classes(pd.Series([1.0, 2.0, 2.5, np.nan]), [2.0, 3.0])
    assert classes == [0, 0, 1, -1]


def test_indicator_values_fall_back_to_wijk_and_never_split() -> None:
    values = indicator_values(tiny_data(), "aantal_inwoners")
    assert values.level == "wijk"
    assert values.frame.set_index("code")["value"].to_dict() == {"W1": 3000, "W2": 1000}
    assert values.gemeente_value == 4000


def test_indicator_values_use_kern_rows_when_present() -> None:
    values = indicator_values(tiny_data(kern_figures=True), "aantal_inwoners")
    assert values.level == "kern"
    assert values.frame.set_index("code").loc["a", "value"] == 100


def test_available_indicators_only_with_a_value_in_catalogue_order() -> None:
    catalogue = load_catalogue(PROJECT_ROOT / "geodata" / "indicators.toml")
    data = tiny_data()
    extra = pd.DataFrame(
        [
            ("wijk", "W1", "Wijk Een", "woningvoorraad", 1200.0),
            ("wijk", "W1", "Wijk Een", "bevolkingsdichtheid", np.nan),
        ],
        columns=data.indicators.columns,
    )
    data.indicators = pd.concat([extra, data.indicators], ignore_index=True)
    keys = [i.key for i in catalogue]
    assert {"aantal_inwoners", "woningvoorraad", "bevolkingsdichtheid"} <= set(keys)
    found = available_indicators(data, catalogue)
    assert found == [k for k in keys if k in {"aantal_inwoners", "woningvoorraad"}]


def test_explode_kernen_counts_shared_records_for_each_kern() -> None:
    rows = explode_kernen(tiny_data().record("actiepunten"))
    assert sorted(rows["kern"]) == ["a", "a", "a", "a", "b", "b"]


def test_kernagenda_per_kern_percentage_excludes_vervallen() -> None:
    frame = kernagenda_per_kern(tiny_data(), Filters()).set_index("kern_slug")
    # a: gerealiseerd 2, vervallen 1, nieuw 1 (shared) -> 2 / 3
    assert frame.loc["a", "n_totaal"] == 4
    assert frame.loc["a", "pct_gerealiseerd"] == 67
    assert frame.loc["b", "pct_gerealiseerd"] == 0
    assert np.isnan(frame.loc["c", "pct_gerealiseerd"])


def test_kernagenda_breakdown_by_eigenaar_and_thema_most_first() -> None:
    frame = kernagenda_per_kern(tiny_data(), Filters()).set_index("kern_slug")
    # a: inwoners, gemeente, samen, and the shared "Dijk" without eigenaar;
    # ties in the order of the values, so the hover text is stable
    eigenaar = frame.loc["a", "per_eigenaar"]
    assert list(eigenaar.items()) == [
        ("gemeente", 1),
        ("inwoners", 1),
        ("samen", 1),
        ("zonder eigenaar", 1),
    ]
    assert list(frame.loc["a", "per_thema"].items())[0] == ("wonen", 2)
    assert frame.loc["b", "per_eigenaar"] == {"samen": 1, "zonder eigenaar": 1}
    assert frame.loc["c", "per_eigenaar"] == {}


def test_kernagenda_filters_by_thema_and_eigenaar() -> None:
    frame = kernagenda_per_kern(tiny_data(), Filters(thema="wonen")).set_index(
        "kern_slug"
    )
    assert frame.loc["a", "n_totaal"] == 2
    frame = kernagenda_per_kern(tiny_data(), Filters(eigenaar="samen"))
    assert frame.set_index("kern_slug").loc["b", "n_in_voorbereiding"] == 1


def test_leefbaarheid_sums_per_kern_and_filters_year() -> None:
    frame = leefbaarheid_per_kern(tiny_data(), Filters()).set_index("kern_slug")
    assert frame.loc["a", "euro_toegekend"] == 6000
    assert frame.loc["c", "euro_toegekend"] == 0
    frame = leefbaarheid_per_kern(tiny_data(), Filters(jaar="2023")).set_index(
        "kern_slug"
    )
    assert frame.loc["a", "n_toegekend"] == 1


def test_opgaven_and_gebieden_per_kern() -> None:
    opgaven = opgaven_per_kern(tiny_data()).set_index("kern_slug")
    assert opgaven.loc["a", "n_totaal"] == 2 and opgaven.loc["a", "n_open"] == 1
    assert opgaven.loc["c", "n_open"] == 1
    gebieden = gebieden_per_kern(tiny_data()).set_index("kern_slug")
    assert gebieden.loc["c", "gebied"] == "Zuid"
    assert gebieden.loc["a", "gebied_slug"] == "noord"


def test_aandacht_names_every_reason() -> None:
    acties = tiny_data().record("actiepunten")
    result = aandacht(acties, pd.Timestamp("2025-01-01")).set_index("id")
    assert "6 maanden niet bijgewerkt" in result.loc["4", "reden"]
    assert "langer dan een jaar in voorbereiding" in result.loc["4", "reden"]
    assert "verstreken kwartaal" in result.loc["4", "reden"]
    assert "geen eigenaar" in result.loc["5", "reden"]
    assert "1" not in result.index  # gerealiseerd never needs attention


def test_filter_options_and_slugify() -> None:
    options = filter_options(tiny_data())
    assert options["jaar"] == ["2021", "2022", "2023"]
    assert "wonen" in options["thema"]
    assert filter_options(tiny_data(records=False))["thema"] == []
    assert slugify("Lienden, Ommeren en Ingen") == "lienden-ommeren-en-ingen"
    assert ALL == "alle"


def test_filter_options_are_kept_per_store_until_its_records_change() -> None:
    data = tiny_data()
    first = filter_options(data)
    first["jaar"].append("1900")  # a caller's change does not leak into the cache
    assert filter_options(data)["jaar"] == ["2021", "2022", "2023"]
    acties = data.records["actiepunten"].assign(jaar_vastgesteld=2030)
    data.records = {**data.records, "actiepunten": acties}
    assert "2030" in filter_options(data)["jaar"]
