"""Horizontal criteria (pure core): hand-computed examples, edges included."""

from decimal import Decimal as D

from dipps.indicators.core import (
    TaggedItem,
    environment_summary,
    leadership_counts,
    share_summary,
)


def test_each_firm_counts_once_and_anything_unrecorded_is_unknown():
    assert leadership_counts(["woman", "man", "man", "other", "unknown", ""]) == {
        "women": 1,
        "men": 2,
        "other": 1,
        "unknown": 2,
    }
    assert leadership_counts([]) == {"women": 0, "men": 0, "other": 0, "unknown": 0}


def test_no_known_share_gives_no_mean_and_no_median():
    assert share_summary([], 4) == {"firms": 4, "known": 0, "mean": None, "median": None}


def test_an_odd_count_takes_the_middle_value():
    # (10 + 40 + 25) / 3 = 25; sorted 10, 25, 40 → 25.
    assert share_summary([D("10"), D("40"), D("25")], 5) == {
        "firms": 5,
        "known": 3,
        "mean": "25.00",
        "median": "25.00",
    }


def test_an_even_count_takes_the_mean_of_the_two_middle_values_rounded_half_up():
    # Mean (0 + 33.33 + 33.34 + 100) / 4 = 41.6675 → 41.67; median (33.33 + 33.34) / 2 = 33.335
    # → 33.34 (half up).
    out = share_summary([D("100"), D("33.33"), D("0"), D("33.34")], 4)
    assert out == {"firms": 4, "known": 4, "mean": "41.67", "median": "33.34"}


def test_items_count_under_each_of_their_tags_and_untagged_ones_as_not_assessed():
    out = environment_summary(
        [
            TaggedItem(("energy",), D("12000"), None),
            TaggedItem(("energy", "emissions"), D("3000.5"), D("1.25")),
            TaggedItem(
                ("material",),
                None,
                D("0.4"),
            ),
            TaggedItem(("none",), None, None),
            TaggedItem((), D("100"), None),
        ]
    )
    assert out == {
        "items": 5,
        "energy": {"items": 2, "kwh": "15000.50", "tonnes": "1.250"},
        "material": {"items": 1, "kwh": "0.00", "tonnes": "0.400"},
        "emissions": {"items": 1, "kwh": "3000.50", "tonnes": "1.250"},
        "none": {"items": 1, "kwh": "0.00", "tonnes": "0.000"},
        "not_assessed": {"items": 1, "kwh": "100.00", "tonnes": "0.000"},
    }


def test_no_items_gives_zeros():
    out = environment_summary([])
    assert out["items"] == 0
    assert out["energy"] == {"items": 0, "kwh": "0.00", "tonnes": "0.000"}
