from django.urls import reverse

from . import STAFF_ONLY, Case, expect

CASES = [
    Case("companies:list", lambda w: reverse("companies:list"), STAFF_ONLY),
    Case("companies:export", lambda w: reverse("companies:export", args=["csv"]), STAFF_ONLY),
    Case(
        "companies:export",
        lambda w: reverse("companies:export", args=["xlsx"]),
        STAFF_ONLY,
        label="xlsx",
    ),
    Case(
        "companies:export",
        lambda w: reverse("companies:export", args=["pdf"]),
        expect(manager=404, coach=404, finance=404),
        label="unknown format",
    ),
    Case(
        "companies:detail",
        lambda w: reverse("companies:detail", args=[w.company.pk]),
        expect(company=200),
        label="own company",
    ),
    # Another firm's page is 404 for a representative: it does not reveal that it exists.
    Case(
        "companies:detail",
        lambda w: reverse("companies:detail", args=[w.other_company.pk]),
        expect(company=404),
    ),
    Case("companies:import", lambda w: reverse("companies:import"), expect(finance=403)),
    Case(
        "companies:import_confirm",
        lambda w: reverse("companies:import_confirm"),
        # Nothing stashed: back to the upload page.
        expect(manager=302, coach=302, finance=403),
        method="post",
    ),
]


def _contact(w):
    w.extra["contact"] = w.company.contacts.create(name="Anna Berg", email="anna@example.se")
    w.extra["other_contact"] = w.other_company.contacts.create(name="Per Lind")


EDITORS = expect(finance=403)

CASES += [
    Case(
        "companies:contact_add",
        lambda w: reverse("companies:contact_add", args=[w.company.pk]),
        EDITORS,
    ),
    Case(
        "companies:contact_edit",
        lambda w: reverse("companies:contact_edit", args=[w.company.pk, w.extra["contact"].pk]),
        EDITORS,
        setup=_contact,
    ),
    # A contact of another company, asked for through this company's URL: not found.
    Case(
        "companies:contact_edit",
        lambda w: reverse(
            "companies:contact_edit", args=[w.company.pk, w.extra["other_contact"].pk]
        ),
        expect(manager=404, coach=404, finance=403),
        setup=_contact,
        label="wrong company",
    ),
    Case(
        "companies:contact_remove",
        lambda w: reverse("companies:contact_remove", args=[w.company.pk, w.extra["contact"].pk]),
        expect(manager=302, coach=404, finance=403),
        method="post",
        setup=_contact,
    ),
]
