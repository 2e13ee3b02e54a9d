"""The load bench's client, against a live server: it logs in, views and writes as a
person does, and its forms carry what a browser would send."""

from datetime import date, timedelta

import pytest

from _load_client import Persona, VirtualUser, pattern_of, post_form, run
from dipps.companies.models import Contact
from dipps.engagements.models import Activity, TimesheetEntry

from ..engagements.helpers import rates

FORM = """
<form method="get" action="/search/"><input name="q" value="x"></form>
<form method="post" action="/i18n/setlang/"><input name="language" value="en"></form>
<form method="post" action="/save/">
  <input type="hidden" name="csrfmiddlewaretoken" value="tok">
  <input name="name" value="A &amp; B"><input type="checkbox" name="ok" checked>
  <input type="checkbox" name="off"><input type="submit" name="go" value="Save">
  <select name="type"><option value="">---</option><option value="a">A</option></select>
  <select name="kind"><option>first</option><option selected>second</option></select>
  <select name="many" multiple><option value="1" selected>1</option><option value="2">2</option>
  <option value="3" selected>3</option></select>
  <select name="none" multiple><option value="1">1</option></select>
  <textarea name="note">
Hej</textarea>
</form>"""


def test_a_form_carries_what_a_browser_sends_unchanged():
    assert post_form(FORM, "language").action == "/i18n/setlang/"
    assert post_form(FORM, "nothing") is None
    form = post_form(FORM, "type")
    assert form is not None and form.action == "/save/"
    assert form.pairs == [
        ("csrfmiddlewaretoken", "tok"),
        ("name", "A & B"),
        ("ok", "on"),
        ("type", ""),
        ("kind", "second"),
        ("many", "1"),
        ("many", "3"),
        ("note", "Hej"),
    ]
    assert form.options["type"] == ["", "a"]
    form.set("many", "2")
    form.set("extra", "e")
    assert form.pairs[5:] == [("many", "2"), ("note", "Hej"), ("extra", "e")]


def test_ids_are_left_out_of_a_pattern():
    assert pattern_of("/companies/12/contacts/3/?x=1") == "/companies/<n>/contacts/<n>/"
    assert pattern_of("/finance/DIPPS/budget/") == "/finance/DIPPS/budget/"


@pytest.fixture
def coach(live_server, world):
    user = world.users["coach"]
    user.set_password("load-test-password")
    user.save()
    rates(world.programme)
    company = world.company.pk
    persona = Persona(
        username=user.username,
        password="load-test-password",
        role="coach",
        pages=["/", "/companies/", f"/companies/{company}/", f"/engagements/company/{company}/"],
        writes=[],
        companies=[company],
    )
    host, port = live_server.url.removeprefix("http://").split(":")
    virtual = VirtualUser(host, int(port), persona, seed=1)
    yield virtual
    virtual.close()


def test_a_virtual_coach_logs_in_and_writes_through_the_real_forms(coach, world):
    assert coach.login()
    for what in ("timesheet", "activity", "contact"):
        coach.persona.writes = [what]
        coach.write()
    posts = [s for s in coach.samples if s.kind == "write"]
    assert [(s.pattern, s.status, s.error) for s in posts] == [
        ("/engagements/timesheet/", 302, ""),
        ("/engagements/activities/new/", 302, ""),
        ("/companies/<n>/contacts/new/", 302, ""),
    ], coach.problems
    user = world.users["coach"]
    last_year = date.today() - timedelta(weeks=53)
    assert TimesheetEntry.objects.filter(user=user, day__gte=last_year).count() == 1
    assert Activity.objects.filter(created_by=user, note="Load bench").count() == 1
    assert Contact.objects.filter(company=world.company, name__startswith="Lasttest").exists()


def test_a_run_times_every_request_and_counts_failures(coach, world):
    assert coach.login()
    coach.persona.pages.append("/no-such-page/")
    result = run([coach], 1.0, lambda u: u.act(0.0))
    assert len(result.samples) >= 5
    assert all(s.kind == "page" and s.seconds > 0 for s in result.samples)
    failed = [s for s in result.samples if s.failed]
    assert failed and all(s.status == 404 and s.error == "HTTP 404" for s in failed)
    assert all(s.status == 200 for s in result.samples if not s.failed)
    assert any("/no-such-page/" in p for p in result.problems)
