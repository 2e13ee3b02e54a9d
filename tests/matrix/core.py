from django.urls import reverse

from . import Case, expect


def _jobs(w):
    """A job of the finance officer's in DIPPS, and one of OTHER's (another person's)."""
    if "job" in w.extra:
        return
    from dipps.core.models import Job
    from tests.factories import make_user

    w.extra["job"] = Job.objects.create(
        kind="finance.sie_stage",
        owner=w.users["finance"],
        programme_code=w.programme.code,
        status=Job.Status.RUNNING,
    )
    w.extra["other_job"] = Job.objects.create(
        kind="finance.sie_stage", owner=make_user(None), programme_code="OTHER"
    )


def _failed_job(w):
    from dipps.core.models import Job

    w.extra["job"] = Job.objects.create(
        kind="finance.sie_stage",
        owner=w.users["finance"],
        programme_code=w.programme.code,
        status=Job.Status.FAILED,
        error="x",
    )


def _job_url(name, key):
    return lambda w: reverse(name, args=[w.extra[key].pk])


JOB_READERS = expect(company=404, observer=404)
# OTHER's finance officer (observer_finance) and coach (coach_rep) are staff there; everyone
# else is refused.
OTHER_JOB = expect(
    manager=404,
    coach=404,
    finance=404,
    company=404,
    observer=404,
    observer_finance=200,
    coach_rep=200,
)

CASES = [
    # For load balancers and monitors: no login, the same answer for everyone.
    Case(
        "healthz",
        lambda w: reverse("healthz"),
        expect(
            anonymous=200,
            manager=200,
            coach=200,
            finance=200,
            company=200,
            observer=200,
            outsider=200,
        ),
    ),
    Case(
        "accounts:login",
        lambda w: reverse("accounts:login"),
        # A logged-in user is sent on to their landing page.
        expect(
            anonymous=200,
            manager=302,
            coach=302,
            finance=302,
            company=302,
            observer=302,
            outsider=302,
        ),
    ),
    Case(
        "accounts:logout",
        lambda w: reverse("accounts:logout"),
        expect(
            anonymous=302,
            manager=302,
            coach=302,
            finance=302,
            company=302,
            observer=302,
            outsider=302,
        ),
        method="post",
    ),
    Case(
        "accounts:password_change",
        lambda w: reverse("accounts:password_change"),
        expect(company=200, observer=200, outsider=200),
    ),
    Case(
        "accounts:password_change_done",
        lambda w: reverse("accounts:password_change_done"),
        expect(company=200, observer=200, outsider=200),
    ),
    Case(
        "set_language",
        lambda w: reverse("set_language"),
        expect(
            anonymous=302,
            manager=302,
            coach=302,
            finance=302,
            company=302,
            observer=302,
            outsider=302,
        ),
        method="post",
        data=lambda w: {"language": "en", "next": "/"},
    ),
    # The admin is Django's own; only is_staff users get in, and no demo role is staff.
    Case(
        "admin:index",
        lambda w: reverse("admin:index"),
        expect(
            anonymous=302,
            manager=302,
            coach=302,
            finance=302,
            company=302,
            observer=302,
            outsider=302,
        ),
    ),
    # The outsider and the coach-and-representative see their other programme listed.
    Case(
        "programmes:list",
        lambda w: reverse("programmes:list"),
        expect(observer=200, outsider=200, coach_rep=200),
    ),
    Case(
        "programmes:detail",
        lambda w: reverse("programmes:detail", args=[w.programme.code]),
        expect(observer=200),
    ),
    Case(
        "programmes:detail",
        lambda w: reverse("programmes:detail", args=["NOPE"]),
        expect(manager=404, coach=404, finance=404, observer=404),
        label="unknown",
    ),
    # Background jobs: the owner (here the finance officer) and the staff of the job's
    # programme see a job; only the owner retries it. "My jobs" lists one's own.
    Case(
        "jobs:mine",
        lambda w: reverse("jobs:mine"),
        expect(company=200, observer=200, outsider=200),
    ),
    Case("jobs:detail", _job_url("jobs:detail", "job"), JOB_READERS, setup=_jobs),
    Case("jobs:status", _job_url("jobs:status", "job"), JOB_READERS, setup=_jobs),
    Case(
        "jobs:detail",
        _job_url("jobs:detail", "other_job"),
        OTHER_JOB,
        setup=_jobs,
        label="other programme",
    ),
    Case(
        "jobs:status",
        _job_url("jobs:status", "other_job"),
        OTHER_JOB,
        setup=_jobs,
        label="other programme",
    ),
    Case(
        "jobs:retry",
        _job_url("jobs:retry", "job"),
        expect(manager=403, coach=403, finance=302, company=404, observer=404),
        method="post",
        setup=_failed_job,
        fresh=True,
    ),
]
