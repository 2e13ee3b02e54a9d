import pytest

from .factories import make_world


@pytest.fixture(autouse=True)
def _fast_hashing_and_english_free(settings):
    # Argon2 is deliberately slow; tests that check hashing ask for it explicitly.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    return make_world()


@pytest.fixture
def client_as(client, world):
    """`client_as("coach")` logs the test client in as that role's user."""

    def login(role):
        client.logout()
        if role != "anonymous":
            client.force_login(world.users[role])
        return client

    return login
