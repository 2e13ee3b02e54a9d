"""`/healthz`: is this app server able to serve? For a load balancer, systemd or a monitor.

Each check in the setting ``DIPPS_HEALTH_CHECKS`` (name -> dotted path of a callable) runs
in turn; a check passes when it returns and fails when it raises. The answer is JSON, never
cached, and the same for everyone (no login, no personal data):

- 200 ``{"status": "ok", "checks": {"database": "ok"}}`` when every check passes;
- 503 ``{"status": "error", "checks": {"database": "error"}}`` when one fails. The reason is
  logged (logger ``dipps.health``), not sent: the endpoint is public.

A later part (the job queue) adds its check to the setting; this module need not change.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger("dipps.health")

OK = "ok"
ERROR = "error"


def check_database() -> None:
    """A trivial query on the default database: it is reachable and answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise RuntimeError("SELECT 1 did not return 1")


def configured_checks() -> dict[str, Callable[[], None]]:
    return {name: import_string(path) for name, path in settings.DIPPS_HEALTH_CHECKS.items()}


def run_checks(checks: dict[str, Callable[[], None]]) -> dict[str, str]:
    results = {}
    for name, check in checks.items():
        try:
            check()
        except Exception:
            logger.exception("health check %s failed", name)
            results[name] = ERROR
        else:
            results[name] = OK
    return results


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    results = run_checks(configured_checks())
    healthy = all(result == OK for result in results.values())
    return JsonResponse(
        {"status": OK if healthy else ERROR, "checks": results}, status=200 if healthy else 503
    )
