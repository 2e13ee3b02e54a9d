"""The shell of conditional GET: JSON bodies with ETag and Last-Modified, and 304s.

The rules are in the pure core `conditional`; this reads the request's headers, asks the
audit history when anything last changed, and builds the response.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.db.models import Max, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.http import http_date, parse_http_date_safe
from ninja import Schema

from dipps.core.models import AuditEntry

from . import conditional
from .models import ApiToken


def last_change(*stamps: datetime | None) -> datetime | None:
    """The newest change the platform recorded: the audit history (every change to a
    company, assessment, activity or cost is kept there) and any timestamps of the rows."""
    # A token's own history (made, revoked) changes no figure.
    figures = AuditEntry.objects.exclude(model=ApiToken._meta.label_lower)
    # Newest first along the index on `at`: one short walk, not a scan of the history.
    newest = figures.order_by("-at").values_list("at", flat=True).first()
    known = [s for s in (newest, *stamps) if s is not None]
    return max(known) if known else None


def newest(qs: QuerySet, field: str) -> datetime | None:
    return qs.aggregate(at=Max(field))["at"]


def _since(request: HttpRequest) -> datetime | None:
    header = request.headers.get("If-Modified-Since")
    seconds = parse_http_date_safe(header) if header else None
    return datetime.fromtimestamp(seconds).astimezone() if seconds is not None else None


def _headers(response: HttpResponse, etag: str | None, last_modified: datetime | None):
    if etag:
        response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    # Per user (the token decides what is in it): caches may keep it only for that user,
    # and must ask again each time (a 304 is cheap).
    response["Cache-Control"] = "private, no-cache"
    response["Vary"] = "Authorization, Accept-Language"
    return response


def respond(
    request: HttpRequest,
    schema: type[Schema],
    build: Callable[[], object],
    last_modified: datetime | None,
) -> HttpResponse:
    """200 with the body `build()` gives, validated by `schema`; 304 when the client's copy
    (If-None-Match, else If-Modified-Since) is current. A copy judged by its date alone is
    answered before the body is built, which is what makes a BI tool's refresh cheap."""
    if_none_match = request.headers.get("If-None-Match")
    since = _since(request)
    if if_none_match is None and conditional.not_modified(
        etag=None, last_modified=last_modified, if_none_match=None, if_modified_since=since
    ):
        return _headers(HttpResponse(status=304), None, last_modified)
    body = schema.model_validate(build()).model_dump_json(by_alias=True).encode()
    etag = conditional.etag_of(body)
    if conditional.not_modified(
        etag=etag,
        last_modified=last_modified,
        if_none_match=if_none_match,
        if_modified_since=since,
    ):
        return _headers(HttpResponse(status=304), etag, last_modified)
    return _headers(HttpResponse(body, content_type="application/json"), etag, last_modified)
