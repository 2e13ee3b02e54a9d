"""The read API (/api/v1/) by token, and the token pages by session.

API cases sign in with a token of the user (`Authorization: Bearer …`), never a session:
that is how a BI tool calls. Each endpoint is scoped by the selector its pages use, so its
expectations mirror theirs: indicators as the indicator page (READERS), companies,
assessments and activities as a firm's pages (staff and the firm's representative;
observers see no firm), claims as the claim pages (FINANCE).
"""

from django.urls import reverse

from . import ANON, Case, expect


def bearer(user) -> dict:
    from dipps.api.services import token_create

    _token, raw = token_create(user=user, name="matrix")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def _world(w):
    """A claim, a submitted assessment and an activity, so every list has rows to show."""
    from tests.matrix import engagements, finance, maturity

    finance._setup(w)
    maturity._world(w)
    engagements._activity(w)


def _v1(name, args=None):
    return lambda w: reverse(f"api_v1:{name}", args=[a(w) for a in args or []])


def _code(w):
    return w.programme.code


UNAUTHORISED = {ANON: 401}
EVERYONE = expect(**UNAUTHORISED, company=200, observer=200, outsider=200)
READERS = expect(**UNAUTHORISED, observer=200)
FIRMS = expect(**UNAUTHORISED, company=200, observer_finance=200, coach_rep=200, outsider=200)
FINANCE = expect(**UNAUTHORISED, coach=403)
PUBLIC = expect(anonymous=200, company=200, observer=200, outsider=200)


def _api(name, expected, args=None, label=""):
    return Case(
        f"api_v1:{name}", _v1(name, args), expected, setup=_world, login=bearer, label=label
    )


CASES = [
    _api("programmes", EVERYONE),
    _api("indicators", READERS, [_code]),
    _api(
        "indicators",
        expect(**UNAUTHORISED, manager=404, coach=404, finance=404, observer=404),
        [lambda w: "NOPE"],
        label="unknown programme",
    ),
    _api("companies", FIRMS),
    _api("assessments", FIRMS),
    _api("activities", FIRMS),
    _api("claims", FINANCE, [_code]),
    # A session is not enough: the API reads only tokens.
    Case(
        "api_v1:companies",
        _v1("companies"),
        expect(
            anonymous=401,
            manager=401,
            coach=401,
            finance=401,
            company=401,
            observer=401,
            observer_finance=401,
            coach_rep=401,
            outsider=401,
        ),
        label="session",
    ),
    # The OpenAPI document and its browsable page hold no data: open to anyone.
    Case("api_v1:openapi-json", _v1("openapi-json"), PUBLIC),
    Case("api_v1:openapi-view", _v1("openapi-view"), PUBLIC),
    Case(
        "api_v1:api-root",
        _v1("api-root"),
        expect(
            anonymous=404,
            manager=404,
            coach=404,
            finance=404,
            company=404,
            observer=404,
            outsider=404,
        ),
        login=bearer,
    ),
]


def _manager_token(w):
    from dipps.api.services import token_create

    if "api_token" not in w.extra:
        w.extra["api_token"], _raw = token_create(user=w.users["manager"], name="Power BI")


# The token pages: every signed-in user manages their own tokens, and only their own.
CASES += [
    Case(
        "api:tokens",
        lambda w: reverse("api:tokens"),
        expect(company=200, observer=200, outsider=200),
    ),
    Case(
        "api:tokens",
        lambda w: reverse("api:tokens"),
        expect(company=200, observer=200, outsider=200),
        method="post",
        data=lambda w: {"name": "Excel", "expires": ""},
        label="post",
    ),
    Case(
        "api:token_revoke",
        lambda w: reverse("api:token_revoke", args=[w.extra["api_token"].pk]),
        expect(manager=302, coach=404, finance=404, company=404, observer=404),
        method="post",
        setup=_manager_token,
    ),
    Case(
        "api:token_revoke",
        lambda w: reverse("api:token_revoke", args=[w.extra["api_token"].pk]),
        expect(manager=405, coach=405, finance=405, company=405, observer=405, outsider=405),
        setup=_manager_token,
        label="get",
    ),
]
