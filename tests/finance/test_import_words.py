"""The review page of an SIE import speaks the page's language (issue 17, "Mixed
languages") and says why nothing was staged ("Demo data that does not add up")."""

import html
from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse

from dipps.finance import services
from dipps.finance.messages import sie_warning
from dipps.finance.sie_writer import Row, Ver

from .helpers import partner, salary, sie_file

pytestmark = pytest.mark.django_db


def stage(world, data):
    return services.sie_import_stage(
        programme=world.programme,
        organisation=partner(world.programme),
        data=data,
        filename="iuc.se",
        by=world.users["finance"],
        accept_orgnr=True,
    )


def other_project(number: int) -> Ver:
    """A salary voucher on project P9 and account 7010: not the programme's P1."""
    return Ver(
        "A",
        str(number),
        date(2024, 3, 25),
        "Lön",
        [Row("7010", D("1000"), (("6", "P9"),)), Row("1930", D("-1000"))],
    )


def review_text(client_as, staged, language):
    client = client_as("finance")
    client.cookies["django_language"] = language
    page = client.get(reverse("finance:import_review", args=[staged.pk])).content.decode()
    return html.unescape(page)


def test_an_import_that_matches_nothing_says_what_was_looked_for_and_what_the_file_has(
    world, client_as
):
    staged = stage(world, sie_file([other_project(1), other_project(2)]))
    assert staged.rows_new == 0
    assert staged.warnings[0] == {
        "code": "nothing_matched",
        "params": {
            "dimension": "6",
            "object": "P1",
            "objects": ["6/P9"],
            "accounts": ["7010"],
            "vouchers": 2,
        },
    }
    sv = review_text(client_as, staged, "sv")
    assert (
        "Ingen rad i filen lades upp: partnerns bokföringsinställningar letar efter rader "
        "märkta med objekt P1 i dimension 6, men filens 2 verifikationer har objekt "
        "(dimension/objekt) 6/P9 och kostnadskonton 7010." in sv
    )
    assert "Bekräfta" not in sv  # nothing to confirm
    en = review_text(client_as, staged, "en")
    assert (
        "No row of the file was staged: the partner's ledger settings look for rows marked "
        "with object P1 of dimension 6, but the file's 2 vouchers have objects "
        "(dimension/object) 6/P9 and cost accounts 7010." in en
    )


def test_parser_warnings_are_stored_as_codes_and_shown_in_the_pages_language(world, client_as):
    data = sie_file([salary(1, date(2024, 1, 25))]).replace(b"#SIETYP 4\r\n", b"")
    data = data.replace(b"#SIETYP 4\n", b"")
    staged = stage(world, data)
    assert {"code": "no_type", "params": {}} in staged.warnings
    assert "Filen har ingen #SIETYP; typen har härletts ur innehållet." in review_text(
        client_as, staged, "sv"
    )
    assert "The file has no #SIETYP; its type was inferred from its contents." in review_text(
        client_as, staged, "en"
    )


def test_a_warning_stored_as_text_before_codes_is_shown_as_written():
    assert sie_warning("line 3: '}' outside a voucher ignored") == (
        "line 3: '}' outside a voucher ignored"
    )
