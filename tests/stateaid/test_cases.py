"""The de minimis case before support: declaration → check → decision, then the drawdown.

Rates of tests/engagements/helpers.py: 900 kr an aid hour, 11.4325 SEK per EUR.
"""

from datetime import date, datetime
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from dipps.core.models import AuditEntry
from dipps.engagements.models import Activity
from dipps.stateaid import drawdown
from dipps.stateaid.models import AidEntry, DeMinimisCase
from dipps.stateaid.selectors_case import drawdown_of, drawdown_warnings
from dipps.stateaid.services import aid_declare, undertaking_link
from dipps.stateaid.services_case import (
    case_check,
    case_decide,
    case_open,
    case_plan,
    case_sign,
    case_upload,
)
from tests.engagements.helpers import rates, record
from tests.factories import make_approved_case

pytestmark = pytest.mark.django_db

ON = date(2025, 2, 3)


@pytest.fixture
def w(world):
    rates(world.programme, cases=False)
    return world


def _approved(w, amount="14000.00", decided=date(2025, 2, 10)):
    """The whole path by the services: open, plan 10 h + 5 000 kr, sign, check, approve."""
    manager, coach, rep = w.users["manager"], w.users["coach"], w.users["company"]
    case = case_open(programme=w.programme, company=w.company, by=coach)
    case_plan(case=case, planned_hours=D(10), external_cost_sek=D(5000), by=coach, on=ON)
    case_sign(case=case, by=rep)
    case_check(case=case, by=coach, on=ON)
    return case_decide(
        case=case,
        approved=True,
        reference="RJH 2025/117",
        decided=decided,
        approved_sek=D(amount),
        by=manager,
    )


# --- the drawdown rule (pure) ---------------------------------------------------------------


def test_the_warning_starts_at_exactly_ninety_per_cent_of_the_approved_amount():
    assert not drawdown.Drawdown(D("10000.00"), D("8999.99")).warn
    assert drawdown.Drawdown(D("10000.00"), D("9000.00")).warn
    assert drawdown.Drawdown(D("10000.00"), D("8999.99")).used_percent == D("90.0")


def test_support_is_allowed_up_to_the_approved_amount_and_not_a_cent_more():
    draw = drawdown.Drawdown(D("10000.00"), D("9000.00"))
    assert draw.allows(D("1000.00"))
    assert not draw.allows(D("1000.01"))
    assert draw.left_sek == D("1000.00")
    assert drawdown.Drawdown(D("0.00"), D("0.00")).used_percent == D("100.0")


# --- the steps ------------------------------------------------------------------------------


def test_the_steps_store_the_plan_the_signature_the_check_and_the_decision(w):
    aid_declare(
        company=w.company,
        giver="Almi Företagspartner",
        amount=D("20000.00"),
        currency="EUR",
        granted=date(2024, 5, 2),
        by=w.users["coach"],
    )
    case = _approved(w)
    case.refresh_from_db()
    # 10 h × 900 kr + 5 000 kr
    assert case.planned_aid_sek == D("14000.00")
    assert case.declared_by == w.users["company"]
    assert case.declaration["aid"] == [
        {
            "company": "Jämtlands Trä AB",
            "giver": "Almi Företagspartner",
            "granted": "2024-05-02",
            "amount_sek": "228650.00",
            "amount_eur": "20000.00",
        }
    ]
    # 14 000 / 11.4325 = 1 224.58 EUR planned; 2023/2831 on 2025-02-03: three years back.
    assert case.check_regulation == "2023/2831"
    assert (case.check_window_start, case.check_window_end) == (date(2022, 2, 4), ON)
    assert case.check_planned_eur == D("1224.58")
    assert case.check_aid_in_window_eur == D("21224.58")
    assert case.check_headroom_eur == D("280000.00")
    assert case.check_allowed is True
    assert case.status == DeMinimisCase.Status.APPROVED
    assert drawdown_of(case) == drawdown.Drawdown(D("14000.00"), D("0.00"))
    steps = [
        e.changes["step"]
        for e in AuditEntry.objects.filter(
            model="stateaid.deminimiscase", object_id=str(case.pk)
        ).order_by("id")
    ]
    assert steps == ["opened", "planned", "signed", "checked", "decided"]


def test_a_case_checked_in_2023_is_checked_under_1407_2013_by_calendar_fiscal_years(w):
    case = case_open(programme=w.programme, company=w.company, by=w.users["coach"])
    case_plan(case=case, planned_aid_sek=D("11432.50"), by=w.users["coach"], on=date(2023, 10, 2))
    case_sign(case=case, by=w.users["company"])
    case_check(case=case, by=w.users["coach"], on=date(2023, 10, 2))
    assert case.check_regulation == "1407/2013"
    assert (case.check_window_start, case.check_window_end) == (date(2021, 1, 1), date(2023, 10, 2))
    assert case.check_ceiling_eur == D("200000.00")
    assert case.check_planned_eur == D("1000.00")


def test_the_declaration_names_the_members_of_the_single_undertaking(w):
    undertaking_link(company=w.company, other=w.other_company, by=None)
    case = case_open(programme=w.programme, company=w.company, by=w.users["coach"])
    case_sign(case=case, by=w.users["company"])
    assert case.declaration["members"] == ["Sundsvalls Mekaniska AB"]


def test_the_steps_keep_their_order(w):
    coach = w.users["coach"]
    case = case_open(programme=w.programme, company=w.company, by=coach)
    with pytest.raises(ValidationError) as info:
        case_check(case=case, by=coach, on=ON)
    assert info.value.code == "status"
    case_plan(case=case, planned_aid_sek=D("5000"), by=coach, on=ON)
    case_sign(case=case, by=w.users["company"])
    with pytest.raises(ValidationError) as info:
        case_decide(
            case=case, approved=True, reference="X", decided=ON, approved_sek=D(1), by=coach
        )
    assert info.value.code == "status"
    with pytest.raises(ValidationError):
        case_open(programme=w.programme, company=w.company, by=coach)


def test_approval_is_at_most_the_checked_plan_and_a_new_plan_needs_a_new_check(w):
    case = _approved(w)
    with pytest.raises(ValidationError) as info:
        case_decide(
            case=case,
            approved=True,
            reference="RJH 2025/140",
            decided=date(2025, 4, 1),
            approved_sek=D("14000.01"),
            by=w.users["manager"],
        )
    assert "approved_sek" in info.value.error_dict
    case_plan(case=case, planned_aid_sek=D("20000.00"), by=w.users["coach"], on=ON)
    assert case.status == DeMinimisCase.Status.APPROVED and case.check_allowed is None
    with pytest.raises(ValidationError) as info:
        case_decide(
            case=case,
            approved=True,
            reference="RJH 2025/140",
            decided=date(2025, 4, 1),
            approved_sek=D("20000.00"),
            by=w.users["manager"],
        )
    assert info.value.code == "unchecked"


def test_a_check_over_the_ceiling_cannot_be_approved_only_refused(w):
    aid_declare(
        company=w.company,
        giver="Tillväxtverket",
        amount=D("299500.00"),
        currency="EUR",
        granted=date(2024, 6, 1),
        by=None,
    )
    coach = w.users["coach"]
    case = case_open(programme=w.programme, company=w.company, by=coach)
    case_plan(case=case, planned_aid_sek=D("11432.50"), by=coach, on=ON)  # 1 000 EUR
    case_sign(case=case, by=w.users["company"])
    case_check(case=case, by=coach, on=ON)
    assert case.check_allowed is False and case.check_headroom_eur == D("500.00")
    with pytest.raises(ValidationError) as info:
        case_decide(
            case=case,
            approved=True,
            reference="R1",
            decided=ON,
            approved_sek=D("500"),
            by=w.users["manager"],
        )
    assert info.value.code == "over_ceiling"
    case_decide(case=case, approved=False, reference="R1", decided=ON, approved_sek=None, by=None)
    assert case.status == DeMinimisCase.Status.REFUSED


def test_an_uploaded_declaration_must_be_a_pdf(w):
    case = case_open(programme=w.programme, company=w.company, by=w.users["coach"])
    with pytest.raises(ValidationError) as info:
        case_upload(
            case=case, upload=SimpleUploadedFile("intyg.docx", b"PK\x03\x04"), by=w.users["coach"]
        )
    assert "file" in info.value.error_dict
    case_upload(
        case=case, upload=SimpleUploadedFile("intyg.pdf", b"%PDF-1.4 x"), by=w.users["coach"]
    )
    case.refresh_from_db()
    assert case.status == DeMinimisCase.Status.DECLARED
    assert case.declaration_filename == "intyg.pdf"
    assert case.declaration_file.read() == b"%PDF-1.4 x"


# --- the drawdown by activities -------------------------------------------------------------


def test_support_without_an_approved_case_is_refused_and_nothing_is_saved(w):
    with translation.override("en"), pytest.raises(ValidationError) as info:
        record(w, day=date(2025, 3, 3))
    assert info.value.code == "no_case"
    assert "Jämtlands Trä AB has no approved de minimis case in DIPPS" in info.value.messages[0]
    assert "ask the programme manager to record the decision" in info.value.messages[0]
    assert not Activity.objects.exists() and not AidEntry.objects.exists()


def test_support_before_the_decision_day_is_refused(w):
    _approved(w, decided=date(2025, 3, 4))
    with pytest.raises(ValidationError) as info:
        record(w, hours="1", cost="0", day=date(2025, 3, 3))
    assert info.value.code == "before_decision"
    record(w, hours="1", cost="0", day=date(2025, 3, 4))
    assert Activity.objects.count() == 1


def test_support_draws_down_the_approved_amount_and_is_refused_beyond_it(w):
    case = _approved(w)  # 14 000 kr
    record(w, hours="10", cost="3600")  # 12 600 kr: 90.0 %
    assert drawdown_of(case) == drawdown.Drawdown(D("14000.00"), D("12600.00"))
    assert [c for c, _ in drawdown_warnings(w.programme, [w.company])] == [w.company]
    with translation.override("en"), pytest.raises(ValidationError) as info:
        record(w, hours="1", cost="500.01", day=date(2025, 3, 4))  # 1 400.01 kr
    assert info.value.code == "over_approved"
    assert "over the approved 14,000.00 kr (1,400.00 kr left)" in info.value.messages[0]
    assert Activity.objects.count() == 1
    record(w, hours="1", cost="500", day=date(2025, 3, 4))  # exactly the rest
    assert drawdown_of(case).left_sek == D("0.00")


def test_a_new_decision_raises_the_approved_amount(w):
    case = _approved(w)
    record(w, hours="10", cost="5000")  # all 14 000 kr
    case_plan(case=case, planned_aid_sek=D("30000.00"), by=w.users["coach"], on=ON)
    case_check(case=case, by=w.users["coach"], on=date(2025, 3, 5))
    # Only the rest of the plan is new aid: 16 000 kr = 1 399.52 EUR.
    assert case.check_planned_eur == D("1399.52")
    case_decide(
        case=case,
        approved=True,
        reference="RJH 2025/201",
        decided=date(2025, 3, 5),
        approved_sek=D("30000.00"),
        by=w.users["manager"],
    )
    record(w, hours="10", cost="0", day=date(2025, 3, 6))
    assert drawdown_of(case) == drawdown.Drawdown(D("30000.00"), D("23000.00"))
    assert list(case.decisions.values_list("reference", flat=True)) == [
        "RJH 2025/117",
        "RJH 2025/201",
    ]


def test_the_ceiling_stays_the_second_guard(w):
    make_approved_case(w.programme, w.company)  # 10 000 000 kr approved
    aid_declare(
        company=w.company,
        giver="Tillväxtverket",
        amount=D("299999.00"),
        currency="EUR",
        granted=date(2025, 1, 2),
        by=None,
    )
    with pytest.raises(ValidationError) as info:
        record(w)
    assert info.value.code == "deminimis"


# --- the pages ------------------------------------------------------------------------------


def test_the_representative_signs_on_the_declaration_page(w, client):
    case = case_open(programme=w.programme, company=w.company, by=w.users["coach"])
    client.force_login(w.users["company"])
    page = client.get(reverse("stateaid:case_declaration", args=[case.pk]))
    assert reverse("stateaid:case_sign", args=[case.pk]) in page.content.decode()
    client.post(reverse("stateaid:case_sign", args=[case.pk]), {"confirm": "yes"})
    case.refresh_from_db()
    assert case.status == DeMinimisCase.Status.DECLARED
    assert case.declared_by == w.users["company"] and isinstance(case.declared_at, datetime)


def test_the_coach_is_warned_at_ninety_per_cent_after_recording(w, client):
    _approved(w)
    client.force_login(w.users["coach"])
    response = client.post(
        reverse("engagements:activity_new") + f"?company={w.company.pk}",
        {
            "date": "2025-03-03",
            "programme": w.programme.pk,
            "type": "coaching",
            "companies": [w.company.pk],
            "hours": "10",
            "external_cost_sek": "3600",
            "participants_women": 0,
            "participants_men": 0,
            "participants_other": 0,
            "participant_hours": 0,
            "spread": "equal",
        },
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    texts = [str(m) for m in response.context["messages"]]
    # The page speaks Swedish (the user's language), with Swedish numbers.
    assert any(
        "Jämtlands Trä AB" in t and "90,0\xa0%" in t and "1\xa0400,00 kr" in t for t in texts
    ), texts


def test_the_certificate_names_the_decisions_in_force(w):
    from django.template.loader import render_to_string

    from dipps.stateaid.selectors import certificate_data

    _approved(w)
    record(w, hours="2", cost="0", day=date(2025, 3, 3))
    data = certificate_data(w.users["manager"], w.company.pk, w.programme.code)
    assert [d.reference for d in data["decisions"]] == ["RJH 2025/117"]
    with translation.override("en"):
        html = render_to_string("stateaid/certificate.html", data)
    assert "RJH 2025/117 of 2025-02-10, approving 14,000.00" in html


def test_a_change_beyond_the_approved_amount_is_refused_and_the_old_values_stay(w):
    from dipps.engagements.services import ActivityInput, activity_update

    case = _approved(w)  # 14 000 kr
    activity = record(w, hours="10", cost="0")  # 9 000 kr
    data = ActivityInput(
        day=date(2025, 3, 3),
        type="coaching",
        programme=w.programme,
        companies=[w.company],
        coach_hours={w.users["coach"]: D(16)},  # 14 400 kr
    )
    with pytest.raises(ValidationError) as info:
        activity_update(activity=activity, data=data, by=w.users["coach"])
    assert info.value.code == "over_approved"
    assert drawdown_of(case).used_sek == D("9000.00")
    data.coach_hours = {w.users["coach"]: D(15)}  # 13 500 kr: the old 9 000 kr no longer counts
    activity_update(activity=activity, data=data, by=w.users["coach"])
    assert drawdown_of(case).used_sek == D("13500.00")
