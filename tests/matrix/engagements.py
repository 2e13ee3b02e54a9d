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

    ExchangeRate.objects.create(
        currency="EUR", valid_from=date(2023, 1, 1), sek_per_unit=Decimal("11.5")
    )
    AidRate.objects.create(programme=w.programme, valid_from=date(2023, 9, 1), hourly_rate_sek=900)


CASES = [
    Case("engagements:desk", lambda w: reverse("engagements:desk"), STAFF_ONLY),
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
        "engagements:item_new",
        lambda w: reverse("engagements:item_new", args=[w.extra["engagement"].pk]),
        WRITERS,
        setup=_engagement,
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
    Case("engagements:activity_new", lambda w: reverse("engagements:activity_new"), WRITERS),
    Case(
        "engagements:activity_new",
        lambda w: reverse("engagements:activity_new") + f"?company={w.company.pk}",
        WRITERS,
        label="for a company",
    ),
    Case(
        "engagements:activity_new",
        lambda w: reverse("engagements:activity_new"),
        expect(manager=302, coach=302, finance=403),
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
    Case("engagements:timesheet", lambda w: reverse("engagements:timesheet"), STAFF_ONLY),
    Case("engagements:months", lambda w: reverse("engagements:months"), STAFF_ONLY),
    Case(
        "engagements:months_export",
        lambda w: reverse("engagements:months_export", args=["csv"]),
        STAFF_ONLY,
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
]
