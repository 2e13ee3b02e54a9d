from django.urls import reverse

from . import Case, expect


def _linked(w):
    from dipps.stateaid.services import undertaking_link

    undertaking_link(company=w.company, other=w.other_company, by=None)


def _finance_coaches_elsewhere(w):
    """The world's finance officer also coaches in OTHER: a writer's role, but elsewhere."""
    from dipps.accounts.models import Role
    from dipps.programmes.models import Programme
    from tests.factories import make_user

    make_user(Role.COACH, Programme.objects.get(code="OTHER"), user=w.users["finance"])


def _linked_finance_elsewhere(w):
    _linked(w)
    _finance_coaches_elsewhere(w)


FINANCE_ELSEWHERE = "finance officer here, coach in OTHER"
# The register of all firms' aid lists the firms the user sees as staff: the mixed-role
# users get it for their staff role in OTHER or SIMMITT, without the world's firms
# (tests/stateaid/test_access.py).
OWN_FIRMS = expect(observer_finance=200, coach_rep=200, outsider=200)

CASES = [
    Case(
        "stateaid:company",
        lambda w: reverse("stateaid:company", args=[w.company.pk]),
        expect(company=200),
        label="own company",
    ),
    Case(
        "stateaid:company",
        lambda w: reverse("stateaid:company", args=[w.other_company.pk]),
        expect(company=404),
    ),
    Case(
        "stateaid:headroom",
        lambda w: reverse("stateaid:headroom", args=[w.company.pk]),
        expect(company=200),
        label="own company",
    ),
    Case(
        "stateaid:headroom",
        lambda w: reverse("stateaid:headroom", args=[w.other_company.pk]),
        expect(company=404),
    ),
    Case(
        "stateaid:declare",
        lambda w: reverse("stateaid:declare", args=[w.company.pk]),
        expect(finance=403),
    ),
    # Writing into a firm's ledger needs a writer's role for that firm: one held in OTHER
    # (where the firm takes no part) passes the first gate and is refused here.
    Case(
        "stateaid:declare",
        lambda w: reverse("stateaid:declare", args=[w.company.pk]),
        expect(finance=403),
        setup=_finance_coaches_elsewhere,
        label=FINANCE_ELSEWHERE,
    ),
    Case(
        "stateaid:link",
        lambda w: reverse("stateaid:link", args=[w.company.pk]),
        expect(manager=302, coach=302, finance=403),
        method="post",
        data=lambda w: {"orgnr": w.other_company.orgnr},
        setup=_finance_coaches_elsewhere,
        label=FINANCE_ELSEWHERE,
    ),
    Case(
        "stateaid:unlink",
        lambda w: reverse("stateaid:unlink", args=[w.company.pk]),
        expect(manager=302, coach=302, finance=403),
        method="post",
        setup=_linked_finance_elsewhere,
        label=FINANCE_ELSEWHERE,
    ),
    # A certificate of a programme the user has no role in: refused even for the firm.
    Case(
        "stateaid:certificate",
        lambda w: reverse("stateaid:certificate", args=[w.company.pk, "OTHER"]),
        expect(manager=404, coach=404, finance=404, company=404),
        label="programme OTHER",
    ),
    Case(
        "stateaid:link",
        lambda w: reverse("stateaid:link", args=[w.company.pk]),
        expect(manager=302, coach=302, finance=403),
        method="post",
        data=lambda w: {"orgnr": w.other_company.orgnr},
    ),
    Case(
        "stateaid:certificate",
        lambda w: reverse("stateaid:certificate", args=[w.company.pk, w.programme.code]),
        expect(company=200),
        label="own company",
    ),
    Case(
        "stateaid:certificate",
        lambda w: reverse("stateaid:certificate", args=[w.other_company.pk, w.programme.code]),
        expect(company=404),
    ),
    Case("stateaid:register", lambda w: reverse("stateaid:register"), OWN_FIRMS),
    Case(
        "stateaid:register_export",
        lambda w: reverse("stateaid:register_export", args=["csv"]),
        OWN_FIRMS,
    ),
    Case(
        "stateaid:register_export",
        lambda w: reverse("stateaid:register_export", args=["xlsx"]),
        OWN_FIRMS,
        label="xlsx",
    ),
    Case(
        "stateaid:unlink",
        lambda w: reverse("stateaid:unlink", args=[w.company.pk]),
        expect(manager=302, coach=302, finance=403),
        method="post",
        setup=_linked,
    ),
    Case(
        "stateaid:unlink",
        lambda w: reverse("stateaid:unlink", args=[999999]),
        expect(manager=404, coach=404, finance=403),
        method="post",
        label="unknown company",
    ),
    # The central-register export: the programme's manager and finance officer only.
    Case(
        "stateaid:central_register_export",
        lambda w: reverse("stateaid:central_register_export", args=[w.programme.code, "csv"]),
        expect(coach=403),
    ),
    Case(
        "stateaid:central_register_export",
        lambda w: reverse("stateaid:central_register_export", args=[w.programme.code, "xlsx"]),
        expect(coach=403),
        label="xlsx",
    ),
]
