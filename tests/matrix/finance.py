from datetime import date

from django.urls import reverse

from . import Case, expect

# Finance pages: the programme manager and the finance officer only.
FINANCE = expect(coach=403)
FINANCE_POST = expect(manager=302, finance=302, coach=403)
NOT_FOUND = expect(manager=404, finance=404, coach=403)
# OTHER's objects: observer_finance is OTHER's finance officer, so they open them (and
# nothing of DIPPS); everyone else, DIPPS's staff included, is refused.
OTHERS = expect(manager=404, finance=404, coach=403, observer_finance=200)


def _on(name, key, expected, **kwargs):
    """A case for the page of the object `_setup` keeps in w.extra[key]."""
    return Case(
        name, lambda w: reverse(name, args=[w.extra[key].pk]), expected, setup=_setup, **kwargs
    )


def _setup(w):
    """A partner, a staged import, a manual cost, a reporting period with a draft claim."""
    if "import" in w.extra:
        return
    from dipps.finance import services
    from tests.factories import make_programme
    from tests.finance.helpers import partner, salary, sie_file

    org = partner(w.programme)
    w.extra["import"] = services.sie_import_stage(
        programme=w.programme,
        organisation=org,
        data=sie_file([salary(1, date(2024, 1, 25))]),
        filename="iuc.se",
    )
    w.extra["entry"] = services.cost_entry_create(
        programme=w.programme, organisation=org, category="travel", when=date(2024, 2, 1), amount=1
    )
    services.reporting_periods_set(
        programme=w.programme,
        periods=[(date(2024, 1, 1), date(2024, 6, 30)), (date(2024, 7, 1), date(2024, 12, 31))],
    )
    w.extra["period"] = w.programme.reporting_periods.get(number=2)
    w.extra["claim"] = services.claim_open(period=w.programme.reporting_periods.get(number=1))
    # Another programme's objects: 404 for DIPPS's staff.
    other = make_programme(code="OTHER")
    other_org = partner(other, orgnr="5560360793", name="Annan partner AB")
    w.extra["other_import"] = services.sie_import_stage(
        programme=other,
        organisation=other_org,
        data=sie_file([salary(1, date(2024, 1, 25))], orgnr="556036-0793"),
        filename="other.se",
    )
    services.reporting_periods_set(programme=other, periods=[(date(2024, 1, 1), date(2024, 6, 30))])
    w.extra["other_claim"] = services.claim_open(period=other.reporting_periods.get(number=1))


def _fresh_entry(w):
    """A new manual cost in w.extra["entry"], on the world of `_setup`."""
    from dipps.finance import services

    _setup(w)
    w.extra["entry"] = services.cost_entry_create(
        programme=w.programme,
        organisation=w.extra["import"].organisation,
        category="travel",
        when=date(2024, 2, 1),
        amount=1,
    )


def _code(w):
    return w.programme.code


def _versions(w):
    """A draft budget version 1 of DIPPS (balanced) and a draft of OTHER's budget."""
    if "version" in w.extra:
        return
    from dipps.finance import services
    from dipps.finance.models import BudgetVersion
    from dipps.programmes.models import Programme

    _setup(w)
    fin = {f.name: f for f in w.programme.financiers.all()}
    w.extra["version"] = services.budget_set(
        programme=w.programme,
        lines=[services.BudgetInput(2024, w.programme.owner, "staff", 100000)],
        financing=[
            services.FinancingInput(fin["IUC Z-Group"], 2024, 11500),
            services.FinancingInput(fin["Region Jämtland Härjedalen"], 2024, 57500),
            services.FinancingInput(fin["ERUF"], 2024, 46000),
        ],
    )
    w.extra["other_version"] = BudgetVersion.objects.create(
        programme=Programme.objects.get(code="OTHER"), number=1
    )


def _version_url(name, key="version"):
    return lambda w: reverse(name, args=[w.extra[key].programme.code, w.extra[key].number])


APPROVAL = {
    "decision": "approve",
    "reference": "20201234",
    "decision_date": "2023-08-20",
    "in_force_from": "2023-09-01",
}


CASES = [
    # The index lists the programmes where the user holds a finance role: OTHER for
    # observer_finance, the closed SIMMITT for the outsider (its manager).
    Case(
        "finance:index",
        lambda w: reverse("finance:index"),
        expect(coach=403, observer_finance=200, outsider=200),
    ),
    Case(
        "finance:overview",
        lambda w: reverse("finance:overview", args=[_code(w)]),
        FINANCE,
        setup=_setup,
    ),
    Case(
        "finance:overview",
        lambda w: reverse("finance:overview", args=["NOPE"]),
        NOT_FOUND,
        label="unknown programme",
    ),
    Case("finance:budget", lambda w: reverse("finance:budget", args=[_code(w)]), FINANCE),
    Case(
        "finance:budget_export",
        lambda w: reverse("finance:budget_export", args=[_code(w), "xlsx"]),
        FINANCE,
    ),
    Case(
        "finance:budget_export",
        lambda w: reverse("finance:budget_export", args=[_code(w), "pdf"]),
        NOT_FOUND,
        label="unknown format",
    ),
    Case(
        "finance:budget_edit",
        lambda w: reverse("finance:budget_edit", args=[_code(w)]),
        FINANCE,
        setup=_setup,
    ),
    Case(
        "finance:budget_edit",
        lambda w: reverse("finance:budget_edit", args=[_code(w)]),
        expect(manager=200, finance=200, coach=403),  # refused plan: re-rendered, not saved
        method="post",
        data=lambda w: {
            "rate_percent": "15",
            "lines-TOTAL_FORMS": "1",
            "lines-INITIAL_FORMS": "0",
            "lines-0-year": "2024",
            "lines-0-organisation": str(w.programme.owner_id),
            "lines-0-category": "staff",
            "lines-0-amount": "100",
            "financing-TOTAL_FORMS": "0",
            "financing-INITIAL_FORMS": "0",
        },
        label="post unbalanced",
    ),
    Case(
        "finance:budget_edit",
        lambda w: reverse("finance:budget_edit", args=["NOPE"]),
        NOT_FOUND,
        label="unknown programme",
    ),
    Case(
        "finance:partners",
        lambda w: reverse("finance:partners", args=[_code(w)]),
        FINANCE,
        setup=_setup,
    ),
    Case(
        "finance:partners",
        lambda w: reverse("finance:partners", args=["OTHER"]),
        OTHERS,
        setup=_setup,
        label="other programme",
    ),
    Case(
        "finance:periods",
        lambda w: reverse("finance:periods", args=[_code(w)]),
        FINANCE,
        setup=_setup,
    ),
    Case(
        "finance:periods",
        lambda w: reverse("finance:periods", args=[_code(w)]),
        expect(manager=302, finance=302, coach=403),
        method="post",
        data=lambda w: {
            "periods-TOTAL_FORMS": "1",
            "periods-INITIAL_FORMS": "0",
            "periods-0-start": "2024-01-01",
            "periods-0-end": "2024-06-30",
        },
        label="post",
    ),
    Case(
        "finance:salaries",
        lambda w: reverse("finance:salaries", args=[_code(w)]),
        FINANCE,
        setup=_setup,
    ),
    Case(
        "finance:salaries",
        lambda w: reverse("finance:salaries", args=[_code(w)]),
        expect(manager=302, finance=302, coach=403),
        method="post",
        data=lambda w: {
            "salaries-TOTAL_FORMS": "1",
            "salaries-INITIAL_FORMS": "0",
            "salaries-0-user": str(w.users["coach"].pk),
            "salaries-0-first_month": "2024-03",
            "salaries-0-monthly_salary_sek": "42000",
            "salaries-0-document": "Anställningsavtal",
        },
        label="post",
    ),
    Case(
        "finance:salaries",
        lambda w: reverse("finance:salaries", args=["OTHER"]),
        OTHERS,
        setup=_setup,
        label="other programme",
    ),
    Case(
        "finance:ledger",
        lambda w: reverse("finance:ledger", args=[_code(w)]),
        FINANCE,
        setup=_setup,
    ),
    Case(
        "finance:ledger_export",
        lambda w: reverse("finance:ledger_export", args=[_code(w), "csv"]),
        FINANCE,
        setup=_setup,
    ),
    Case(
        "finance:entry_add",
        lambda w: reverse("finance:entry_add", args=[_code(w)]),
        FINANCE_POST,
        method="post",
        data=lambda w: {"category": "travel", "date": "2024-03-01", "amount": "10"},
    ),
    Case(
        "finance:staff_costs",
        lambda w: reverse("finance:staff_costs", args=[_code(w)]),
        FINANCE_POST,
        method="post",
        data=lambda w: {"organisation": w.programme.owner_id},
    ),
    # Each user deletes an entry of their own: the finance officer's right is tested, not
    # hidden behind a 404 for the entry the manager removed before.
    Case(
        "finance:entry_delete",
        lambda w: reverse("finance:entry_delete", args=[w.extra["entry"].pk]),
        FINANCE_POST,
        method="post",
        setup=_fresh_entry,
        fresh=True,
    ),
    Case(
        "finance:entry_delete",
        # An imported row: the service refuses and nothing is deleted, so every user in
        # turn meets the same entry (the mixed-role users too).
        lambda w: reverse("finance:entry_delete", args=[w.extra["import"].entries.first().pk]),
        FINANCE_POST,
        method="post",
        setup=_setup,
        label="imported row",
    ),
    Case("finance:import", lambda w: reverse("finance:import", args=[_code(w)]), FINANCE),
    _on("finance:import_review", "import", FINANCE),
    _on("finance:import_review", "other_import", OTHERS, label="other programme"),
    _on("finance:import_exclude", "import", FINANCE_POST, method="post"),
    _on(
        "finance:import_exclude",
        "other_import",
        expect(manager=404, finance=404, coach=403, observer_finance=302),
        method="post",
        label="other programme",
    ),
    _on("finance:import_confirm", "import", FINANCE_POST, method="post"),
    _on("finance:import_discard", "import", FINANCE_POST, method="post"),
    _on("finance:claim_open", "period", FINANCE_POST, method="post"),
    _on("finance:claim", "claim", FINANCE),
    _on("finance:claim", "other_claim", OTHERS, label="other programme"),
    _on("finance:claim_submit", "claim", FINANCE_POST, method="post"),
    _on("finance:claim_pdf", "claim", FINANCE),
    Case(
        "finance:claim_export",
        lambda w: reverse("finance:claim_export", args=[w.extra["claim"].pk, "xlsx"]),
        FINANCE,
        setup=_setup,
    ),
    Case(
        "finance:claim_verification",
        lambda w: reverse("finance:claim_verification", args=[w.extra["claim"].pk, "csv"]),
        FINANCE,
        setup=_setup,
    ),
    Case(
        "finance:claim_verification",
        lambda w: reverse("finance:claim_verification", args=[w.extra["other_claim"].pk, "xlsx"]),
        OTHERS,
        setup=_setup,
        label="other programme",
    ),
    Case(
        "finance:budget",
        lambda w: reverse("finance:budget", args=[_code(w)]) + "?version=1",
        FINANCE,
        setup=_versions,
        label="a version",
    ),
    Case(
        "finance:budget",
        lambda w: reverse("finance:budget", args=[_code(w)]) + "?version=9",
        NOT_FOUND,
        setup=_versions,
        label="unknown version",
    ),
    # Submitting a draft: the first who may submits it, the next is told it already is (302).
    Case(
        "finance:budget_version_submit",
        _version_url("finance:budget_version_submit"),
        FINANCE_POST,
        method="post",
        setup=_versions,
    ),
    Case(
        "finance:budget_version_submit",
        _version_url("finance:budget_version_submit", "other_version"),
        expect(manager=404, finance=404, coach=403, observer_finance=302),
        method="post",
        setup=_versions,
        label="other programme",
    ),
    # The decision is the programme manager's alone.
    Case(
        "finance:budget_version_decide",
        _version_url("finance:budget_version_decide"),
        expect(finance=403, coach=403),
        setup=_versions,
    ),
    Case(
        "finance:budget_version_decide",
        _version_url("finance:budget_version_decide"),
        expect(manager=302, finance=403, coach=403),
        method="post",
        data=lambda w: APPROVAL,
        setup=_versions,
        label="approve",
    ),
    Case(
        "finance:budget_version_decide",
        _version_url("finance:budget_version_decide", "other_version"),
        expect(manager=404, finance=403, coach=403, observer_finance=403),
        setup=_versions,
        label="other programme",
    ),
    Case(
        "finance:budget_version_decide",
        lambda w: reverse("finance:budget_version_decide", args=[_code(w), 9]),
        expect(manager=404, finance=403, coach=403),
        setup=_versions,
        label="unknown version",
    ),
]
