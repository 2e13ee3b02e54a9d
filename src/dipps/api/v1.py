"""Version 1 of the read API for BI tools (docs/api.md), at /api/v1/.

GET only, authenticated by a per-user token (`Authorization: Bearer dipps_…`), and scoped
by the very selectors the pages use: an answer holds what the token's user sees in the UI,
no more. Version 1 only grows (new endpoints, new fields); a change that would break a
client's query comes as /api/v2/ beside it.
"""

from __future__ import annotations

from csp.decorators import csp_update
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Query, Swagger
from ninja.security import HttpBearer

from dipps.accounts.roles import EVERY_ROLE, FINANCE, FIRM_READERS, READERS, holds_anywhere
from dipps.accounts.roles import roles_in as held_roles
from dipps.companies.selectors import companies_visible_to
from dipps.engagements.selectors import activities_visible_to
from dipps.finance.selectors import claims_visible_to
from dipps.indicators.selectors import indicator_page
from dipps.maturity.models import Assessment, Stage, Status
from dipps.maturity.selectors import assessments_visible_to
from dipps.programmes.access import programme_for
from dipps.programmes.selectors import programmes_visible_to

from . import conditional, rows, schemas
from .responses import last_change, newest, respond
from .selectors import token_valid
from .services import token_touch


class BearerToken(HttpBearer):
    """A token that is not revoked, not past its last day, of an active user."""

    def authenticate(self, request: HttpRequest, token: str):
        found = token_valid(token.strip())
        if found is None:
            return None
        token_touch(found)
        # The selectors read `request.user`: from here on it is the token's user, whatever
        # session cookie came along.
        request.user = found.user
        return found.user


class Docs(Swagger):
    """Swagger UI from the files django-ninja ships (no CDN), started by a static script
    rather than an inline one, which the Content-Security-Policy forbids."""

    template = "api/docs.html"

    def __init__(self):
        # No call to the public validator service, which would leave the machine.
        super().__init__(settings={"validatorUrl": None, "persistAuthorization": False})


api = NinjaAPI(
    title="DIPPS API",
    version="1",
    description=(
        "Read-only figures of DIPPS for BI tools: programmes, indicators, companies, "
        "maturity assessments, activities and payment claims. See docs/api.md."
    ),
    urls_namespace="api_v1",
    auth=BearerToken(),
    docs=Docs(),
    # Swagger UI's stylesheet draws its icons as data: images.
    docs_decorator=csp_update({"img-src": ["data:"]}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)

REFUSALS = {401: schemas.Error, 403: schemas.Error, 404: schemas.Error}


@api.exception_handler(PermissionDenied)
def _refused(request, exc):
    return api.create_response(request, {"detail": _("Not allowed.")}, status=403)


def _gate(request, roles) -> None:
    """The first gate the pages have (`role_required`): no role of `roles` anywhere → 403."""
    if not holds_anywhere(request.user, roles):
        raise PermissionDenied


def _programme(request, code: str | None, roles):
    return programme_for(request.user, code, roles) if code else None


def _page(qs, q: schemas.ListQuery, row):
    window = conditional.window(qs.count(), q.limit, q.offset)
    chosen = qs[window.offset : window.offset + window.limit]
    return rows.page(window, [r for r in (row(obj) for obj in chosen) if r is not None])


@api.get("/programmes", response={200: schemas.ProgrammePage, **REFUSALS}, url_name="programmes")
def programmes(request, q: Query[schemas.ListQuery]):
    """The programmes where the user holds a role, with that role."""
    user = request.user
    qs = programmes_visible_to(user, EVERY_ROLE).order_by("code", "id")

    def build():
        with translation.override(q.lang):
            return _page(
                qs, q, lambda p: rows.programme_row(p, next(iter(held_roles(user, p.pk)), None))
            )

    return respond(request, schemas.ProgrammePage, build, last_change())


@api.get(
    "/programmes/{code}/indicators",
    response={200: schemas.Indicators, **REFUSALS},
    url_name="indicators",
)
def indicators(request, code: str, q: Query[schemas.IndicatorQuery]):
    """ERDF and programme indicators as on the indicator page: the window's value, the
    cumulative value to its end, the target and the progress. Aggregates only."""
    _gate(request, READERS)
    programme = programme_for(request.user, code, READERS)

    def build():
        with translation.override(q.lang):
            values, found = indicator_page(programme, q.from_, q.to)
            results = [rows.indicator_row(r) for r in found]
            return {
                "programme": programme.code,
                "start": values["from"],
                "end": values["to"],
                "count": len(results),
                "results": results,
            }

    return respond(request, schemas.Indicators, build, last_change())


@api.get("/companies", response={200: schemas.CompanyPage, **REFUSALS}, url_name="companies")
def companies(request, q: Query[schemas.ListQuery], programme: str | None = None):
    """The firms the user sees (`companies_visible_to`): the programme's staff their
    programmes' firms, a representative their own; observers see none (aggregates only)."""
    _gate(request, FIRM_READERS)
    qs = companies_visible_to(request.user)
    if programme:
        qs = qs.filter(participations__programme=_programme(request, programme, FIRM_READERS))
    qs = qs.order_by("id").prefetch_related("sni_codes", "contacts", "participations__programme")

    def build():
        with translation.override(q.lang):
            return _page(qs, q, lambda c: rows.company_row(request.user, c))

    return respond(request, schemas.CompanyPage, build, last_change(newest(qs, "updated")))


@api.get("/assessments", response={200: schemas.AssessmentPage, **REFUSALS}, url_name="assessments")
def assessments(
    request,
    q: Query[schemas.ListQuery],
    programme: str | None = None,
    stage: Stage | None = None,
):
    """Submitted maturity assessments the user sees: overall and dimension scores, stage,
    date. Never the answers."""
    _gate(request, FIRM_READERS)
    qs = assessments_visible_to(request.user).filter(status=Status.SUBMITTED)
    if programme:
        qs = qs.filter(programme=_programme(request, programme, FIRM_READERS))
    if stage:
        qs = qs.filter(stage=stage)
    qs = qs.select_related("company", "programme").order_by("id")

    def build():
        with translation.override(q.lang):
            return _page(qs, q, rows.assessment_row)

    stamp = newest(Assessment.objects.filter(pk__in=qs.values("pk")), "submitted")
    return respond(request, schemas.AssessmentPage, build, last_change(stamp))


@api.get("/activities", response={200: schemas.ActivityPage, **REFUSALS}, url_name="activities")
def activities(
    request,
    q: Query[schemas.ListQuery],
    dates: Query[schemas.Dates],
    programme: str | None = None,
):
    """Activities the user sees: type (code and label), date, hours and participant counts,
    and the firms supported that the user may see. Never the note."""
    _gate(request, FIRM_READERS)
    qs = activities_visible_to(request.user)
    if programme:
        qs = qs.filter(programme=_programme(request, programme, FIRM_READERS))
    if dates.from_:
        qs = qs.filter(date__gte=dates.from_)
    if dates.to:
        qs = qs.filter(date__lte=dates.to)
    qs = qs.select_related("programme").prefetch_related("shares").order_by("date", "id")
    user = request.user
    visible = (
        None if user.is_superuser else set(companies_visible_to(user).values_list("id", flat=True))
    )

    def build():
        with translation.override(q.lang):
            return _page(qs, q, lambda a: rows.activity_row(a, visible))

    return respond(request, schemas.ActivityPage, build, last_change())


@api.get(
    "/programmes/{code}/claims", response={200: schemas.ClaimPage, **REFUSALS}, url_name="claims"
)
def claims(request, code: str, q: Query[schemas.ListQuery]):
    """The programme's payment claims with their totals, for its finance officer and
    programme manager (as the claim pages). A submitted claim shows its frozen figures."""
    _gate(request, FINANCE)
    found = programme_for(request.user, code, FINANCE)
    qs = claims_visible_to(request.user).filter(period__programme=found)
    qs = qs.order_by("period__number", "id")

    def build():
        with translation.override(q.lang):
            return _page(qs, q, rows.claim_row)

    return respond(request, schemas.ClaimPage, build, last_change(newest(qs, "submitted")))
