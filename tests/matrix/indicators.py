from django.urls import reverse

from . import Case, expect

# Aggregates only: every role but the company representative, observers included.
READERS = expect(observer=200)

CASES = [
    # The index lists the programmes where the user reads: OTHER for coach_rep (its
    # coach), the closed SIMMITT for the outsider (its manager); nothing of DIPPS.
    Case(
        "indicators:index",
        lambda w: reverse("indicators:index"),
        expect(observer=200, coach_rep=200, outsider=200),
    ),
    Case("indicators:page", lambda w: reverse("indicators:page", args=[w.programme.code]), READERS),
    Case(
        "indicators:page",
        lambda w: reverse("indicators:page", args=["NOPE"]),
        expect(manager=404, coach=404, finance=404, observer=404),
        label="unknown programme",
    ),
    Case(
        "indicators:export",
        lambda w: reverse("indicators:export", args=[w.programme.code, "csv"]),
        READERS,
    ),
    Case(
        "indicators:export",
        lambda w: reverse("indicators:export", args=[w.programme.code, "xlsx"]),
        READERS,
        label="xlsx",
    ),
]

# Targets: the programme manager only.
CASES += [
    Case(
        "indicators:targets",
        lambda w: reverse("indicators:targets", args=[w.programme.code]),
        expect(coach=403, finance=403),
    ),
    Case(
        "indicators:targets",
        lambda w: reverse("indicators:targets", args=[w.programme.code]),
        expect(manager=302, coach=403, finance=403),
        method="post",
        data=lambda w: {"RCO01": "150", "RCR03": "40"},
        label="post",
    ),
    Case(
        "indicators:targets",
        lambda w: reverse("indicators:targets", args=["NOPE"]),
        expect(manager=404, coach=403, finance=403),
        label="unknown programme",
    ),
]

# The indicator set of the funding decision: the programme manager only.
CASES += [
    Case(
        "indicators:set",
        lambda w: reverse("indicators:set", args=[w.programme.code]),
        expect(coach=403, finance=403),
    ),
    Case(
        "indicators:set",
        lambda w: reverse("indicators:set", args=[w.programme.code]),
        expect(manager=302, coach=403, finance=403),
        method="post",
        data=lambda w: {"action": "save", "code": "RCO01", "target": "120"},
        label="post",
    ),
    Case(
        "indicators:set",
        lambda w: reverse("indicators:set", args=["NOPE"]),
        expect(manager=404, coach=403, finance=403),
        label="unknown programme",
    ),
]
