from django.urls import reverse

from . import Case, expect

CASES = [
    Case(
        "site:home",
        lambda w: reverse("site:home"),
        expect(company=200, observer=200, outsider=200),
    ),
    # The accessibility statement: public, a person who cannot log in must be able to read it.
    Case(
        "site:accessibility",
        lambda w: reverse("site:accessibility"),
        expect(anonymous=200, company=200, observer=200, outsider=200),
    ),
]
