"""`dipps remind`: its JSON, its exit codes, its arguments."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from dipps.notices.models import SentReminder

from .conftest import T1_DUE

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("remind", *args, stdout=out, stderr=StringIO())
    return json.loads(out.getvalue())


def test_it_prints_what_it_sent_and_a_second_run_sends_nothing(due_world):
    first = run("--date", T1_DUE.isoformat())
    assert first["date"] == "2026-06-20"
    assert first["dry_run"] is False
    assert first["mails"] == 3
    assert first["items"] == 3
    assert first["without_email"] == [] and first["failed"] == {}
    second = run("--date", T1_DUE.isoformat())
    assert second["mails"] == 0 and second["sent"] == {}


def test_a_dry_run_records_nothing(due_world):
    assert run("--date", T1_DUE.isoformat(), "--dry-run")["mails"] == 3
    assert SentReminder.objects.count() == 0


def test_claim_days_narrows_the_window(due_world):
    # The period ends ten days after T1_DUE: with --claim-days 9 it is not yet due.
    data = run("--date", T1_DUE.isoformat(), "--claim-days", "9")
    assert due_world.users["finance"].username not in data["sent"]


@pytest.mark.parametrize("args", [("--date", "2026-13-01"), ("--claim-days", "-1")])
def test_a_bad_argument_exits_2_with_a_message(db, args):
    with pytest.raises(CommandError) as error:
        call_command("remind", *args, stdout=StringIO())
    assert error.value.returncode == 2


def test_a_mail_that_cannot_be_sent_exits_1(due_world, monkeypatch):
    from django.core.mail import EmailMultiAlternatives

    def refuse(self, fail_silently=False):
        raise OSError("no route to host")

    monkeypatch.setattr(EmailMultiAlternatives, "send", refuse)
    err = StringIO()
    with pytest.raises(SystemExit) as stop:
        call_command("remind", "--date", T1_DUE.isoformat(), stdout=StringIO(), stderr=err)
    assert stop.value.code == 1
    assert "no route to host" in err.getvalue()
