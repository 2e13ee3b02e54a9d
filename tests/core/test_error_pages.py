"""DIPPS's own 403, 404, 500 and CSRF pages, in Swedish and in English, naming nothing secret."""

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.utils import translation
from django.views.defaults import server_error

pytestmark = [pytest.mark.urls("tests.core.error_urls"), pytest.mark.usefixtures("no_debug")]

SECRETS = (b"secret-", b"SECRET_KEY", b"Traceback", b"/srv/", b"finance_costentry", b"OTHER")


@pytest.fixture
def no_debug(settings):
    settings.DEBUG = False


def client_in(language: str, **kwargs) -> Client:
    client = Client(raise_request_exception=False, **kwargs)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def text(response) -> str:
    return response.content.decode()


def assert_nothing_secret(response):
    for secret in SECRETS:
        assert secret not in response.content, secret


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading", "lang_attribute"),
    [
        ("sv", "Den här sidan finns inte", 'lang="sv"'),
        ("en", "This page does not exist", 'lang="en"'),
    ],
)
def test_a_missing_page_gets_the_sites_404_in_the_chosen_language(
    language, heading, lang_attribute
):
    response = client_in(language).get("/no-such-page/")
    assert response.status_code == 404
    body = text(response)
    assert f"<h1>{heading}</h1>" in body
    assert f"<title>{heading} · DIPPS</title>" in body
    assert lang_attribute in body
    assert '<a class="brand" href="/">DIPPS</a>' in body  # the site's header, from base.html
    assert "Page not found (404)" not in body  # Django's debug page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("sv", "Du har inte behörighet till den här sidan"),
        ("en", "You do not have access to this page"),
    ],
)
def test_a_refused_page_gets_the_sites_403_without_the_reason(client_as, language, heading):
    client = client_as("observer")
    client.raise_request_exception = False
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/test-errors/403/")
    assert response.status_code == 403
    assert f"<h1>{heading}</h1>" in text(response)
    assert_nothing_secret(response)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading", "advice"),
    [
        ("sv", "Något gick fel", "Försök igen om en stund."),
        ("en", "Something went wrong", "Try again in a moment."),
    ],
)
def test_a_crash_gets_the_sites_500_without_any_detail(language, heading, advice):
    response = client_in(language).get("/test-errors/500/")
    assert response.status_code == 500
    body = text(response)
    assert f"<h1>{heading}</h1>" in body
    assert advice in body
    assert f'<html lang="{language}">' in body
    assert '<link rel="stylesheet" href="/static/dipps/dipps.css">' in body
    assert_nothing_secret(response)


def test_the_500_page_is_served_when_the_database_itself_fails():
    """No django_db mark: any query while rendering the page would raise here."""
    response = client_in("sv").get("/test-errors/500-db/")
    assert response.status_code == 500
    assert "<h1>Något gick fel</h1>" in text(response)
    assert_nothing_secret(response)


def test_the_500_template_renders_without_a_request_context_or_a_database():
    with translation.override("en"):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    body = response.content.decode()
    assert "<h1>Something went wrong</h1>" in body
    assert "Log out" not in body  # nothing that needs a user or a context processor


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading"),
    [("sv", "Formuläret har gått ut"), ("en", "The form has expired")],
)
def test_a_form_without_its_csrf_token_gets_the_sites_page(language, heading):
    response = client_in(language, enforce_csrf_checks=True).post("/logout/")
    assert response.status_code == 403
    body = text(response)
    assert f"<h1>{heading}</h1>" in body
    assert "CSRF verification failed" not in body  # Django's own page
    assert "<style" not in body  # Django's own page carries inline styles a strict CSP blocks
