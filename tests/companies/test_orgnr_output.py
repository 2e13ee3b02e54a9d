"""Organisation numbers reach output through `orgnr.shown` (and its filter) only.

These read the source: a template that prints `company.orgnr` raw, or a module
that formats a number with `orgnr.display`/`orgnr.mask` directly, fails here.
"""

import re
from pathlib import Path

import pytest

import dipps
from dipps.companies.templatetags.orgnr import orgnr_shown
from tests.factories import make_company

SRC = Path(dipps.__file__).parent
TAG = re.compile(r"\{\{(.*?)\}\}|\{%(.*?)%\}", re.S)
# A variable path ending in `orgnr` (c.orgnr, imp.orgnr, orgnr), not a keyword `orgnr=`.
NUMBER = re.compile(r"(?<![\w|.])((?:\w+\.)*orgnr)\b(?![\w=])")
ALIAS = re.compile(r"(\w+)=[\w.]+\|orgnr_shown\b")


def raw_numbers_in(template: str) -> list[str]:
    """The expressions of a template that print an organisation number without the filter."""
    aliases = set(ALIAS.findall(template))
    found = []
    for match in TAG.finditer(template):
        expression = match.group(1) or match.group(2)
        if match.group(2) is not None and expression.split()[:1] == ["load"]:
            continue
        for number in NUMBER.finditer(expression):
            rest = expression[number.end() :]
            if rest.startswith("|orgnr_shown") or number.group(1) in aliases:
                continue
            found.append(number.group(1))
    return found


def test_the_template_check_finds_a_raw_number_and_accepts_the_filter():
    assert raw_numbers_in("<td>{{ c.orgnr }}</td>{{ company.orgnr|default:'-' }}") == [
        "c.orgnr",
        "company.orgnr",
    ]
    assert raw_numbers_in("{% load orgnr %}{{ c|orgnr_shown }}{{ imp.orgnr|orgnr_shown }}") == []
    assert (
        raw_numbers_in(
            "{% blocktranslate with orgnr=m.orgnr|orgnr_shown %}{{ orgnr }}{% endblocktranslate %}"
        )
        == []
    )
    assert raw_numbers_in("{% blocktranslate with orgnr=m.orgnr %}{{ orgnr }}") == [
        "m.orgnr",
        "orgnr",
    ]


def test_no_template_prints_an_organisation_number_without_the_filter():
    offenders = {
        str(path.relative_to(SRC)): raw_numbers_in(path.read_text())
        for path in SRC.glob("*/templates/**/*.html")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_no_module_formats_an_organisation_number_but_through_shown():
    direct = re.compile(
        r"\borgnr\.(display|mask|display_for_list)\(|from dipps\.companies\.orgnr import[^\n]*"
        r"\b(display|mask)\b"
    )
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if path != SRC / "companies" / "orgnr.py" and direct.search(path.read_text())
    ]
    assert offenders == []


@pytest.mark.django_db
def test_the_filter_masks_a_sole_trader_and_a_bare_personal_number():
    firm = make_company("Anna Snickare", orgnr="8001011231", is_sole_trader=True)
    legal = make_company("Norrlands Trä AB", orgnr="5560360793")
    assert orgnr_shown(firm) == "19800101-****"
    assert orgnr_shown(legal) == "556036-0793"
    assert orgnr_shown("198001011231") == "19800101-****"
    assert orgnr_shown("5560360793") == "556036-0793"
    assert orgnr_shown("") == ""
    assert orgnr_shown(None) == ""
