from django.urls import reverse

from . import Case, expect

# The register of the user's programmes: a mixed user with a staff role in another
# programme lists that programme's firms, none of DIPPS' (tests/companies/test_mixed_roles.py).
REGISTER = expect(observer_finance=200, coach_rep=200, outsider=200)
# The register is shared: a programme manager or coach of any programme imports, and the
# rows that touch another programme's firms are refused (test_mixed_roles.py).
IMPORTERS = expect(finance=403, coach_rep=200, outsider=200)
WRITERS = expect(finance=403)
WRITERS_POST = expect(manager=302, coach=302, finance=403)


def _firms_elsewhere(w):
    """A firm of OTHER and one of SIMMITT, DIPPS' predecessor (see `add_mixed_users`)."""
    from dipps.programmes.models import Programme
    from tests.factories import ORGNRS, make_company

    for key, code, number in (("other_firm", "OTHER", 1), ("simmitt_firm", "SIMMITT", 0)):
        programme = Programme.objects.get(code=code)
        firm = make_company(f"{code} Verkstad AB", orgnr=ORGNRS[number], programme=programme)
        w.extra[key] = firm
        w.extra[f"{key}_contact"] = firm.contacts.create(name="Eva Holm")


MANAGERS_POST = expect(manager=302, coach=403, finance=403)


def _override(w):
    """The world firm outside the region, with an override by the world's manager."""
    from dipps.companies.services import eligibility_override_set

    w.company.municipality_code = "2480"  # Umeå, Västerbotten
    w.company.save(update_fields=["municipality_code"])
    w.extra["override"] = eligibility_override_set(
        company=w.company, programme=w.programme, motivation="Filial i regionen", by=None
    )


CASES = [
    Case("companies:list", lambda w: reverse("companies:list"), REGISTER),
    Case("companies:export", lambda w: reverse("companies:export", args=["csv"]), REGISTER),
    Case(
        "companies:export",
        lambda w: reverse("companies:export", args=["xlsx"]),
        REGISTER,
        label="xlsx",
    ),
    Case(
        "companies:export",
        lambda w: reverse("companies:export", args=["pdf"]),
        expect(
            manager=404,
            coach=404,
            finance=404,
            observer_finance=404,
            coach_rep=404,
            outsider=404,
        ),
        label="unknown format",
    ),
    Case(
        "companies:detail",
        lambda w: reverse("companies:detail", args=[w.company.pk]),
        expect(company=200),
        label="own company",
    ),
    # Another firm's page is 404 for a representative: it does not reveal that it exists.
    # coach_rep coaches in OTHER, which other_company does not take part in.
    Case(
        "companies:detail",
        lambda w: reverse("companies:detail", args=[w.other_company.pk]),
        expect(company=404),
    ),
    # A firm of OTHER: its finance officer (observer_finance) and coach (coach_rep) open it
    # by the role held there; the world's DIPPS users do not.
    Case(
        "companies:detail",
        lambda w: reverse("companies:detail", args=[w.extra["other_firm"].pk]),
        expect(
            manager=404, coach=404, finance=404, company=404, observer_finance=200, coach_rep=200
        ),
        setup=_firms_elsewhere,
        label="firm of another programme",
    ),
    # A firm of SIMMITT: DIPPS carries on its predecessor's firms, so DIPPS staff see it;
    # the outsider manages SIMMITT; DIPPS' observer, representative, and a role in OTHER do not.
    Case(
        "companies:detail",
        lambda w: reverse("companies:detail", args=[w.extra["simmitt_firm"].pk]),
        expect(company=404, outsider=200),
        setup=_firms_elsewhere,
        label="firm of the predecessor",
    ),
    Case("companies:import", lambda w: reverse("companies:import"), IMPORTERS),
    Case(
        "companies:import_confirm",
        lambda w: reverse("companies:import_confirm"),
        # Nothing stashed: back to the upload page.
        expect(manager=302, coach=302, finance=403, coach_rep=302, outsider=302),
        method="post",
    ),
]


def _contact(w):
    w.extra["contact"] = w.company.contacts.create(name="Anna Berg", email="anna@example.se")
    w.extra["other_contact"] = w.other_company.contacts.create(name="Per Lind")


CASES += [
    Case(
        "companies:contact_add",
        lambda w: reverse("companies:contact_add", args=[w.company.pk]),
        WRITERS,
    ),
    # The SME data of a firm: its programme's managers and coaches; a representative and
    # the finance officer may not (403), a firm of another programme is not found.
    Case("companies:sme", lambda w: reverse("companies:sme", args=[w.company.pk]), WRITERS),
    Case(
        "companies:sme",
        lambda w: reverse("companies:sme", args=[w.extra["other_firm"].pk]),
        expect(manager=404, coach=404, finance=403, observer_finance=403, coach_rep=200),
        setup=_firms_elsewhere,
        label="firm of another programme",
    ),
    # coach_rep coaches the firms of OTHER; observer_finance is no writer there.
    Case(
        "companies:contact_add",
        lambda w: reverse("companies:contact_add", args=[w.extra["other_firm"].pk]),
        expect(manager=404, coach=404, finance=403, observer_finance=403, coach_rep=200),
        setup=_firms_elsewhere,
        label="firm of another programme",
    ),
    Case(
        "companies:contact_edit",
        lambda w: reverse("companies:contact_edit", args=[w.company.pk, w.extra["contact"].pk]),
        WRITERS,
        setup=_contact,
    ),
    Case(
        "companies:contact_edit",
        lambda w: reverse(
            "companies:contact_edit",
            args=[w.extra["simmitt_firm"].pk, w.extra["simmitt_firm_contact"].pk],
        ),
        expect(finance=403, outsider=200),
        setup=_firms_elsewhere,
        label="firm of the predecessor",
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
    # Each user removes a contact of their own (`_contact` makes a new one each time): the
    # coach's right is tested, not hidden behind a 404 for the one the manager removed.
    Case(
        "companies:contact_remove",
        lambda w: reverse("companies:contact_remove", args=[w.company.pk, w.extra["contact"].pk]),
        WRITERS_POST,
        method="post",
        setup=_contact,
        fresh=True,
    ),
    Case(
        "companies:contact_remove",
        lambda w: reverse(
            "companies:contact_remove",
            args=[w.extra["other_firm"].pk, w.extra["other_firm_contact"].pk],
        ),
        expect(manager=404, coach=404, finance=403, observer_finance=403, coach_rep=302),
        method="post",
        setup=_firms_elsewhere,
        label="firm of another programme",
    ),
    Case(
        "companies:override",
        lambda w: reverse("companies:override", args=[w.company.pk]),
        MANAGERS_POST,
        method="post",
        data=lambda w: {"programme": w.programme.code, "motivation": "Filial i regionen"},
    ),
    # A manager of OTHER only manages firms of OTHER: the world firm is not theirs.
    Case(
        "companies:override",
        lambda w: reverse("companies:override", args=[w.extra["other_firm"].pk]),
        expect(manager=404, coach=403, finance=403, observer_finance=403, coach_rep=403),
        method="post",
        data=lambda w: {"programme": "OTHER", "motivation": "Filial i regionen"},
        setup=_firms_elsewhere,
        label="firm of another programme",
    ),
    Case(
        "companies:override_remove",
        lambda w: reverse("companies:override_remove", args=[w.company.pk, w.extra["override"].pk]),
        MANAGERS_POST,
        method="post",
        setup=_override,
        fresh=True,
    ),
]
