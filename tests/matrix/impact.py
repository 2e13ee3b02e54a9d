"""The firm's energy, material and emissions page: staff read, the firm's representative
reads their own firm; programme manager and coach write."""

from django.urls import reverse

from . import Case, expect


def _year(w):
    return {"year": "2024", "electricity": "120000", "diesel": "800"}


CASES = [
    Case(
        "impact:energy",
        lambda w: reverse("impact:energy", args=[w.company.pk]),
        expect(company=200),
        label="own company",
    ),
    Case(
        "impact:energy",
        lambda w: reverse("impact:energy", args=[w.other_company.pk]),
        expect(company=404),
    ),
    Case(
        "impact:energy_save",
        lambda w: reverse("impact:energy_save", args=[w.company.pk]),
        expect(manager=302, coach=302, finance=403, company=403),
        method="post",
        data=_year,
    ),
    Case(
        "impact:energy_save",
        lambda w: reverse("impact:energy_save", args=[w.company.pk]),
        # Nothing filled in: the form comes back with its errors.
        expect(manager=400, coach=400, finance=403, company=403),
        method="post",
        label="empty form",
    ),
    Case(
        "impact:energy_save",
        lambda w: reverse("impact:energy_save", args=[w.company.pk]),
        # Users who write anywhere pass the role check and meet the method check.
        expect(manager=405, coach=405, finance=403, company=403, coach_rep=405, outsider=405),
        label="get",
    ),
]
