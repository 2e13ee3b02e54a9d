from datetime import date

from django.urls import reverse

from . import Case, expect, job_results


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


# --- de minimis cases ---------------------------------------------------------------------


def _case(w, status="draft"):
    """A case for the representative's firm (and one for the other firm), in `status`."""
    from decimal import Decimal

    from django.core.files.base import ContentFile

    from dipps.stateaid.models import DeMinimisCase

    for key, company in (("case", w.company), ("other_case", w.other_company)):
        case, _ = DeMinimisCase.objects.get_or_create(programme=w.programme, company=company)
        case.status = status
        case.planned_aid_sek = Decimal("50000.00")
        case.check_allowed = True if status in ("checked", "approved") else None
        if not case.declaration_file:
            case.declaration_file.save("matrix.pdf", ContentFile(b"%PDF-1.4 matrix"), save=False)
            case.declaration_filename = "intyg.pdf"
        case.save()
        w.extra[key] = case


def _checked_case(w):
    _case(w, "checked")


def _declared_case(w):
    from dipps.core.models import ExchangeRate

    ExchangeRate.objects.get_or_create(
        currency="EUR", valid_from=date(2023, 1, 1), defaults={"sek_per_unit": 11}
    )
    _case(w, "declared")


def _no_case(w):
    from dipps.stateaid.models import DeMinimisCase

    DeMinimisCase.objects.filter(company=w.company).delete()


def _case_url(name, key="case"):
    return lambda w: reverse(name, args=[w.extra[key].pk])


# The firm's own case: its programme's staff and its representative read it.
CASE_READ = expect(company=200)
CASE_WRITE = expect(manager=302, coach=302, finance=403)

CASES += [
    Case("stateaid:case", _case_url("stateaid:case"), CASE_READ, setup=_case, label="own"),
    Case(
        "stateaid:case",
        _case_url("stateaid:case", "other_case"),
        expect(company=404),
        setup=_case,
    ),
    Case(
        "stateaid:case_declaration",
        _case_url("stateaid:case_declaration"),
        CASE_READ,
        setup=_case,
        label="own",
    ),
    Case(
        "stateaid:case_declaration",
        _case_url("stateaid:case_declaration", "other_case"),
        expect(company=404),
        setup=_case,
    ),
    Case(
        "stateaid:case_file",
        _case_url("stateaid:case_file"),
        CASE_READ,
        setup=_case,
    ),
    # Only the firm's representative signs (the programme's staff upload a paper one).
    Case(
        "stateaid:case_sign",
        _case_url("stateaid:case_sign"),
        expect(manager=403, coach=403, finance=403, company=302),
        method="post",
        data=lambda w: {"confirm": "yes"},
        setup=_case,
        fresh=True,
    ),
    Case(
        "stateaid:case_sign",
        _case_url("stateaid:case_sign", "other_case"),
        expect(manager=403, coach=403, finance=403, company=404),
        method="post",
        data=lambda w: {"confirm": "yes"},
        setup=_case,
        label="other firm",
    ),
    Case(
        "stateaid:case_upload",
        _case_url("stateaid:case_upload"),
        CASE_WRITE,
        method="post",
        setup=_case,
    ),
    Case("stateaid:case_plan", _case_url("stateaid:case_plan"), expect(finance=403), setup=_case),
    Case(
        "stateaid:case_check",
        _case_url("stateaid:case_check"),
        CASE_WRITE,
        method="post",
        setup=_declared_case,
        fresh=True,
    ),
    # The aid giver's decision: the programme manager only.
    Case(
        "stateaid:case_decide",
        _case_url("stateaid:case_decide"),
        expect(coach=403, finance=403),
        setup=_checked_case,
    ),
    Case(
        "stateaid:case_new",
        lambda w: reverse("stateaid:case_new", args=[w.company.pk]),
        expect(finance=403),
    ),
    Case(
        "stateaid:case_new",
        lambda w: reverse("stateaid:case_new", args=[w.company.pk]),
        expect(manager=302, coach=302, finance=403),
        method="post",
        data=lambda w: {"programme": w.programme.pk},
        label="open",
        fresh=True,
        setup=_no_case,
    ),
]

# All firms' certificates as one ZIP file: started by the programme's staff, downloaded by
# whoever started it (tests/matrix/job_results.py).
CASES += [
    Case(
        "stateaid:certificates_start",
        lambda w: reverse("stateaid:certificates_start", args=[w.programme.code]),
        job_results.STAFF_POST,
        method="post",
    ),
    Case(
        "stateaid:certificates_download",
        job_results.download("stateaid:certificates_download", "stateaid.certificates_zip"),
        job_results.OWNER_ONLY,
        setup=job_results.finished_job("stateaid.certificates_zip"),
    ),
]
