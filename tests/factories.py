"""Small builders for test data. Each returns saved objects with sane defaults."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model

from dipps.accounts.models import Membership, Role
from dipps.companies.models import Company, Participation
from dipps.programmes.models import Financier, Organisation, Programme

_seq = itertools.count(1)

# Valid organisation numbers (Luhn check digit) for tests.
ORGNRS = [
    "5560360793",
    "5565475489",
    "5569999994",
    "5561234567",
    "2021005489",
    "5590000001",
    "5567890125",
    "5564444440",
]


def make_programme(code="DIPPS", **kw) -> Programme:
    existing = Programme.objects.filter(code=code).first()
    if existing is not None and not kw:
        return existing
    owner, _ = Organisation.objects.get_or_create(name="Region Jämtland Härjedalen")
    defaults = dict(
        name="Delivery of Improved Products, Processes and Services",
        start=date(2023, 9, 1),
        end=date(2028, 8, 31),
        owner=owner,
        total_budget=Decimal("22185000.00"),
        diary_number="RUN/123/2023",
        decision_date=date(2023, 6, 14),
        decision_body="regional_development_board",
    )
    defaults.update(kw)
    programme = Programme.objects.create(code=code, **defaults)
    Financier.objects.bulk_create(
        [
            Financier(
                programme=programme,
                name="IUC Z-Group",
                share_percent=10,
                amount=programme.total_budget * Decimal("0.10"),
                kind="private",
                financier_type="private",
            ),
            Financier(
                programme=programme,
                name="Region Jämtland Härjedalen",
                share_percent=50,
                amount=programme.total_budget * Decimal("0.50"),
                kind="public",
                financier_type="state_appropriation",
                is_owner=True,
            ),
            Financier(
                programme=programme,
                name="ERUF",
                share_percent=40,
                amount=programme.total_budget * Decimal("0.40"),
                kind="public",
                financier_type="eu_fund",
            ),
        ]
    )
    return programme


def make_company(name=None, orgnr=None, municipality_code="2380", programme=None, **kw) -> Company:
    n = next(_seq)
    company = Company.objects.create(
        orgnr=orgnr or f"55{n:07d}0"[:10],
        name=name or f"Testbolaget {n} AB",
        municipality_code=municipality_code,
        **kw,
    )
    if programme is not None:
        Participation.objects.create(company=company, programme=programme)
    return company


def make_user(role: str | None, programme: Programme | None = None, company=None, user=None, **kw):
    """A new user with `role` in `programme`; or, given `user`, one more membership for it."""
    n = next(_seq)
    user = user or get_user_model().objects.create_user(
        username=kw.pop("username", f"{role or 'user'}{n}"),
        password=kw.pop("password", None),
        **kw,
    )
    if role:
        Membership.objects.create(
            user=user,
            programme=programme,
            role=role,
            company=company if role == Role.COMPANY else None,
        )
    return user


ROLES = [Role.MANAGER, Role.COACH, Role.FINANCE, Role.COMPANY, Role.OBSERVER]


@dataclass
class World:
    """One programme, two companies and one user per role (the rep bound to `company`)."""

    programme: Programme
    company: Company
    other_company: Company
    users: dict[str, object] = field(default_factory=dict)
    extra: dict[str, object] = field(default_factory=dict)


def make_world() -> World:
    programme = make_programme()
    company = make_company("Jämtlands Trä AB", orgnr="5566778899", programme=programme)
    other = make_company(
        "Sundsvalls Mekaniska AB", orgnr="5561122333", municipality_code="2281", programme=programme
    )
    world = World(programme, company, other)
    for role in ROLES:
        world.users[role] = make_user(role, programme, company=company)
    return world


#: Far above any test's aid, so the de minimis ceiling stays the guard a test meets first.
CASE_AMOUNT_SEK = Decimal("10000000.00")


def make_approved_case(
    programme: Programme,
    company: Company,
    amount_sek: Decimal | str = CASE_AMOUNT_SEK,
    decided: date | None = None,
    reference: str = "DM-TEST-1",
):
    """An approved de minimis case for the firm in the programme, so support may be recorded.

    Made directly (the steps are tested in tests/stateaid/test_cases.py): decided on the
    programme's first day unless `decided` says otherwise. Idempotent per firm and programme.
    """
    from dipps.stateaid.models import CaseDecision, DeMinimisCase

    amount = Decimal(amount_sek)
    case, created = DeMinimisCase.objects.get_or_create(
        programme=programme,
        company=company,
        defaults={
            "status": DeMinimisCase.Status.APPROVED,
            "planned_aid_sek": amount,
            "check_allowed": True,
        },
    )
    if created:
        CaseDecision.objects.create(
            case=case,
            approved=True,
            reference=reference,
            decided=decided or programme.start,
            approved_sek=amount,
        )
    return case


def approve_cases(programme: Programme) -> None:
    """An approved case for every firm taking part in the programme (make_approved_case)."""
    for company in Company.objects.filter(participations__programme=programme):
        make_approved_case(programme, company)
