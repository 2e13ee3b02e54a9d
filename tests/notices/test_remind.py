"""`dipps remind` on the database, with the day passed in (a frozen clock): who gets which
mail, in which language, and that a second run on one day sends nothing new."""

from datetime import timedelta

import pytest
from django.core import mail

from dipps.finance.models import PaymentClaim, ReportingPeriod
from dipps.notices.models import SentReminder
from dipps.notices.services import remind

from .conftest import CHECKED, PERIOD_END, T1_DUE

pytestmark = pytest.mark.django_db


def by_recipient():
    return {m.to[0]: m for m in mail.outbox}


def test_each_role_gets_one_digest_of_its_own_items_in_swedish(due_world, settings):
    settings.DIPPS_SITE_URL = "https://dipps.example"
    report = remind(today=T1_DUE)
    got = by_recipient()
    assert sorted(got) == ["coach@example.se", "finance@example.se", "manager@example.se"]
    assert report.sent == {due_world.users[r].username: 1 for r in got_roles()}
    coach = got["coach@example.se"]
    assert coach.subject == "DIPPS-påminnelser"
    assert "Jämtlands Trä AB (DIPPS): T1 ska göras i dag" in coach.body
    engagement = due_world.extra["engagement"]
    assert f"https://dipps.example/engagements/company/{engagement.company_id}/" in coach.body
    assert "period 3" in got["finance@example.se"].body
    assert "DIPPS, period 3, slutar 2026-06-30" in got["finance@example.se"].body
    assert "Sundsvalls Mekaniska AB (DIPPS)" in got["manager@example.se"].body
    assert "Sundsvalls" not in coach.body  # a coach hears nothing of a manager's cases


def got_roles():
    return {"manager", "coach", "finance"}


def test_running_twice_on_one_day_sends_nothing_new(due_world):
    remind(today=T1_DUE)
    assert len(mail.outbox) == 3
    again = remind(today=T1_DUE)
    assert len(mail.outbox) == 3
    assert again.sent == {}
    assert SentReminder.objects.count() == 3


def test_the_next_phase_is_mailed_once_the_day_after(due_world):
    remind(today=T1_DUE)
    mail.outbox.clear()
    remind(today=T1_DUE + timedelta(days=1))
    assert [m.to[0] for m in mail.outbox] == ["coach@example.se"]
    assert "T1 försenad sedan" in mail.outbox[0].body
    remind(today=T1_DUE + timedelta(days=2))
    assert len(mail.outbox) == 1


def test_a_period_is_mailed_from_n_days_before_its_end_and_not_once_its_claim_is_in(
    due_world, settings
):
    settings.DIPPS_REMIND_CLAIM_DAYS = 14
    opens = PERIOD_END - timedelta(days=14)
    remind(today=opens - timedelta(days=1))
    assert "finance@example.se" not in by_recipient()
    remind(today=opens)
    assert "finance@example.se" in by_recipient()
    period = ReportingPeriod.objects.get(number=3)
    PaymentClaim.objects.create(period=period, status=PaymentClaim.Status.SUBMITTED)
    SentReminder.objects.all().delete()
    mail.outbox.clear()
    remind(today=PERIOD_END)
    assert "finance@example.se" not in by_recipient()


def test_a_case_is_mailed_from_its_check_day_in_stockholm_time(due_world):
    remind(today=CHECKED - timedelta(days=1))
    assert "manager@example.se" not in by_recipient()
    remind(today=CHECKED)  # checked at 23:30 Stockholm time: that day, not the next
    assert "manager@example.se" in by_recipient()


def test_a_dry_run_sends_and_records_nothing(due_world):
    report = remind(today=T1_DUE, dry_run=True)
    assert mail.outbox == []
    assert SentReminder.objects.count() == 0
    assert sorted(report.as_json()["sent"]) == sorted(
        due_world.users[r].username for r in got_roles()
    )


def test_a_user_without_an_address_is_reported_and_not_recorded(due_world):
    coach = due_world.users["coach"]
    coach.email = ""
    coach.save()
    report = remind(today=T1_DUE)
    assert report.without_email == [coach.username]
    assert not SentReminder.objects.filter(user=coach).exists()


def test_a_mail_that_fails_records_nothing_and_the_next_run_sends_it(due_world, monkeypatch):
    from django.core.mail import EmailMultiAlternatives

    def refuse(self, fail_silently=False):
        raise ConnectionRefusedError("connection refused")

    with monkeypatch.context() as patch:
        patch.setattr(EmailMultiAlternatives, "send", refuse)
        report = remind(today=T1_DUE)
    assert set(report.failed) == {due_world.users[r].username for r in got_roles()}
    assert "connection refused" in report.failed[due_world.users["coach"].username]
    assert SentReminder.objects.count() == 0
    assert len(remind(today=T1_DUE).sent) == 3


def test_a_closed_programme_reminds_its_finance_officer_of_nothing(due_world):
    due_world.programme.status = "closed"
    due_world.programme.save()
    remind(today=T1_DUE)
    assert "finance@example.se" not in by_recipient()
    assert "manager@example.se" not in by_recipient()


def test_a_follow_up_goes_only_to_the_engagements_coaches(due_world):
    remind(today=T1_DUE)
    assert "Jämtlands" not in by_recipient()["manager@example.se"].body


def test_a_run_that_meets_another_runs_records_sends_nothing_twice(due_world, monkeypatch):
    from dipps.notices import selectors

    remind(today=T1_DUE)
    mail.outbox.clear()
    # As if a second run had read the sent items before the first one wrote them.
    monkeypatch.setattr(selectors, "sent_keys", lambda user: set())
    report = remind(today=T1_DUE)
    assert mail.outbox == []
    assert report.sent == {} and report.failed == {}
    assert SentReminder.objects.count() == 3
