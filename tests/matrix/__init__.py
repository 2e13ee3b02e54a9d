"""The permission matrix: for every URL pattern, the expected status per role.

Each app adds its cases in `tests/matrix/<app>.py` as `CASES = [Case(...), ...]`.
`test_permission_matrix.py` collects them all and fails when a URL pattern of
the project has no case.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

ANON = "anonymous"
ALL_ROLES = (ANON, "manager", "coach", "finance", "company", "observer")


@dataclass
class Case:
    name: str  # "namespace:url_name"
    url: Callable[[Any], str]  # world -> path
    expect: dict[str, int]  # role -> status; every role in ALL_ROLES must be given
    method: str = "get"
    data: Callable[[Any], dict] | None = None
    label: str = ""  # tells apart several cases for one URL name
    setup: Callable[[Any], None] | None = None

    @property
    def id(self) -> str:
        return f"{self.name}{'#' + self.label if self.label else ''}"


def expect(
    anonymous=302, manager=200, coach=200, finance=200, company=403, observer=403, **_ignored
) -> dict[str, int]:
    """Build an expectation; the defaults are a staff-only page."""
    return {
        ANON: anonymous,
        "manager": manager,
        "coach": coach,
        "finance": finance,
        "company": company,
        "observer": observer,
    }


STAFF_ONLY = expect()
EVERY_ROLE = expect(company=200, observer=200)
