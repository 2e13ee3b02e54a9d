"""Competence pages: a firm's skills map (staff and its representative read, observers read
counts; programme manager and coach write), the self-service link, an activity's skills, and
the programme's skills views (every role of the programme but the representatives)."""

from django.urls import reverse

from . import Case, expect

READERS = expect(company=200, observer=200)
WRITERS = expect(finance=403)
WRITERS_POST = expect(manager=302, coach=302, finance=403)
PROGRAMME = expect(observer=200)


def _world(w):
    """A submitted coach map of the representative's firm (one gap), a draft for
    self-service, a map of the other firm, and an activity of the programme."""
    from datetime import date

    from dipps.competence import services
    from dipps.engagements.models import Activity

    if "map" in w.extra:
        return
    m = services.map_start(
        company=w.company,
        programme=w.programme,
        kind="coach",
        roles=["operator"],
        skills=["plc"],
        by=None,
    )
    row = m.rows.get()
    services.map_save(skills_map=m, rows=[services.RowInput(row.pk, 4, 1, 3)], submit=True, by=None)
    w.extra["map"] = m
    w.extra["row"] = row
    draft = services.map_start(
        company=w.company,
        programme=w.programme,
        kind="self_service",
        roles=["planner"],
        skills=["lean"],
        by=None,
    )
    w.extra["draft"] = draft
    w.extra["token"] = services.link_create(skills_map=draft)
    w.extra["other_map"] = services.map_start(
        company=w.other_company,
        programme=w.programme,
        kind="coach",
        roles=["operator"],
        skills=["lean"],
        by=None,
    )
    w.extra["activity"] = Activity.objects.create(
        date=date(2025, 3, 4), type="workshop", programme=w.programme
    )


def _fresh_row(w):
    """A row with a gap that has no action-plan item yet, so every writer may plan it."""
    from dipps.competence import services

    _world(w)
    m = services.map_start(
        company=w.company,
        programme=w.programme,
        kind="coach",
        roles=["maintenance"],
        skills=["plc"],
        by=None,
    )
    row = m.rows.get()
    services.map_save(skills_map=m, rows=[services.RowInput(row.pk, 2, 0, 2)], submit=True, by=None)
    w.extra["fresh_row"] = row


def _rows(w):
    row = w.extra["map"].rows.get()
    return {
        "row-TOTAL_FORMS": "1",
        "row-INITIAL_FORMS": "1",
        "row-0-id": str(row.pk),
        "row-0-people": "5",
        "row-0-current": "1",
        "row-0-needed": "3",
        "submit": "1",
    }


def _url(name, key):
    return lambda w: reverse(name, args=[w.extra[key].pk])


CASES = [
    Case(
        "competence:company",
        lambda w: reverse("competence:company", args=[w.company.pk]),
        READERS,
        setup=_world,
        label="own company",
    ),
    Case(
        "competence:company",
        lambda w: reverse("competence:company", args=[w.other_company.pk]),
        expect(company=404, observer=200),
        setup=_world,
        label="another firm",
    ),
    Case(
        "competence:start",
        lambda w: reverse("competence:start", args=[w.company.pk]),
        WRITERS_POST,
        method="post",
        data=lambda w: {
            "programme": w.programme.pk,
            "kind": "coach",
            "roles": ["operator"],
            "skills": ["lean"],
        },
    ),
    Case("competence:map", _url("competence:map", "map"), WRITERS, setup=_world),
    Case(
        "competence:map",
        _url("competence:map", "map"),
        WRITERS_POST,
        method="post",
        data=_rows,
        setup=_world,
        label="save",
    ),
    Case(
        "competence:map",
        _url("competence:map", "other_map"),
        expect(finance=403),
        setup=_world,
        label="another firm",
    ),
    Case("competence:link", _url("competence:link", "draft"), WRITERS, setup=_world),
    Case(
        "competence:plan",
        _url("competence:plan", "fresh_row"),
        WRITERS_POST,
        method="post",
        setup=_fresh_row,
        fresh=True,
    ),
    Case("competence:activity", _url("competence:activity", "activity"), WRITERS, setup=_world),
    Case(
        "competence:activity",
        _url("competence:activity", "activity"),
        WRITERS_POST,
        method="post",
        data=lambda w: {"skills": ["plc", "lean"]},
        setup=_world,
        label="save",
    ),
    # The self-service link needs no account (the token is the key, whoever holds it).
    Case(
        "competence:self_service",
        lambda w: reverse("competence:self_service", args=[w.extra["token"]]),
        expect(anonymous=200, company=200, observer=200, outsider=200),
        setup=_world,
    ),
    Case(
        "competence:self_service",
        lambda w: reverse("competence:self_service", args=["not-a-token"]),
        expect(anonymous=404, manager=404, coach=404, finance=404, company=404, observer=404),
        label="tampered",
    ),
    Case(
        "competence:programme",
        lambda w: reverse("competence:programme", args=[w.programme.code]),
        PROGRAMME,
        setup=_world,
    ),
    Case(
        "competence:programme",
        lambda w: reverse("competence:programme", args=["OTHER"]),
        expect(
            manager=404, coach=404, finance=404, observer=404, observer_finance=200, coach_rep=200
        ),
        label="another programme",
    ),
    Case(
        "competence:skills",
        lambda w: reverse("competence:skills", args=[w.programme.code]),
        expect(coach=403, finance=403),
    ),
    Case(
        "competence:skills",
        lambda w: reverse("competence:skills", args=[w.programme.code]),
        expect(manager=302, coach=403, finance=403),
        method="post",
        data=lambda w: {
            "code": "welding",
            "name_sv": "Svetsning",
            "name_en": "Welding",
            "description_sv": "Svetsa.",
            "description_en": "Welding.",
        },
        label="add",
    ),
    Case(
        "competence:gaps_export",
        lambda w: reverse("competence:gaps_export", args=[w.programme.code, "csv"]),
        PROGRAMME,
        setup=_world,
    ),
    Case(
        "competence:gaps_export",
        lambda w: reverse("competence:gaps_export", args=[w.programme.code, "pdf"]),
        expect(manager=404, coach=404, finance=404, observer=404),
        label="unknown format",
    ),
    Case(
        "competence:trained_export",
        lambda w: reverse("competence:trained_export", args=[w.programme.code, "xlsx"]),
        PROGRAMME,
        setup=_world,
    ),
]
