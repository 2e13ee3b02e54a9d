import pytest

from dipps.maturity import benchmark

from .factories import make_world


@pytest.fixture(autouse=True)
def _fast_hashing_and_english_free(settings, tmp_path_factory):
    # Argon2 is deliberately slow; tests that check hashing ask for it explicitly.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Uploaded files (evaluation reports) go to a scratch folder, never the project's var/.
    settings.MEDIA_ROOT = str(tmp_path_factory.getbasetemp() / "media")
    # The peer benchmark caches per process; each test's database starts afresh.
    benchmark.reset()


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
