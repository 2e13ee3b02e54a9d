"""The charts' shared helpers: round ticks covering the values, wrapping that drops nothing."""

import pytest

from dipps.core.chartaxis import ticks, wrap


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (-120_000, 1_800_000, [-500_000, 0, 500_000, 1_000_000, 1_500_000, 2_000_000]),
        (0, 0, [0, 1]),
        (-5, -1, [-5, -4, -3, -2, -1]),
        (0, 0.37, [0, 0.1, 0.2, 0.3, 0.4]),
    ],
)
def test_ticks_are_round_and_cover_the_range(low, high, expected):
    assert ticks(low, high) == expected


def test_ticks_include_zero_when_the_range_spans_it():
    assert 0 in ticks(-3_700, 12_100)


def test_wrap_breaks_at_spaces_and_never_drops_a_word():
    assert wrap("Människan i digitaliseringen", 14) == ["Människan i", "digitaliseringen"]
    text = "ett två tre fyra fem sex sju åtta nio tio"
    lines = wrap(text, 7, lines=3)
    assert len(lines) == 3 and " ".join(lines) == text
    assert wrap("", 10) == [""]
