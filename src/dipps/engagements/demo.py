"""Demo working method: engagements in every stage, plans, a year of activities and time.

Deterministic (random.Random(seed), dates counted back from today) and
idempotent: engagements are get-or-create, demo activities carry the natural
key `demo-<n>`, timesheet weeks that have entries are left alone.
"""

from __future__ import annotations

import contextlib
import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from dipps.accounts.demo import DEMO_PASSWORD
from dipps.accounts.models import Membership, Role
from dipps.companies.demo_trades import trade_of
from dipps.programmes.models import Programme
from dipps.stateaid import demo as stateaid_demo

from . import rules, services
from .models import ActionItem, Activity, EmploymentCost, Engagement, InKindRate, TimesheetEntry

STAGES = [
    "first_contact",
    "needs_analysis",
    "plan_agreed",
    "implementation",
    "follow_up",
    "closed",
    "paused",
    "declined",
]
SINGLE_TYPES = ["analysis", "coaching", "coaching", "expert_support", "workshop", "training"]
GOALS = [
    ("Digital orderhantering från offert till faktura", "expert_support", ["data", "strategy"]),
    ("Produktionsuppföljning i realtid vid flaskhalsen", "analysis", ["data", "automation"]),
    ("Kompetensplan för digitala verktyg", "training", ["human", "readiness"]),
    ("Förstudie robotcell för svetsning", "expert_support", ["automation"]),
    ("Energikartläggning av tryckluft och värme", "analysis", ["green"]),
    ("Digital strategi förankrad i ledningsgruppen", "workshop", ["strategy"]),
    ("Studiebesök hos ett företag med digital tvilling", "study_visit", ["readiness"]),
]

# The environmental tag of each goal (docs/working-method.md) and its expected tonnes a
# year; the study visit is left unassessed.
ENVIRONMENT = {
    "Energikartläggning av tryckluft och värme": (["energy", "emissions"], None),
    "Förstudie robotcell för svetsning": (["material"], Decimal("1.8")),
    "Produktionsuppföljning i realtid vid flaskhalsen": (["material"], Decimal("0.6")),
    "Digital orderhantering från offert till faktura": (["none"], None),
    "Kompetensplan för digitala verktyg": (["none"], None),
    "Digital strategi förankrad i ledningsgruppen": (["none"], None),
}

# Goals that fit the firm's trade (`companies.demo_trades`) in place of the workshop's ones
# of `GOALS` at the same place: a bakery studies automatic packing, not a welding robot.
# Each keeps the intervention and dimensions of the goal it replaces, so the plan's draws
# (and with them the rest of the demo) stay as they were.
TRADE_GOALS: dict[str, dict[int, str]] = {
    "sawmill": {
        3: "Förstudie automatisk virkessortering och paketering",
        4: "Energikartläggning av virkestorkarna och pannan",
    },
    "wood": {
        3: "Förstudie robotcell för kapning och montering",
        4: "Energikartläggning av spånsug och värme",
    },
    "food": {
        3: "Förstudie automatisk packning och palletering",
        4: "Energikartläggning av kyla, processvärme och värmeåtervinning",
    },
    "plastics": {
        3: "Förstudie robot för plockning vid formsprutorna",
        4: "Energikartläggning av formsprutor och kyla",
    },
    "electronics": {
        3: "Förstudie automatiserad montering och provning",
        4: "Energikartläggning av ventilation och värme",
    },
    "services": {
        1: "Uppföljning av uppdrag och beläggning i realtid",
        3: "Förstudie automatiserad offert- och ritningsframtagning",
        4: "Energikartläggning av ventilation och värme",
    },
    "logistics": {
        3: "Förstudie automatiserad orderplock i lagret",
        4: "Energikartläggning av lager, truckladdning och värme",
    },
}
ENVIRONMENT.update(
    {
        "Förstudie automatisk virkessortering och paketering": (["material"], Decimal("12.0")),
        "Förstudie robotcell för kapning och montering": (["material"], Decimal("2.5")),
        "Förstudie automatisk packning och palletering": (["material"], Decimal("0.8")),
        "Förstudie robot för plockning vid formsprutorna": (["material"], Decimal("1.5")),
        "Förstudie automatiserad montering och provning": (["material"], Decimal("0.1")),
        "Förstudie automatiserad offert- och ritningsframtagning": (["none"], None),
        "Förstudie automatiserad orderplock i lagret": (["none"], None),
        "Uppföljning av uppdrag och beläggning i realtid": (["none"], None),
    }
)
for _goals in TRADE_GOALS.values():
    for _goal in _goals.values():
        ENVIRONMENT.setdefault(_goal, (["energy", "emissions"], None))


def goal_for(trade: str, slot: int) -> tuple[str, str, list[str]]:
    """The goal at `slot` of `GOALS` as it reads for a firm of `trade`."""
    goal, intervention, dims = GOALS[slot]
    return TRADE_GOALS.get(trade, {}).get(slot, goal), intervention, dims


FIRST_NAMES = {
    "woman": ["Anna", "Maria", "Karin", "Sara", "Elin", "Lena", "Ingrid", "Emma", "Sofia", "Malin"],
    "man": ["Erik", "Lars", "Johan", "Anders", "Per", "Mikael", "Nils", "Jonas", "Olof", "Henrik"],
}
LAST_NAMES = [
    "Andersson", "Berg", "Eriksson", "Hansson", "Jonsson", "Lindqvist", "Nilsson", "Olsson",
    "Persson", "Sjöberg", "Strand", "Wikström", "Öberg", "Åström", "Holmgren", "Norberg",
]  # fmt: skip
AGE_BANDS = ["under_30", "30_49", "30_49", "50_plus", ""]


def _coaches():
    User = get_user_model()
    dipps = Programme.objects.get(code="DIPPS")
    second, created = User.objects.get_or_create(
        username="coach2", defaults={"first_name": "Karin", "last_name": "Processledare"}
    )
    if created:
        second.set_password(DEMO_PASSWORD)
        second.save()
    Membership.objects.get_or_create(
        user=second, programme=dipps, defaults={"role": Role.COACH, "company": None}
    )
    return [User.objects.get(username="coach"), second]


def _rates(programme, coaches, years) -> None:
    for valid_from, rate in ((date(2023, 9, 1), 450), (date(2025, 1, 1), 480)):
        InKindRate.objects.get_or_create(
            programme=programme,
            role="",
            valid_from=valid_from,
            defaults={"hourly_rate_sek": rate},
        )
    # Managers' and owners' time is valued higher (a rate of their own role).
    InKindRate.objects.get_or_create(
        programme=programme,
        role="manager",
        valid_from=date(2023, 9, 1),
        defaults={"hourly_rate_sek": 650},
    )
    for n, coach in enumerate(coaches):
        for year in years:
            cost = Decimal(688000 + 24000 * n + 18000 * (year - 2024))
            EmploymentCost.objects.get_or_create(
                user=coach,
                year=year,
                defaults={"annual_gross_cost_sek": cost, "document": "lönespecifikation (demo)"},
            )


def _engagements(programme, companies, coaches, today, rng) -> list[Engagement]:
    out = []
    for i, company in enumerate(companies):
        trade = trade_of(company).key
        target = STAGES[i % len(STAGES)]
        started = today - timedelta(days=330 - (i * 7) % 120)
        coach = coaches[i % 2]
        engagement = services.engagement_start(
            company=company, programme=programme, coaches=[coach], by=coach, on=started
        )
        if i % 5 == 0:
            engagement.coaches.add(coaches[(i + 1) % 2])
        if engagement.stage == "first_contact" and target != "first_contact":
            path = STAGES[1 : STAGES.index(target) + 1] if target in STAGES[:6] else [target]
            day = started
            for stage in path:
                day += timedelta(days=rng.randint(10, 40))
                reason = {"paused": "Företaget byter affärssystem", "declined": "Ingen tid i år"}
                engagement = services.engagement_move(
                    engagement=engagement,
                    stage=stage,
                    reason=reason.get(stage, ""),
                    by=coach,
                    on=min(day, today),
                )
        if not engagement.items.exists() and target not in ("first_contact", "declined"):
            for k in range(rng.randint(2, 4)):
                goal, intervention, dims = goal_for(trade, (i + k) % len(GOALS))
                status = rng.choice(["planned", "in_progress", "in_progress", "done"])
                item = services.action_item_save(
                    engagement=engagement,
                    values={
                        "goal": goal,
                        "intervention": intervention,
                        "dimensions": dims,
                        "owner": rng.choice(["coach", "company"]),
                        "due": today + timedelta(days=rng.randint(-60, 150)),
                        "status": status,
                        "expected_effect": "Kortare ledtid och färre fel",
                        "expected_kwh_year": Decimal(rng.randint(5, 60) * 1000)
                        if "green" in dims
                        else None,
                        "environment": ENVIRONMENT.get(goal, ([], None))[0],
                        "expected_tonnes_year": ENVIRONMENT.get(goal, ([], None))[1],
                        "outcome": "Genomfört enligt plan" if status == "done" else "",
                        "new_or_improved_process": status == "done",
                        "new_or_improved_product": status == "done" and k % 2 == 0,
                    },
                    by=coach,
                )
                ActionItem.objects.filter(pk=item.pk).update(created=started + timedelta(days=20))
        out.append(engagement)
    return out


#: Engagements in these stages get no support in the demo.
UNSUPPORTED = ("first_contact", "declined")


def _activities(programme, engagements, coaches, today, rng) -> None:
    active = [e for e in engagements if e.stage not in UNSUPPORTED]
    n = 0
    for e_index, engagement in enumerate(active):
        coach = coaches[e_index % 2]
        for _ in range(rng.randint(3, 8)):
            n += 1
            day = today - timedelta(days=rng.randint(0, 364))
            hours = Decimal(rng.choice([1, 2, 2.5, 3, 4, 6]))
            cost = Decimal(rng.choice([0, 0, 0, 8000, 15000, 24000]))
            women, men = rng.randint(0, 3), rng.randint(1, 4)
            _record(
                n,
                services.ActivityInput(
                    day=max(day, programme.start),
                    type=rng.choice(SINGLE_TYPES),
                    programme=programme,
                    companies=[engagement.company],
                    coach_hours={coach: hours},
                    external_cost_sek=cost,
                    women=women,
                    men=men,
                    participant_hours=hours * (women + men),
                    note="",
                    items=list(engagement.items.all()[:1]),
                ),
                coach,
            )
    companies = [e.company for e in active]
    for month in range(12):
        n += 1
        group = rng.sample(companies, min(len(companies), rng.randint(3, 6)))
        people = {c.pk: rng.randint(1, 3) for c in group}
        total = sum(people.values())
        women = rng.randint(0, total)
        _record(
            n,
            services.ActivityInput(
                day=today - timedelta(days=30 * month + 3),
                type="network_meeting" if month % 3 else "training",
                programme=programme,
                companies=group,
                coach_hours={coaches[0]: Decimal(3), coaches[1]: Decimal(3)},
                external_cost_sek=Decimal(6000 if month % 3 else 18000),
                women=women,
                men=total - women,
                participant_hours=Decimal(3 * total),
                note="Nätverksträff" if month % 3 else "Kurs",
                spread="participants",
                company_participants=people,
            ),
            coaches[month % 2],
        )


def _record(n: int, data: services.ActivityInput, by) -> None:
    key = f"demo-{n}"
    if Activity.objects.filter(natural_key=key).exists():
        return
    data.natural_key = key
    # The firm near the ceiling refuses some support: that is the point of it.
    with contextlib.suppress(ValidationError):
        services.activity_record(data=data, by=by)


def _people(rng, company_pk: int, women: int, men: int) -> list[tuple[str, str]]:
    """Names of a firm's participants: the same few people come back to the firm's
    activities (seeded by the firm), as they do in real life."""
    staff = random.Random(company_pk)
    out = []
    for gender, count in (("woman", women), ("man", men)):
        for _ in range(count):
            first = staff.choice(FIRST_NAMES[gender])
            out.append((f"{first} {staff.choice(LAST_NAMES)}", gender))
    return out


def _attendance(programme) -> None:
    """Attendance lists for most demo activities: the network meetings and courses, with a
    business developer from the Region among the firms, and two of three single-firm
    activities; the rest stay without a list ("not claimable as in kind"). Paper
    signatures and digital sign-ins are mixed."""
    rng = random.Random(12)
    region = programme.owner
    activities = (
        Activity.objects.filter(programme=programme, natural_key__regex=r"^demo-[0-9]+$")
        .exclude(attendees__isnull=False)
        .prefetch_related("shares__company")
        .order_by("natural_key")
    )
    for activity in activities:
        n = int(activity.natural_key.removeprefix("demo-"))
        shares = list(activity.shares.all())
        group = len(shares) > 1
        if not shares or (not group and n % 3 == 0):
            continue
        rows = []
        for share in shares:
            count = max(
                1,
                share.participants
                if group
                else activity.participants_women + activity.participants_men,
            )
            women = min(count, rng.randint(0, count))
            hours = (share.participant_hours / count).quantize(Decimal("0.5")) or Decimal(1)
            for k, (name, gender) in enumerate(
                _people(rng, share.company_id, women, count - women)
            ):
                if any(r.name == name and r.contributor == share.company for r in rows):
                    continue
                rows.append(
                    services.AttendeeInput(
                        name=name,
                        contributor=share.company,
                        hours=hours,
                        role="manager" if k == 0 and n % 2 else "employee",
                        gender=gender,
                        age_band=rng.choice(AGE_BANDS),
                        confirmed="digital" if n % 2 else "paper",
                    )
                )
        if group:
            rows.append(
                services.AttendeeInput(
                    name="Maria Strand",
                    contributor=region,
                    hours=Decimal(3),
                    role="specialist",
                    gender="woman",
                    age_band="30_49",
                    confirmed="paper",
                )
            )
        try:
            saved = services.attendance_set(activity=activity, rows=rows, by=None)
        except ValidationError:
            continue
        signed = timezone.make_aware(
            datetime.combine(activity.date, time(9, 0)), timezone.get_default_timezone()
        )
        for k, attendee in enumerate(saved):
            if attendee.confirmed == "digital":
                attendee.signed_at = signed + timedelta(minutes=2 * k + rng.randint(0, 9))
                attendee.save(update_fields=["signed_at"])


def _timesheets(programme, coaches, today, rng) -> None:
    monday = rules.week_start(today)
    for coach in coaches:
        for week in range(52):
            start = monday - timedelta(days=7 * week)
            if TimesheetEntry.objects.filter(user=coach, day__range=(start, start + timedelta(6))):
                continue
            activities = list(
                Activity.objects.filter(
                    coach_hours__user=coach, date__range=(start, start + timedelta(6))
                ).prefetch_related("coach_hours")
            )
            rows = []
            admin = [Decimal(rng.choice([1, 2, 2, 3])) for _ in range(5)] + [Decimal(0)] * 2
            rows.append(services.TimesheetRow(programme, "administration", None, admin))
            for activity in activities:
                hours = [Decimal(0)] * 7
                mine = sum(c.hours for c in activity.coach_hours.all() if c.user_id == coach.pk)
                hours[(activity.date - start).days] = min(mine, rules.MAX_HOURS_PER_DAY - 3)
                rows.append(services.TimesheetRow(programme, "activity", activity, hours))
            try:
                services.timesheet_week_save(user=coach, monday=start, rows=rows, by=coach)
            except ValidationError:  # a busy day: keep the activity hours, drop the admin
                services.timesheet_week_save(user=coach, monday=start, rows=rows[1:], by=coach)


def load() -> None:
    programme = Programme.objects.filter(code="DIPPS").first()
    if programme is None:
        return
    stateaid_demo.prepare()
    rng = random.Random(4)
    today = min(timezone.localdate(), programme.end)
    coaches = _coaches()
    _rates(programme, coaches, range(2023, today.year + 1))
    companies = stateaid_demo.demo_companies()[:24]
    engagements = _engagements(programme, companies, coaches, today, rng)
    # De minimis before support: an approved case for every firm that gets support, and the
    # representative's firm (no support yet) with a case waiting for the signature.
    stateaid_demo.cases(
        programme,
        [e.company for e in engagements if e.stage not in UNSUPPORTED],
        next((e.company for e in engagements if e.stage == "first_contact"), None),
    )
    _activities(programme, engagements, coaches, today, rng)
    _timesheets(programme, coaches, today, rng)
    _attendance(programme)
