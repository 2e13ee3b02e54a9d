"""The seam through which apps above indicators add computed figures (indicators.providers)."""

import pytest

from dipps.indicators import providers
from dipps.indicators.measures import MEASURE, MEASURES, Indicator


def test_impact_is_registered_once_with_its_measures():
    keys = [p.key for p in providers.registered()]
    assert keys.count("effect") == 1
    effect = next(p for p in providers.registered() if p.key == "effect")
    before = len(MEASURES)
    providers.register(effect)  # ready() twice: nothing added twice
    assert len(MEASURES) == before
    assert all(MEASURE[m.code] is m for m in effect.measures)


def test_a_measure_outside_its_key_or_defined_twice_is_refused():
    def compute(*args):
        return {}

    with pytest.raises(ValueError, match="must sit under"):
        providers.register(
            providers.Provider("other", compute, [Indicator("x_test", "X", ("effect", "x"))])
        )
    with pytest.raises(ValueError, match="defined twice"):
        providers.register(
            providers.Provider("other", compute, [Indicator("RCO01", "X", ("other", "x"))])
        )
    assert "other" not in [p.key for p in providers.registered()]


def test_notes_skip_providers_without_figures():
    assert providers.notes({}) == []
