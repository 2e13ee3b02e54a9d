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
SINGLE_ROLES = (ANON, "manager", "coach", "finance", "company", "observer")
# Users with different roles in two programmes (see `add_mixed_users`), each
# compared with the single-role user of the role they hold in the world's programme:
MIXED = {
    "observer_finance": "observer",  # observer here, finance officer in OTHER
    "coach_rep": "company",  # representative of world.company here, coach in OTHER
    "outsider": None,  # manager of the closed predecessor SIMMITT only: no role here
}
ALL_ROLES = SINGLE_ROLES + tuple(MIXED)
REFUSED = "refused"  # 403 or 404: which one does not matter for a mixed-role user


@dataclass
class Case:
    name: str  # "namespace:url_name"
    url: Callable[[Any], str]  # world -> path
    expect: dict[str, int]  # role -> status; every role in ALL_ROLES must be given
    method: str = "get"
    data: Callable[[Any], dict] | None = None
    label: str = ""  # tells apart several cases for one URL name
    setup: Callable[[Any], None] | None = None
    # The users run in turn on one world. A request that uses its object up (a delete) would
    # leave everyone after the first who may a 404 that hides whether they may too: with
    # `fresh`, setup runs again before each user, so that each meets an object of its own.
    fresh: bool = False
    # How a user signs in: None, the session (`force_login`); otherwise a callable
    # user -> extra request headers (the read API's token, see tests/matrix/api.py).
    login: Callable[[Any], dict] | None = None

    @property
    def id(self) -> str:
        return f"{self.name}{'#' + self.label if self.label else ''}"


def expect(
    anonymous=302,
    manager=200,
    coach=200,
    finance=200,
    company=403,
    observer=403,
    observer_finance=None,
    coach_rep=None,
    outsider=REFUSED,
    **_ignored,
) -> dict[str, int | str]:
    """Build an expectation; the defaults are a staff-only page.

    A mixed-role user is expected to fare like the single-role user of the role they
    hold in the world's programme (None) unless a case says otherwise: a role held
    only in another programme must never open a page here. The outsider holds no
    role here and is refused (403 or 404) unless a case says otherwise.
    """
    single = {
        ANON: anonymous,
        "manager": manager,
        "coach": coach,
        "finance": finance,
        "company": company,
        "observer": observer,
    }
    mixed = {"observer_finance": observer_finance, "coach_rep": coach_rep, "outsider": outsider}
    for name, value in mixed.items():
        like = MIXED[name]
        mixed[name] = single[like] if value is None and like else value
    return {**single, **mixed}


def outcome(status) -> str:
    """How a mixed-role user's status is compared: refusals are one outcome."""
    if status == REFUSED or status in (403, 404):
        return REFUSED
    return str(status)


def add_mixed_users(world) -> None:
    """Users who hold different roles in two programmes, beside the world's own."""
    from dipps.accounts.models import Role
    from dipps.programmes.models import Programme
    from tests.factories import make_programme, make_user

    other = make_programme(code="OTHER")
    predecessor = make_programme(code="SIMMITT", status=Programme.Status.CLOSED)
    world.programme.predecessor = predecessor
    world.programme.save(update_fields=["predecessor"])
    observer_finance = make_user(Role.OBSERVER, world.programme)
    make_user(Role.FINANCE, other, user=observer_finance)
    coach_rep = make_user(Role.COMPANY, world.programme, company=world.company)
    make_user(Role.COACH, other, user=coach_rep)
    world.users.update(
        observer_finance=observer_finance,
        coach_rep=coach_rep,
        outsider=make_user(Role.MANAGER, predecessor),
    )


STAFF_ONLY = expect()
EVERY_ROLE = expect(company=200, observer=200)
