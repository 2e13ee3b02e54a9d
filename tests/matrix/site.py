from django.urls import reverse

from . import Case, expect

CASES = [
    Case(
        "site:home",
        lambda w: reverse("site:home"),
        expect(company=200, observer=200, outsider=200),
    ),
]
