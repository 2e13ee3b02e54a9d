"""API tokens: stored as a digest, shown once, audited; revoked, expired or an inactive
user's tokens open nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from dipps.api import services
from dipps.api.models import ApiToken
from dipps.api.tokens import TOKEN_PREFIX, digest_of
from dipps.core.models import AuditEntry

URL = "/api/v1/programmes"


def _get(client, raw, url=URL):
    return client.get(url, HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_only_a_digest_is_stored_and_the_creation_is_audited(world):
    token, raw = services.token_create(user=world.users["coach"], name="Power BI")
    assert raw.startswith(TOKEN_PREFIX) and len(raw) > 40
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.digest == digest_of(raw) and raw not in (stored.digest, stored.prefix)
    assert raw.startswith(stored.prefix)
    entry = AuditEntry.objects.get(model="api.apitoken", object_id=str(token.pk))
    assert entry.action == "create" and entry.user == world.users["coach"]
    assert raw not in str(entry.changes)


def test_a_token_opens_the_api_and_notes_its_use(world, client):
    token, raw = services.token_create(user=world.users["coach"], name="Power BI")
    assert _get(client, raw).status_code == 200
    token.refresh_from_db()
    assert token.last_used is not None


def test_a_wrong_or_missing_token_is_401(world, client):
    services.token_create(user=world.users["coach"], name="Power BI")
    assert client.get(URL).status_code == 401
    assert _get(client, TOKEN_PREFIX + "not-a-token").status_code == 401
    assert client.get(URL, HTTP_AUTHORIZATION="Basic Y29hY2g6eA==").status_code == 401


def test_a_revoked_token_stops_working_and_the_revocation_is_audited(world, client):
    token, raw = services.token_create(user=world.users["coach"], name="Power BI")
    services.token_revoke(token=token, by=world.users["coach"])
    assert _get(client, raw).status_code == 401
    actions = AuditEntry.objects.filter(model="api.apitoken").values_list("action", flat=True)
    assert sorted(actions) == ["create", "update"]


def test_an_inactive_users_tokens_stop_working(world, client):
    user = world.users["coach"]
    _token, raw = services.token_create(user=user, name="Power BI")
    user.is_active = False
    user.save()
    assert _get(client, raw).status_code == 401


def test_a_token_works_through_its_last_day_and_not_after(world, client):
    today = timezone.localdate()
    token, raw = services.token_create(user=world.users["coach"], name="Excel", expires=today)
    assert _get(client, raw).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires=today - timedelta(days=1))
    assert _get(client, raw).status_code == 401


def test_a_token_needs_a_name_and_no_past_end(world):
    with pytest.raises(ValidationError):
        services.token_create(user=world.users["coach"], name="  ")
    with pytest.raises(ValidationError):
        services.token_create(
            user=world.users["coach"],
            name="x",
            expires=timezone.localdate() - timedelta(days=1),
        )


def test_the_page_shows_a_new_token_once(world, client):
    client.force_login(world.users["finance"])
    response = client.post(reverse("api:tokens"), {"name": "Power BI", "expires": ""})
    assert response.status_code == 200
    raw = response.context["created"]
    assert raw in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    again = client.get(reverse("api:tokens")).content.decode()
    assert raw not in again and raw[:12] in again


def test_a_user_revokes_their_own_token_only(world, client):
    token, raw = services.token_create(user=world.users["finance"], name="Power BI")
    client.force_login(world.users["coach"])
    assert client.post(reverse("api:token_revoke", args=[token.pk])).status_code == 404
    client.force_login(world.users["finance"])
    assert client.post(reverse("api:token_revoke", args=[token.pk])).status_code == 302
    client.logout()
    assert _get(client, raw).status_code == 401


def test_the_user_menu_links_the_token_page(world, client):
    client.force_login(world.users["observer"])
    assert reverse("api:tokens") in client.get(reverse("site:home")).content.decode()


def test_the_page_says_which_tokens_no_longer_work(world, client):
    user = world.users["finance"]
    old, _raw = services.token_create(user=user, name="Gammal")
    ApiToken.objects.filter(pk=old.pk).update(expires=timezone.localdate() - timedelta(days=1))
    gone, _raw = services.token_create(user=user, name="Borta")
    services.token_revoke(token=gone, by=user)
    client.force_login(user)
    html = client.get(reverse("api:tokens")).content.decode()
    assert "utgången" in html and "återkallad" in html
    assert html.count('action="/api/tokens/') == 0
