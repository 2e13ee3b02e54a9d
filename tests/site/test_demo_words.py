"""Words, not codes (issue 17, "Done when"; DESIGN §4): no stored code of the catalogues is
shown on any page of the demo, for any role, in Swedish or in English; and the demo's own
organisation numbers are valid, so that its partner settings save as they are shipped."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from stdnum.se import orgnr

from dipps.companies.models import Company
from dipps.programmes.models import Organisation, Programme
from dipps.site.demo import load_demo

from .demo_pages import stored_codes, visible_text_and_links, walk

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # loads the whole demo

USERS = ("projektledare", "coach", "ekonom", "foretag", "observator")


def _leaks(text: str, codes: dict[str, str], language: str) -> list[str]:
    pattern = re.compile(
        r"(?<![\w/.-])("
        + "|".join(sorted(map(re.escape, codes), key=len, reverse=True))
        + r")(?![\w/-])"
    )
    found = []
    for match in pattern.finditer(text):
        code = match.group(1)
        # A catalogue id that is also an English word ("training") is that word on an
        # English page; a Swedish page has no business showing it.
        if language == "en" and re.fullmatch(r"[a-z]+", code):
            continue
        found.append(
            f"{code} ({codes[code]}): …{text[max(0, match.start() - 40) : match.end() + 20]}…"
        )
    return found


def test_the_check_sees_a_code_in_the_text_but_not_in_a_link_or_a_code_element():
    codes = {"expert_support": "intervention catalogue", "training": "intervention catalogue"}
    html = (
        '<p>2026-11-23 expert_support</p><a href="/x/?type=training">Utbildning</a>'
        "<p>Kolumnen <code>training</code></p>"
    )
    text, links = visible_text_and_links(html)
    assert links == ["/x/?type=training"]
    assert [leak.split(" ")[0] for leak in _leaks(text, codes, "sv")] == ["expert_support"]
    assert _leaks("a training day", codes, "en") == []
    assert len(_leaks("en training-dag", codes, "sv")) == 0  # part of a longer word


def test_the_catalogues_codes_include_interventions_frameworks_and_choice_keys():
    codes = stored_codes()
    assert codes["expert_support"] == "intervention catalogue"
    assert codes["dipps-dma-sme"] == "framework id"
    assert codes["needs_analysis"] == "engagements.Engagement.stage"
    assert "EUR" not in codes  # a unit, read as one


def test_no_page_of_the_demo_shows_a_stored_code():
    load_demo(company_count=30)
    codes = stored_codes()
    leaks: list[str] = []
    pages = 0
    for username in USERS:
        user = get_user_model().objects.get(username=username)
        for language in ("sv", "en"):
            client = Client()
            client.force_login(user)
            client.cookies["django_language"] = language
            for path, text in walk(client):
                pages += 1
                leaks += [
                    f"{username} {language} {path}: {leak}"
                    for leak in _leaks(text, codes, language)
                ]
    assert pages > 150  # the walk reached the pages, not just the start pages
    assert leaks == []


def test_the_demo_organisation_numbers_are_valid_and_partner_settings_save_as_shipped(client):
    load_demo(company_count=10)
    numbers = [*Organisation.objects.values_list("orgnr", flat=True)]
    numbers += [*Company.objects.values_list("orgnr", flat=True)]
    invalid = [n for n in numbers if n and not orgnr.is_valid(n)]
    assert invalid == []
    assert Organisation.objects.get(name="IUC Z-Group").orgnr == "5566946058"

    client.force_login(get_user_model().objects.get(username="ekonom"))
    url = reverse("finance:partners", kwargs={"code": "DIPPS"})
    form = client.get(url).context["formset"]
    data = {f"{form.prefix}-{key}": value for key, value in form.management_form.initial.items()}
    for i, row in enumerate(form.initial):
        data.update({f"{form.prefix}-{i}-{key}": value for key, value in row.items()})
    response = client.post(url, data, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Partnernas bokföringsinställningar har sparats."
    ]
    assert Programme.objects.get(code="DIPPS").partners.count() >= 1


def test_a_programme_grants_reference_is_shown_in_words():
    from django.utils import translation

    from dipps.stateaid.views import reference_shown

    with translation.override("sv"):
        assert reference_shown("activity:93") == "aktivitet 93"
    with translation.override("en"):
        assert reference_shown("activity:93") == "activity 93"
    assert reference_shown("Beslut 2024-117") == "Beslut 2024-117"
