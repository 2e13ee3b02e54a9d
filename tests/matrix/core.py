from django.urls import reverse

from . import Case, expect

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
]
