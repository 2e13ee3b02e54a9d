"""The rights procedure: programme managers only, and only in a programme the person's
firm takes part in. The outsider manages the predecessor SIMMITT, where world.company
does not take part: he is refused on DIPPS's pages and on his own programme's URL for
a DIPPS firm's person alike."""

from django.urls import reverse

from . import Case, expect

# Managers of the world's programme; every other role is refused by the first gate.
MANAGERS_ONLY = expect(coach=403, finance=403)
POSTED = expect(manager=302, coach=403, finance=403)


def _person(w):
    contact = w.company.contacts.create(name="Anna Berg", email="anna@example.se")
    w.extra["ref"] = f"contact-{contact.pk}"
    w.extra["other_ref"] = "contact-{}".format(
        w.other_company.contacts.create(name="Per Lind", email="per@example.se").pk
    )


def _url(name, code=None):
    return lambda w: reverse(f"privacy:{name}", args=[code or w.programme.code, w.extra["ref"]])


CASES = [
    # The index lists the programmes the user manages: the outsider manages SIMMITT,
    # so he sees his own list (nothing of DIPPS is on it).
    Case(
        "privacy:index",
        lambda w: reverse("privacy:index"),
        expect(coach=403, finance=403, outsider=200),
    ),
    Case(
        "privacy:search",
        lambda w: reverse("privacy:search", args=[w.programme.code]),
        MANAGERS_ONLY,
    ),
    Case(
        "privacy:search",
        lambda w: reverse("privacy:search", args=[w.programme.code]) + "?q=Anna",
        MANAGERS_ONLY,
        label="with a query",
        setup=_person,
    ),
    Case(
        "privacy:retention",
        lambda w: reverse("privacy:retention", args=[w.programme.code]),
        MANAGERS_ONLY,
    ),
    Case("privacy:person", _url("person"), MANAGERS_ONLY, setup=_person),
    Case(
        "privacy:person",
        lambda w: reverse("privacy:person", args=[w.programme.code, w.extra["other_ref"]]),
        MANAGERS_ONLY,
        label="the other firm's contact",
        setup=_person,
    ),
    # Through the predecessor's code: the DIPPS manager has no role in SIMMITT (404);
    # the outsider has, but world.company does not take part in SIMMITT (404).
    Case(
        "privacy:person",
        _url("person", "SIMMITT"),
        expect(manager=404, coach=403, finance=403),
        label="through the predecessor",
        setup=_person,
    ),
    Case(
        "privacy:person",
        lambda w: reverse("privacy:person", args=[w.programme.code, "contact-999999"]),
        expect(manager=404, coach=403, finance=403),
        label="unknown person",
    ),
    Case("privacy:extract_json", _url("extract_json"), MANAGERS_ONLY, setup=_person),
    Case("privacy:extract_pdf", _url("extract_pdf"), MANAGERS_ONLY, setup=_person),
    Case("privacy:pseudonymise", _url("pseudonymise"), MANAGERS_ONLY, setup=_person),
    Case(
        "privacy:pseudonymise",
        _url("pseudonymise"),
        POSTED,
        method="post",
        label="post",
        setup=_person,
        fresh=True,  # each user meets a person not yet pseudonymised
    ),
    Case("privacy:erase", _url("erase"), MANAGERS_ONLY, setup=_person),
    # Fresh: each user meets a person not yet erased, so a refusal is a refusal, not a 404.
    Case(
        "privacy:erase",
        _url("erase"),
        POSTED,
        method="post",
        label="post",
        setup=_person,
        fresh=True,
    ),
]
