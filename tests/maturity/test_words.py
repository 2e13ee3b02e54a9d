"""A score's change reads the same on every page: signed, one decimal, a real minus sign;
a framework is named, never shown by its file id (issue 17)."""

from fractions import Fraction

from django.utils import translation

from dipps.maturity.present import framework_name, signed_score_text


def test_a_change_of_score_is_signed_with_a_real_minus():
    with translation.override("sv"):
        assert signed_score_text(Fraction(1413, 100)) == "+14,1"
        assert signed_score_text(Fraction(-1566, 100)) == "\u221215,7"
        assert signed_score_text(Fraction(0)) == "0,0"
        assert signed_score_text(None) == ""


def test_a_framework_is_named_in_the_pages_language():
    with translation.override("sv"):
        assert (
            framework_name("dipps-dma-sme") == "Digital mognad för små och medelstora tillverkare"
        )
        assert framework_name("dipps-dma-sme", 1) == (
            "Digital mognad för små och medelstora tillverkare, version 1"
        )
        assert framework_name("no-such-framework") == "no-such-framework"
