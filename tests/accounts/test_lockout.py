"""Log-in lock-out by username and address, behind no proxy and behind a trusted one."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from tests.factories import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-secret-123"
PROXY = "10.0.0.2"


@pytest.fixture
def kalle(world):
    return make_user("coach", world.programme, username="kalle", password=PASSWORD)


def attempt(client, password, **meta):
    return client.post("/login/", {"username": "kalle", "password": password}, **meta)


def logged_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/"


def fail_until_locked(client, **meta):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "wrong", **meta)
    assert attempt(client, PASSWORD, **meta).status_code == 429


@override_settings(DIPPS_TRUSTED_PROXY_COUNT=0)
def test_without_a_trusted_proxy_a_forged_forwarded_for_is_ignored(client, kalle):
    attempt(client, "wrong", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.99")
    attempt(client, "wrong", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.42")
    assert list(AccessAttempt.objects.values_list("ip_address", "failures_since_start")) == [
        ("203.0.113.7", 2)
    ]


@override_settings(DIPPS_TRUSTED_PROXY_COUNT=0)
def test_without_a_trusted_proxy_forging_the_header_does_not_escape_a_lock_out(client, kalle):
    fail_until_locked(client, REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.1")
    response = attempt(client, PASSWORD, REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert response.status_code == 429


@override_settings(DIPPS_TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_address_is_the_one_the_proxy_appended(client, kalle):
    attempt(client, "wrong", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.20")
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["198.51.100.20"]


@override_settings(DIPPS_TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_two_clients_are_counted_apart(client, kalle):
    fail_until_locked(client, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.20")
    # The same user from another address behind the same proxy is not locked out.
    response = attempt(client, PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.30")
    assert logged_in(response)
    counts = dict(AccessAttempt.objects.values_list("ip_address", "failures_since_start"))
    assert counts == {"198.51.100.20": settings.AXES_FAILURE_LIMIT + 1}


def test_an_attacker_elsewhere_cannot_lock_a_user_out_of_their_own_address(client, kalle):
    fail_until_locked(client, REMOTE_ADDR="192.0.2.66")
    response = attempt(client, PASSWORD, REMOTE_ADDR="203.0.113.7")
    assert logged_in(response)


def test_a_lock_out_lasts_the_cool_off_and_then_ends(client, kalle):
    fail_until_locked(client, REMOTE_ADDR="203.0.113.7")
    cool_off = timedelta(hours=settings.AXES_COOLOFF_TIME)
    assert cool_off == timedelta(minutes=15)

    AccessAttempt.objects.update(attempt_time=timezone.now() - cool_off + timedelta(minutes=1))
    assert attempt(client, PASSWORD, REMOTE_ADDR="203.0.113.7").status_code == 429

    AccessAttempt.objects.update(attempt_time=timezone.now() - cool_off - timedelta(minutes=1))
    assert logged_in(attempt(client, PASSWORD, REMOTE_ADDR="203.0.113.7"))
