"""Finance demo data for DIPPS: budget (the approved original and an approved change
request), a year of costs from a generated SIE file, services.

Deterministic (random.Random(2024)) and idempotent: the SIE file is the same bytes every
run, so importing it again adds nothing; claims and periods are keyed on their numbers.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dipps.engagements import services as engagements
from dipps.engagements.models import Activity, Engagement
from dipps.programmes.models import Organisation, Programme
from dipps.stateaid.models import DeMinimisCase

from . import demo_evaluation, services, sie_writer
from .models import BudgetVersion, CostEntry, PartnerLedger, PaymentClaim, ReportingPeriod
from .sie_writer import Row, Ver

IUC_ORGNR = "5566946058"  # valid (Luhn); the shipped partner settings save as they are
REGION_ORGNR = "2321000214"
# Year totals of the 22,185,000 SEK budget (2023 and 2028 are part years).
YEAR_TOTALS = {
    2023: 1_185_000,
    2024: 4_500_000,
    2025: 4_500_000,
    2026: 4_500_000,
    2027: 4_500_000,
    2028: 3_000_000,
}
OWNER_SHARE = Decimal("0.4")  # of each year's costs; the rest is IUC Z-Group's


def _cell(total: int) -> dict[str, Decimal]:
    """A partner-year of costs that sums, with the 15 % flat rate, to exactly `total`."""
    staff = (Decimal(total) * Decimal("0.55") / Decimal("1.15") / 20).quantize(Decimal(1)) * 20
    in_kind = Decimal(total // 10)
    travel = Decimal(total // 20)
    investments = Decimal(total // 20)
    external = Decimal(total) - staff * Decimal("1.15") - in_kind - travel - investments
    return {
        "staff": staff,
        "external_services": external,
        "travel": travel,
        "investments": investments,
        "in_kind": in_kind,
    }


def _budget_lines(programme, region, iuc, moved: Decimal = Decimal(0)):
    """The plan's lines and financing; `moved` SEK of IUC Z-Group's investments go to
    external services in 2025–2027 (the change request), which leaves every total as it is."""
    financiers = list(programme.financiers.all())
    lines, financing = [], []
    for year, total in YEAR_TOTALS.items():
        owner = int(Decimal(total) * OWNER_SHARE)
        in_kind = Decimal(0)
        for org, amount in ((region, owner), (iuc, total - owner)):
            cell = _cell(amount)
            if org == iuc and year in CHANGED_YEARS:
                cell["investments"] -= moved
                cell["external_services"] += moved
            for category, value in cell.items():
                lines.append(services.BudgetInput(year, org, category, value))
            in_kind += _cell(amount)["in_kind"]
        # In-kind costs are financed by the contributions in kind, the rest in cash.
        for f in financiers:
            financing.append(
                services.FinancingInput(f, year, (Decimal(total) - in_kind) * f.share_percent / 100)
            )
    return lines, financing


# The change request (ändringsansökan) of the demo: IUC Z-Group buys fewer demonstration kits
# and more expert hours for the firms' AI pre-studies, from the second half of 2024.
CHANGED_YEARS = (2025, 2026, 2027)
MOVED = Decimal("100000")
CHANGE_REASON = (
    "Företagen efterfrågar fler AI-förstudier än väntat och färre demonstrationer av "
    "IoT-utrustning. 100 000 kr per år 2025–2027 flyttas hos IUC Z-Group från investeringar "
    "till externa tjänster; totalbudget och finansiering är oförändrade."
)


def _budget(programme: Programme, region: Organisation, iuc: Organisation) -> None:
    """Version 1, the approved original; version 2, an approved change request in force from
    1 July 2024, so the first claim (to 30 June 2024) compares with version 1 and the second
    with version 2."""
    versions = BudgetVersion.objects.filter(programme=programme)
    if not versions.exists():
        lines, financing = _budget_lines(programme, region, iuc)
        original = services.budget_set(programme=programme, lines=lines, financing=financing)
        services.budget_version_decide(
            version=original,
            approve=True,
            reference=programme.diary_number or "RUN/2023/0003 (demo)",
            decided=programme.decision_date or date(2023, 6, 15),
            in_force_from=programme.start,
        )
    if not versions.filter(number=2).exists():
        lines, financing = _budget_lines(programme, region, iuc, MOVED)
        change = services.budget_set(
            programme=programme, lines=lines, financing=financing, reason=CHANGE_REASON
        )
        services.budget_version_submit(version=change)
        services.budget_version_decide(
            version=change,
            approve=True,
            reference="Tillväxtverket 20231234, ändringsbeslut 1 (demo)",
            decided=date(2024, 6, 14),
            in_force_from=date(2024, 7, 1),
        )


ACCOUNTS = {
    "1930": "Företagskonto",
    "2710": "Personalskatt",
    "2440": "Leverantörsskulder",
    "5410": "Förbrukningsinventarier",
    "5800": "Resekostnader",
    "6550": "Konsultarvoden",
    "7010": "Löner till tjänstemän",
    "7510": "Arbetsgivaravgifter",
    "7832": "Avskrivningar på inventarier",
}
P1 = (("6", "P1"),)
OTHER = (("6", "P9"),)


def demo_sie(seed: int = 2024) -> bytes:
    """A year (2024) of IUC Z-Group's vouchers, about a third of them on the programme."""
    rng = random.Random(seed)
    vouchers: list[Ver] = []
    n = 0

    def ver(day: date, text: str, rows: list[Row]) -> None:
        nonlocal n
        n += 1
        vouchers.append(Ver("A", str(n), day, text, rows))

    for month in range(1, 13):
        for who, objects in (("DIPPS-coacher", P1), ("Övrig personal", OTHER)):
            gross = Decimal(rng.randrange(95_000, 120_000, 500))
            fees = (gross * Decimal("0.3142")).quantize(Decimal("0.01"))
            tax = (gross * Decimal("0.3")).quantize(Decimal("0.01"))
            ver(
                date(2024, month, 25),
                f"Lön {month:02d} {who}",
                [
                    Row("7010", gross, objects),
                    Row("7510", fees, objects),
                    Row("2710", -tax),
                    Row("1930", -(gross + fees - tax)),
                ],
            )
        for _ in range(rng.randint(1, 3)):
            amount = Decimal(rng.randrange(8_000, 60_000, 250))
            objects = P1 if rng.random() < 0.7 else OTHER
            ver(
                date(2024, month, rng.randint(1, 24)),
                rng.choice(["Konsult digitaliseringsanalys", "Workshop-ledare", "AI-expert"]),
                [Row("6550", amount, objects), Row("2440", -amount)],
            )
        trip = Decimal(rng.randrange(1_200, 9_000, 10))
        ver(
            date(2024, month, rng.randint(1, 28)),
            "Resa Östersund–Sundsvall",
            [Row("5800", trip, P1), Row("1930", -trip)],
        )
        if month in (3, 9):
            kit = Decimal(rng.randrange(12_000, 24_000, 100))
            ver(
                date(2024, month, 12),
                "Demoutrustning IoT-sensorer",
                [Row("5410", kit, P1), Row("2440", -kit)],
            )
        ver(
            date(2024, month, 28),
            "Avskrivning",
            [Row("7832", Decimal("2500.00"), P1), Row("1930", Decimal("-2500.00"))],
        )
    return sie_writer.write(
        company="IUC Z-Group AB",
        orgnr=f"{IUC_ORGNR[:6]}-{IUC_ORGNR[6:]}",
        years=[(date(2024, 1, 1), date(2024, 12, 31))],
        accounts=ACCOUNTS,
        vouchers=vouchers,
        dimensions={"6": "Projekt"},
        objects=[("6", "P1", "DIPPS"), ("6", "P9", "Övrigt")],
    )


def _periods(programme: Programme) -> None:
    if ReportingPeriod.objects.filter(programme=programme).exists():
        return
    periods = [(date(2023, 9, 1), date(2024, 6, 30))]
    start = date(2024, 7, 1)
    while start <= programme.end:
        end = date(start.year, 12, 31) if start.month == 7 else date(start.year, 6, 30)
        periods.append((start, min(end, programme.end)))
        start = date(start.year + (start.month == 7), 1 if start.month == 7 else 7, 1)
    services.reporting_periods_set(programme=programme, periods=periods)


def _region_costs(programme: Programme, region: Organisation) -> None:
    if CostEntry.objects.filter(organisation=region, source=CostEntry.Source.MANUAL).exists():
        return
    for month in range(9, 13):
        services.cost_entry_create(
            programme=programme,
            organisation=region,
            category="staff",
            when=date(2023, month, 25),
            amount=Decimal("58000"),
            text=f"Projektledare {month:02d}/2023",
        )
    for month in range(1, 13):
        services.cost_entry_create(
            programme=programme,
            organisation=region,
            category="staff",
            when=date(2024, month, 25),
            amount=Decimal("61500"),
            text=f"Projektledare {month:02d}/2024",
        )
        services.cost_entry_create(
            programme=programme,
            organisation=region,
            category="in_kind",
            when=date(2024, month, 28),
            amount=Decimal("12000"),
            text=f"Lokaler och mötesrum {month:02d}/2024 (bidrag i annat än pengar)",
        )


REPORT = {
    "general": (
        "DIPPS har under perioden startat upp verksamheten i Jämtland och Västernorrland. "
        "Projektorganisationen är på plats och styrgruppen har sammanträtt två gånger."
    ),
    "working_method": (
        "Processledarna arbetar enligt arbetssättet från SIM JH och SIMMITT: mognadsmätning, "
        "handlingsplan, insatser och uppföljning."
    ),
    "activities": "Företagsbesök, workshops och nätverksträffar enligt tabellen nedan.",
    "results": "De första företagen har genomfört insatser i sina handlingsplaner.",
}


def _claims(programme: Programme) -> None:
    first = ReportingPeriod.objects.get(programme=programme, number=1)
    second = ReportingPeriod.objects.get(programme=programme, number=2)
    claim = services.claim_open(period=first)
    if claim.status == PaymentClaim.Status.DRAFT:
        received = {
            f.pk: (f.amount * Decimal("0.06")).quantize(Decimal(1))
            for f in programme.financiers.all()
        }
        services.claim_update(claim=claim, texts=REPORT, cofinancing=received)
        services.claim_submit(
            claim=claim, when=datetime(2024, 8, 15, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
        )
    draft = services.claim_open(period=second)
    if not draft.general:
        services.claim_update(
            claim=draft,
            texts={"general": "Utkast: verksamheten fortsätter enligt plan."},
            cofinancing={},
        )


def _income(programme: Programme, iuc: Organisation) -> None:
    """Course fees firms paid IUC for a training day: project income in the draft period 2."""
    if CostEntry.objects.filter(programme=programme, category="income").exists():
        return
    services.cost_entry_create(
        programme=programme,
        organisation=iuc,
        category="income",
        when=date(2024, 10, 17),
        amount=Decimal("7500"),
        text="Kursavgifter, utbildningsdag digital tvilling (3 företag à 2 500 kr)",
    )


def _in_kind_activities(programme: Programme) -> None:
    """Activities with attendance lists in the draft claim's period (the second), so the
    claim shows in kind as cost and financing per contributor; one activity is left
    without a list, so the claim also shows what is not claimable."""
    period = ReportingPeriod.objects.get(programme=programme, number=2)
    coach = get_user_model().objects.filter(username="coach").first()
    # Support needs an approved de minimis case: the firm whose case awaits signature is left out.
    approved = set(
        DeMinimisCase.objects.filter(
            programme=programme, status=DeMinimisCase.Status.APPROVED
        ).values_list("company_id", flat=True)
    )
    firms = [
        e.company
        for e in Engagement.objects.filter(programme=programme)
        .select_related("company")
        .order_by("company__name")
        if not e.company.is_sole_trader and e.company_id in approved
    ][:8]
    if coach is None or len(firms) < 3:
        return
    plans = [
        (
            "demo-claim-1",
            period.start + timedelta(days=70),
            firms[0:3],
            "Nätverksträff: AI i produktionen",
        ),
        ("demo-claim-2", period.start + timedelta(days=120), firms[3:5], "Kurs: digital tvilling"),
        (
            "demo-claim-3",
            period.start + timedelta(days=150),
            firms[5:6],
            "Uppföljning (närvarolista saknas)",
        ),
    ]
    names = [
        ("Anna Lindqvist", "woman", "manager"), ("Erik Sjöberg", "man", "employee"),
        ("Maria Öberg", "woman", "specialist"), ("Johan Persson", "man", "employee"),
        ("Lena Åström", "woman", "employee"), ("Nils Holmgren", "man", "specialist"),
    ]  # fmt: skip
    for key, day, group, note in plans:
        if Activity.objects.filter(natural_key=key).exists() or not group:
            continue
        people = {c.pk: 2 for c in group}
        try:
            activity = engagements.activity_record(
                data=engagements.ActivityInput(
                    day=day,
                    type="network_meeting" if len(group) > 1 else "coaching",
                    programme=programme,
                    companies=group,
                    coach_hours={coach: Decimal(3)},
                    women=len(group),
                    men=len(group),
                    participant_hours=Decimal(3 * 2 * len(group)),
                    note=note,
                    spread="participants" if len(group) > 1 else "equal",
                    company_participants=people if len(group) > 1 else {},
                    natural_key=key,
                ),
                by=coach,
            )
        except ValidationError:
            continue
        if key == "demo-claim-3":
            continue
        rows = [
            engagements.AttendeeInput(
                name=names[(2 * i + k) % len(names)][0],
                contributor=firm,
                hours=Decimal(3),
                role=names[(2 * i + k) % len(names)][2],
                gender=names[(2 * i + k) % len(names)][1],
                confirmed="" if key == "demo-claim-1" else "paper",
            )
            for i, firm in enumerate(group)
            for k in range(2)
        ]
        rows.append(
            engagements.AttendeeInput(
                name="Maria Strand",
                contributor=programme.owner,
                hours=Decimal(3),
                role="specialist",
                gender="woman",
                age_band="30_49",
                confirmed="paper",
            )
        )
        engagements.attendance_set(activity=activity, rows=rows, by=coach)
        if key == "demo-claim-1":  # the firms' people signed in on their phones
            nine = datetime.combine(day, time(9, 0), tzinfo=ZoneInfo("Europe/Stockholm"))
            for k, row in enumerate(rows[:-1]):
                engagements.attendance_sign_in(
                    activity=activity,
                    name=row.name,
                    contributor=row.contributor,
                    when=nine + timedelta(minutes=3 * k),
                )


# The coaches' ordinary full-time monthly salaries in their first project month (the
# handbook's unit cost: × 12 / 1,720, raised 2.4 % every twelve months).
SALARIES = {
    "coach": (date(2023, 9, 1), Decimal("43500"), "Anställningsavtal 2023-08-14 (demo)"),
    "coach2": (date(2024, 2, 1), Decimal("45200"), "Lönespecifikation februari 2024 (demo)"),
}


def _salaries(programme: Programme) -> None:
    if programme.staff_salaries.exists():
        return
    users = {u.username: u for u in get_user_model().objects.filter(username__in=SALARIES)}
    services.staff_salaries_set(
        programme=programme,
        rows=[services.SalaryInput(users[name], *SALARIES[name]) for name in users],
    )


def _staff_costs(programme: Programme, region: Organisation) -> None:
    """The coaches' timesheet hours as staff costs of the Region (which employs them here),
    valued at the handbook's unit cost, and a draft claim for the last ended period that
    holds them, so the demo shows the staff rows (person, month, hours × unit cost)."""
    _salaries(programme)
    try:
        with transaction.atomic():
            services.staff_costs_from_timesheets(programme=programme, organisation=region)
    except ValidationError:
        # Hours in a claimed period changed since the last run: the ledger keeps what was
        # claimed, as it would for a real programme.
        pass
    today = timezone.localdate()
    staff = CostEntry.objects.filter(programme=programme, source=CostEntry.Source.TIMESHEET)
    for period in ReportingPeriod.objects.filter(programme=programme, end__lt=today).order_by(
        "-end"
    ):
        if staff.filter(date__range=(period.start, period.end)).exists():
            services.claim_open(period=period)
            break


@transaction.atomic
def load() -> None:
    programme = Programme.objects.filter(code="DIPPS").first()
    if programme is None:
        return
    region = programme.owner
    iuc, _ = Organisation.objects.update_or_create(
        name="IUC Z-Group", defaults={"orgnr": IUC_ORGNR}
    )
    programme.partners.add(iuc)
    for org, obj in ((iuc, "P1"), (region, "DIPPS")):
        PartnerLedger.objects.get_or_create(
            programme=programme, organisation=org, defaults={"dimension": "6", "object": obj}
        )
    _budget(programme, region, iuc)
    _periods(programme)
    _region_costs(programme, region)
    if not PaymentClaim.objects.filter(
        period__programme=programme, status=PaymentClaim.Status.SUBMITTED
    ).exists():
        staged = services.sie_import_stage(
            programme=programme,
            organisation=iuc,
            data=demo_sie(),
            filename="iuc-z-group-2024.se",
            accept_orgnr=True,
        )
        services.sie_import_confirm(sie_import=staged)
    _in_kind_activities(programme)
    _claims(programme)
    _income(programme, iuc)
    _staff_costs(programme, region)
    demo_evaluation.load(programme)
