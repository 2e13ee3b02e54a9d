import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    # Messages are asserted in English (the source language), whatever the catalogue says.
    with translation.override("en"):
        yield
