import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.utils import translation

from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def real_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]


def test_passwords_are_hashed_with_argon2(real_hashing, world):
    user = make_user("coach", world.programme, password="a-long-secret-123")
    assert user.password.startswith("argon2$")


def test_a_user_logs_in_and_lands_on_the_role_page(client, world):
    make_user("coach", world.programme, username="kalle", password="a-long-secret-123")
    response = client.post(
        "/login/",
        {"username": "kalle", "password": "a-long-secret-123"},
        follow=True,
    )
    assert response.redirect_chain == [("/", 302)]
    assert b"Coachens skrivbord" in response.content


@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_failures_lock_the_account_out_even_with_the_right_password(client, world):
    make_user("coach", world.programme, username="kalle", password="a-long-secret-123")
    for _ in range(3):
        client.post("/login/", {"username": "kalle", "password": "wrong"})
    response = client.post("/login/", {"username": "kalle", "password": "a-long-secret-123"})
    assert response.status_code == 429
    assert b"/login/" not in response.headers.get("Location", "").encode()
    assert "_auth_user_id" not in client.session


def test_logout_ends_the_session(client_as):
    client = client_as("coach")
    assert client.post("/logout/").status_code == 302
    assert client.get("/").status_code == 302


def test_a_password_change_takes_effect(client, world):
    user = make_user("coach", world.programme, username="kalle", password="old-secret-123")
    client.force_login(user)
    response = client.post(
        "/password/",
        {
            "old_password": "old-secret-123",
            "new_password1": "a-new-long-secret-456",
            "new_password2": "a-new-long-secret-456",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-new-long-secret-456")


@pytest.mark.parametrize(
    ("role", "heading"),
    [
        ("manager", "Programme management"),
        ("coach", "Coach's desk"),
        ("finance", "Finance"),
        ("company", "Our company in DIPPS"),
        ("observer", "Programme overview"),
    ],
)
def test_each_role_lands_on_its_own_page(client_as, role, heading):
    with translation.override("en"):
        client = client_as(role)
        client.cookies["django_language"] = "en"
        response = client.get("/")
    assert f"<h1>{heading}</h1>".encode() in response.content.replace(b"&#x27;", b"'")


def test_the_observer_sees_counts_but_no_company_or_person(client_as, world):
    world.company.contacts.create(name="Anna Berg", email="anna@example.se")
    response = client_as("observer").get("/")
    body = response.content.decode()
    assert world.company.name not in body
    assert world.other_company.name not in body
    assert "Anna Berg" not in body and "anna@example.se" not in body


def test_the_representative_sees_only_their_own_company(client_as, world):
    body = client_as("company").get("/").content.decode()
    assert world.company.name in body
    assert world.other_company.name not in body


def test_a_user_without_a_role_is_told_to_ask_for_one(client, db):
    user = get_user_model().objects.create_user("nobody")
    client.force_login(user)
    with translation.override("en"):
        client.cookies["django_language"] = "en"
        response = client.get("/")
    assert b"no role" in response.content


def test_swedish_is_the_default_whatever_the_browser_prefers(client_as):
    client = client_as("coach")
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "sv"
    assert b"Coachens skrivbord" in response.content


def test_the_language_switch_sticks(client_as):
    client = client_as("coach")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/")
    assert response.headers["Content-Language"] == "en"
    assert b"Coach's desk" in response.content.replace(b"&#x27;", b"'")
