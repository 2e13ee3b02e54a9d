from datetime import date
from decimal import Decimal

from django.urls import reverse

from . import STAFF_ONLY, Case, expect

WRITERS = expect(finance=403)


def _engagement(w):
    from dipps.engagements.models import ActionItem, Engagement

    if "engagement" not in w.extra:
        e = Engagement.objects.create(
            company=w.company, programme=w.programme, started=date(2024, 1, 1)
        )
        e.coaches.add(w.users["coach"])
        w.extra["engagement"] = e
        w.extra["item"] = ActionItem.objects.create(
            engagement=e, goal="Kartlägg flödet", intervention="analysis", created=date(2024, 1, 2)
        )
        other = Engagement.objects.create(
            company=w.other_company, programme=w.programme, started=date(2024, 1, 1)
        )
        w.extra["other_item"] = ActionItem.objects.create(
            engagement=other, goal="Annat", intervention="analysis", created=date(2024, 1, 2)
        )
        w.extra["other_engagement"] = other


def _rates(w):
    from dipps.core.models import ExchangeRate
    from dipps.stateaid.models import AidRate
    from tests.factories import approve_cases

    ExchangeRate.objects.create(
        currency="EUR", valid_from=date(2023, 1, 1), sek_per_unit=Decimal("11.5")
    )
    AidRate.objects.create(programme=w.programme, valid_from=date(2023, 9, 1), hourly_rate_sek=900)
    approve_cases(w.programme)  # support needs an approved de minimis case


def _activity(w):
    """One recorded activity for the representative's firm, and one in a programme
    the staff in the world do not belong to (as if another region ran it)."""
    from dipps.engagements.models import Activity
    from dipps.engagements.services import ActivityInput, activity_record
    from tests.factories import make_programme

    if "activity" in w.extra:
        return
    _rates(w)
    w.extra["activity"] = activity_record(
        data=ActivityInput(
            day=date(2025, 3, 3),
            type="coaching",
            programme=w.programme,
            companies=[w.company],
            coach_hours={w.users["coach"]: Decimal(2)},
        ),
        by=w.users["coach"],
    )
    elsewhere = make_programme("ANNAT", name="Ett annat program")
    w.extra["foreign_activity"] = Activity.objects.create(
        date=date(2025, 3, 3), type="coaching", programme=elsewhere
    )


def _fresh_activity(w):
    """A new activity for the representative's firm in w.extra["activity"]."""
    from dipps.engagements.services import ActivityInput, activity_record

    _activity(w)
    w.extra["activity"] = activity_record(
        data=ActivityInput(
            day=date(2025, 3, 4),
            type="coaching",
            programme=w.programme,
            companies=[w.company],
            coach_hours={w.users["coach"]: Decimal(1)},
        ),
        by=w.users["coach"],
    )


def _activity_form(w):
    return {
        "date": "2025-03-04",
        "programme": w.programme.pk,
        "type": "workshop",
        "companies": [w.company.pk],
        "coach": w.users["coach"].pk,
        "hours": "3",
        "external_cost_sek": "0",
        "participants_women": 1,
        "participants_men": 0,
        "participants_other": 0,
        "participant_hours": "2",
        "spread": "equal",
    }


def _attendance_form(w):
    return {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "0",
        "form-0-name": "Anna Berg",
        "form-0-contributor": f"c{w.company.pk}",
        "form-0-role": "employee",
        "form-0-hours": "2",
        "form-0-confirmed": "paper",
    }


def _sign_in(w):
    from dipps.engagements import signin

    _activity(w)
    w.extra["sign_in_token"] = signin.make_token(w.extra["activity"])


MANAGER_ONLY = expect(coach=403, finance=403)
WRITE_POST = expect(manager=302, coach=302, finance=403)
# A staff page that shows only the user's own programmes where they hold the role
# (their desk, their timesheet): the mixed-role users hold a staff role in OTHER or
# SIMMITT and reach it for that programme, never with anything of the world's
# (tests/engagements/test_programme_access.py shows what they see).
OWN_PROGRAMMES = expect(observer_finance=200, coach_rep=200, outsider=200)


def _finance_coaches_elsewhere(w):
    """The world's finance officer also coaches in OTHER: a writer's role, but elsewhere."""
    from dipps.accounts.models import Role
    from dipps.programmes.models import Programme
    from tests.factories import make_user

    make_user(Role.COACH, Programme.objects.get(code="OTHER"), user=w.users["finance"])


def _finance_elsewhere_engagement(w):
    _engagement(w)
    _finance_coaches_elsewhere(w)


def _finance_elsewhere_activity(w):
    _activity(w)
    _finance_coaches_elsewhere(w)


def _other_activity(w):
    """An activity in OTHER, where the coach-and-representative is a coach."""
    from dipps.engagements.models import Activity
    from dipps.programmes.models import Programme

    w.extra["other_activity"] = Activity.objects.create(
        date=date(2025, 3, 3), type="coaching", programme=Programme.objects.get(code="OTHER")
    )


# A role in another programme must not reach this programme's objects: finance here
# and coach in OTHER passes the first gate (a writer somewhere) and is refused here.
FINANCE_ELSEWHERE = "finance officer here, coach in OTHER"

CASES = [
    Case("engagements:desk", lambda w: reverse("engagements:desk"), OWN_PROGRAMMES),
    Case(
        "engagements:company",
        lambda w: reverse("engagements:company", args=[w.company.pk]),
        expect(company=200),
        setup=_engagement,
        label="own company",
    ),
    # A representative asking for another firm's plan: 404, it does not reveal it exists.
    Case(
        "engagements:company",
        lambda w: reverse("engagements:company", args=[w.other_company.pk]),
        expect(company=404),
        setup=_engagement,
    ),
    Case(
        "engagements:start",
        lambda w: reverse("engagements:start", args=[w.company.pk]),
        expect(manager=302, coach=302, finance=403),
        method="post",
        data=lambda w: {"programme": w.programme.pk},
    ),
    Case(
        "engagements:stage",
        lambda w: reverse("engagements:stage", args=[w.extra["engagement"].pk]),
        expect(manager=302, coach=302, finance=403),
        method="post",
        data=lambda w: {"stage": "needs_analysis"},
        setup=_engagement,
    ),
    Case(
        "engagements:stage",
        lambda w: reverse("engagements:stage", args=[w.extra["engagement"].pk]),
        expect(manager=302, coach=302, finance=404),
        method="post",
        data=lambda w: {"stage": "needs_analysis"},
        setup=_finance_elsewhere_engagement,
        label=FINANCE_ELSEWHERE,
    ),
    # Starting an engagement needs a writer's role for the firm and in the programme.
    Case(
        "engagements:start",
        lambda w: reverse("engagements:start", args=[w.company.pk]),
        expect(manager=302, coach=302, finance=403),
        method="post",
        data=lambda w: {"programme": w.programme.pk},
        setup=_finance_coaches_elsewhere,
        label=FINANCE_ELSEWHERE,
    ),
    Case(
        "engagements:item_new",
        lambda w: reverse("engagements:item_new", args=[w.extra["engagement"].pk]),
        WRITERS,
        setup=_engagement,
    ),
    Case(
        "engagements:item_new",
        lambda w: reverse("engagements:item_new", args=[w.extra["engagement"].pk]),
        expect(finance=404),
        setup=_finance_elsewhere_engagement,
        label=FINANCE_ELSEWHERE,
    ),
    Case(
        "engagements:item_new",
        lambda w: reverse("engagements:item_new", args=[999999]),
        expect(manager=404, coach=404, finance=403),
        label="unknown engagement",
    ),
    Case(
        "engagements:item_edit",
        lambda w: reverse("engagements:item_edit", args=[w.extra["item"].pk]),
        WRITERS,
        setup=_engagement,
    ),
    Case(
        "engagements:item_edit",
        lambda w: reverse("engagements:item_edit", args=[w.extra["item"].pk]),
        expect(finance=404),
        setup=_finance_elsewhere_engagement,
        label=FINANCE_ELSEWHERE,
    ),
    Case(
        "engagements:item_edit",
        lambda w: reverse("engagements:item_edit", args=[w.extra["item"].pk]),
        expect(manager=302, coach=302, finance=403),
        method="post",
        data=lambda w: {
            "goal": "Ny",
            "intervention": "workshop",
            "owner": "coach",
            "status": "planned",
        },
        setup=_engagement,
        label="save",
    ),
    # The empty form: the coach in OTHER and the manager of SIMMITT get it for their own
    # programme (it offers nothing of the world's: see test_programme_access).
    Case(
        "engagements:activity_new",
        lambda w: reverse("engagements:activity_new"),
        expect(finance=403, coach_rep=200, outsider=200),
    ),
    Case(
        "engagements:activity_new",
        lambda w: reverse("engagements:activity_new") + f"?company={w.company.pk}",
        WRITERS,
        label="for a company",
    ),
    Case(
        "engagements:activity_new",
        lambda w: reverse("engagements:activity_new"),
        # Into the world's programme: the coach in OTHER and the manager of SIMMITT get the
        # form back with an error (the programme and the firm are not among its choices);
        # nothing is recorded.
        expect(manager=302, coach=302, finance=403, coach_rep=200, outsider=200),
        method="post",
        data=lambda w: {
            "date": "2025-03-03",
            "programme": w.programme.pk,
            "type": "coaching",
            "companies": [w.company.pk],
            "hours": "1",
            "external_cost_sek": "0",
            "participants_women": 0,
            "participants_men": 1,
            "participants_other": 0,
            "participant_hours": "1",
            "spread": "equal",
        },
        setup=_rates,
        label="record",
    ),
    # Coaches' timesheets are staff business: never a company representative or observer.
    Case("engagements:timesheet", lambda w: reverse("engagements:timesheet"), OWN_PROGRAMMES),
    Case("engagements:months", lambda w: reverse("engagements:months"), OWN_PROGRAMMES),
    Case(
        "engagements:months_export",
        lambda w: reverse("engagements:months_export", args=["csv"]),
        OWN_PROGRAMMES,
    ),
    Case(
        "engagements:months_export",
        lambda w: reverse("engagements:months_export", args=["pdf"]),
        expect(manager=404, coach=404, finance=404),
        label="unknown format",
    ),
    Case(
        "engagements:totals",
        lambda w: reverse("engagements:totals", args=[w.programme.code]),
        expect(observer=200),
    ),
    Case(
        "engagements:totals",
        lambda w: reverse("engagements:totals", args=["NOPE"]),
        expect(manager=404, coach=404, finance=404, observer=404),
        label="unknown programme",
    ),
    Case(
        "engagements:totals_export",
        lambda w: reverse("engagements:totals_export", args=[w.programme.code, "xlsx"]),
        expect(observer=200),
    ),
    Case(
        "engagements:in_kind_export",
        lambda w: reverse("engagements:in_kind_export", args=[w.programme.code, "csv"]),
        STAFF_ONLY,
    ),
    # Editing and deleting an activity: coaches and managers; the firm and observers never.
    Case(
        "engagements:activity_edit",
        lambda w: reverse("engagements:activity_edit", args=[w.extra["activity"].pk]),
        WRITERS,
        setup=_activity,
    ),
    Case(
        "engagements:activity_edit",
        lambda w: reverse("engagements:activity_edit", args=[w.extra["activity"].pk]),
        WRITE_POST,
        method="post",
        data=_activity_form,
        setup=_activity,
        label="save",
    ),
    # An activity of a programme the staff member does not belong to: 404, as if absent.
    Case(
        "engagements:activity_edit",
        lambda w: reverse("engagements:activity_edit", args=[w.extra["foreign_activity"].pk]),
        expect(manager=404, coach=404, finance=403),
        setup=_activity,
        label="another programme",
    ),
    Case(
        "engagements:activity_edit",
        lambda w: reverse("engagements:activity_edit", args=[w.extra["activity"].pk]),
        expect(finance=404),
        setup=_finance_elsewhere_activity,
        label=FINANCE_ELSEWHERE,
    ),
    Case(
        "engagements:activity_edit",
        lambda w: reverse("engagements:activity_edit", args=[w.extra["activity"].pk]),
        expect(manager=302, coach=302, finance=404),
        method="post",
        data=_activity_form,
        setup=_finance_elsewhere_activity,
        label=f"save, {FINANCE_ELSEWHERE}",
    ),
    # An activity in OTHER: its coach (the representative here) may edit it; the world's
    # staff, who hold no role in OTHER, may not.
    Case(
        "engagements:activity_edit",
        lambda w: reverse("engagements:activity_edit", args=[w.extra["other_activity"].pk]),
        expect(manager=404, coach=404, finance=403, coach_rep=200),
        setup=_other_activity,
        label="in OTHER",
    ),
    Case(
        "engagements:activity_edit",
        lambda w: reverse("engagements:activity_edit", args=[999999]),
        expect(manager=404, coach=404, finance=403),
        label="unknown activity",
    ),
    Case(
        "engagements:activity_delete",
        lambda w: reverse("engagements:activity_delete", args=[w.extra["activity"].pk]),
        WRITERS,
        setup=_activity,
    ),
    Case(
        "engagements:activity_delete",
        lambda w: reverse("engagements:activity_delete", args=[w.extra["foreign_activity"].pk]),
        expect(manager=404, coach=404, finance=403),
        setup=_activity,
        label="another programme",
    ),
    Case(
        "engagements:activity_delete",
        lambda w: reverse("engagements:activity_delete", args=[w.extra["activity"].pk]),
        expect(finance=404),
        setup=_finance_elsewhere_activity,
        label=FINANCE_ELSEWHERE,
    ),
    # Each user deletes an activity of their own: the coach's right is tested, not hidden
    # behind a 404 for the activity the manager deleted before.
    Case(
        "engagements:activity_delete",
        lambda w: reverse("engagements:activity_delete", args=[w.extra["activity"].pk]),
        WRITE_POST,
        method="post",
        setup=_fresh_activity,
        fresh=True,
        label="delete",
    ),
    # Hourly rates: the programme manager only.
    Case(
        "engagements:rates",
        lambda w: reverse("engagements:rates", args=[w.programme.code]),
        MANAGER_ONLY,
    ),
    Case(
        "engagements:rates",
        lambda w: reverse("engagements:rates", args=["NOPE"]),
        expect(manager=404, coach=403, finance=403),
        label="unknown programme",
    ),
    Case(
        "engagements:rates",
        lambda w: reverse("engagements:rates", args=[w.programme.code]),
        expect(manager=302, coach=403, finance=403),
        method="post",
        data=lambda w: {"kind": "in_kind", "valid_from": "2024-01-01", "hourly_rate_sek": "450"},
        label="save",
    ),
    # Salaries are personal data: managers and finance officers, never coaches. The finance
    # officer of OTHER and the manager of SIMMITT see their own programme's staff only, and
    # cannot set the world's coach's cost (the form refuses the choice; nothing is saved).
    Case(
        "engagements:employment_costs",
        lambda w: reverse("engagements:employment_costs"),
        expect(coach=403, observer_finance=200, outsider=200),
    ),
    Case(
        "engagements:employment_costs",
        lambda w: reverse("engagements:employment_costs"),
        expect(manager=302, coach=403, finance=302, observer_finance=200, outsider=200),
        method="post",
        data=lambda w: {
            "user": w.users["coach"].pk,
            "year": 2025,
            "annual_gross_cost_sek": "688000",
        },
        label="save",
    ),
    # Attendance lists name people: staff of the activity's programme only; recording them
    # is a writer's task, reading the printable list any staff role's.
    Case(
        "engagements:attendance",
        lambda w: reverse("engagements:attendance", args=[w.extra["activity"].pk]),
        WRITERS,
        setup=_activity,
    ),
    Case(
        "engagements:attendance",
        lambda w: reverse("engagements:attendance", args=[w.extra["activity"].pk]),
        WRITE_POST,
        method="post",
        data=_attendance_form,
        setup=_activity,
        label="save",
    ),
    Case(
        "engagements:attendance",
        lambda w: reverse("engagements:attendance", args=[w.extra["foreign_activity"].pk]),
        expect(manager=404, coach=404, finance=403),
        setup=_activity,
        label="another programme",
    ),
    Case(
        "engagements:attendance_pdf",
        lambda w: reverse("engagements:attendance_pdf", args=[w.extra["activity"].pk]),
        expect(),
        setup=_activity,
    ),
    Case(
        "engagements:attendance_pdf",
        lambda w: reverse("engagements:attendance_pdf", args=[w.extra["foreign_activity"].pk]),
        expect(manager=404, coach=404, finance=404),
        setup=_activity,
        label="another programme",
    ),
    # The sign-in link is the key: no log-in, any holder of a valid link; a bad one is 404.
    Case(
        "engagements:sign_in",
        lambda w: reverse("engagements:sign_in", args=[w.extra["sign_in_token"]]),
        expect(anonymous=200, company=200, observer=200, outsider=200),
        setup=_sign_in,
    ),
    Case(
        "engagements:sign_in",
        lambda w: reverse("engagements:sign_in", args=["not-a-token"]),
        expect(anonymous=404, manager=404, coach=404, finance=404, company=404, observer=404),
        label="tampered",
    ),
]
