"""The accessibility statement (tillgänglighetsredogörelse): public, in DIGG's structure, in
Swedish and English, and linked from the footer of every page."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

DIGG_HEADINGS_SV = [
    "Tillgänglighetsredogörelse för DIPPS",
    "Hur tillgänglig är tjänsten?",
    "Vad kan du göra om du inte kan använda delar av tjänsten?",
    "Rapportera brister i tjänstens tillgänglighet",
    "Tillsyn",
    "Teknisk information om tjänstens tillgänglighet",
    "Innehåll som inte är tillgängligt",
    "Hur vi testat tjänsten",
]


def test_anyone_reads_the_statement_in_swedish_in_digg_s_order_without_logging_in(client):
    response = client.get(reverse("site:accessibility"))
    assert response.status_code == 200
    html = response.content.decode()
    headings = re.findall(r"<h[12]>(.*?)</h[12]>", html[html.index('<main id="main"') :])
    assert headings == DIGG_HEADINGS_SV
    assert "https://www.digg.se/tdosanmalan" in html
    assert "axe-core" in html and "WCAG 2.1" in html
    assert "Senaste bedömningen gjordes den 29 november 2026." in html
    assert "Kontakta DIPPS projektledare" in html


def test_the_statement_is_in_english_when_english_is_chosen(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("site:accessibility")).content.decode()
    assert '<html lang="en">' in html
    assert "Accessibility statement for DIPPS" in html
    assert "Enforcement" in html
    assert "The latest assessment was made on 29 November 2026." in html
    assert "Tillsyn" not in html


def test_the_statement_names_the_contact_address_when_one_is_set(client, settings):
    settings.DIPPS_ACCESSIBILITY_CONTACT = "tillganglighet@example.se"
    html = client.get(reverse("site:accessibility")).content.decode()
    assert '<a href="mailto:tillganglighet@example.se">' in html
    assert "Kontakta DIPPS projektledare" not in html


@pytest.mark.parametrize("name", ["accounts:login", "site:accessibility"])
def test_the_footer_of_a_public_page_links_to_the_statement(client, name):
    html = client.get(reverse(name)).content.decode()
    footer = html[html.index('<footer class="foot">') :]
    assert f'<a href="{reverse("site:accessibility")}">Tillgänglighetsredogörelse</a>' in footer


def test_the_footer_of_a_staff_page_links_to_the_statement(client, world):
    client.force_login(world.users["coach"])
    html = client.get(reverse("companies:list")).content.decode()
    footer = html[html.index('<footer class="foot">') :]
    assert 'href="/accessibility/"' in footer


def test_the_bare_error_pages_link_to_the_statement_too():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert 'href="/accessibility/"' in html
