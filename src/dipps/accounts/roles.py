"""Who may do what, in which programme: the one access helper.

A user holds one role per programme (`Membership`). Every question about access
is asked *for a programme* (or for a company, through the programmes it takes
part in), never "does the user have this role anywhere?": a finance officer in
one programme who observes another must not reach the other's ledger.

- Views inside a programme use `programmes.access.programme_view(*roles)`, which
  resolves the programme from the URL and checks the role held *there*.
- Views on a company use `companies.selectors.company_for(user, pk, roles)`, which
  checks the roles held in the programmes that company takes part in.
- Selectors scope querysets with `in_programmes(qs, user, roles)`.

`role_required(*roles)` remains as a cheap first gate (403 for a user who holds
none of the roles in any programme, as before); it never grants access by itself.

The role groups below are the only ones; each name has one meaning everywhere.
A superuser counts as a programme manager in every programme.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from .models import Membership, Role

# The programme's own people: they see its firms and the personal data it keeps.
STAFF = (Role.MANAGER, Role.COACH, Role.FINANCE)
# They change a firm's work: contacts, engagements, assessments, de minimis.
WRITERS = (Role.MANAGER, Role.COACH)
# They handle the programme's money: budget, ledger, payment claims.
FINANCE = (Role.MANAGER, Role.FINANCE)
# They read a programme's pages and aggregates (an observer never sees personal data).
READERS = (*STAFF, Role.OBSERVER)
# They read a firm's own pages: the programme's staff and the firm's representative.
FIRM_READERS = (*STAFF, Role.COMPANY)
# They set the programme up: reference tables, indicator targets, rates.
MANAGERS = (Role.MANAGER,)
EVERY_ROLE = tuple(Role.values)

# The order in which a landing page is chosen when a user has several roles.
PRECEDENCE = (Role.MANAGER, Role.FINANCE, Role.COACH, Role.OBSERVER, Role.COMPANY)


def memberships_of(user) -> list[Membership]:
    """The user's memberships, cached on the user object for the request."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_dipps_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user).select_related(
                "programme__predecessor__predecessor", "company"
            )
        )
        for m in cached:
            m.lineage = lineage(m.programme)
        user._dipps_memberships = cached
    return cached


def roles_of(user) -> set[str]:
    """Every role the user holds in some programme: for menus and landing pages only."""
    if not user.is_authenticated:
        return set()
    roles = {m.role for m in memberships_of(user)}
    if user.is_superuser:
        roles.add(Role.MANAGER)
    return roles


def primary_role(user) -> str | None:
    roles = roles_of(user)
    return next((r for r in PRECEDENCE if r in roles), None)


def holds_anywhere(user, roles) -> bool:
    """Does the user hold one of `roles` in some programme? A first gate, never a grant."""
    return bool(roles_of(user) & set(roles))


def roles_in(user, programme_id: int) -> set[str]:
    """The role the user holds in one programme (a set: empty, or one role)."""
    if not user.is_authenticated:
        return set()
    if user.is_superuser:
        return {Role.MANAGER}
    return {m.role for m in memberships_of(user) if m.programme_id == programme_id}


def has_role_in(user, programme_id: int, roles) -> bool:
    return bool(roles_in(user, programme_id) & set(roles))


def programme_ids(user, roles=EVERY_ROLE) -> list[int]:
    """The programmes where the user holds one of `roles` (not meaningful for superusers)."""
    wanted = set(roles)
    return [m.programme_id for m in memberships_of(user) if m.role in wanted]


def in_programmes(qs: QuerySet, user, roles, field: str = "programme") -> QuerySet:
    """`qs` narrowed to rows whose `field` is a programme where the user holds one of `roles`."""
    if not user.is_authenticated:
        return qs.none()
    if user.is_superuser:
        return qs
    return qs.filter(**{f"{field}__in": programme_ids(user, roles)})


def represented_company_ids(user) -> set[int]:
    return {m.company_id for m in memberships_of(user) if m.role == Role.COMPANY}


def company_roles(user, company_id: int, company_programme_ids) -> set[str]:
    """The roles that count for one company.

    A staff or observer role counts for the firms that take part in that
    programme or in one of its predecessors (the register keeps a firm's history
    across SIM JH → SIMMITT → DIPPS, and a programme goes on with its
    predecessors' firms); for a firm that takes part in no programme yet (a
    prospect) every staff role counts. A representative's role counts only for
    the firm it is bound to.
    """
    if not user.is_authenticated:
        return set()
    if user.is_superuser:
        return {Role.MANAGER}
    taking_part = set(company_programme_ids)
    roles = set()
    for m in memberships_of(user):
        if m.role == Role.COMPANY:
            if m.company_id == company_id:
                roles.add(Role.COMPANY)
        elif (not taking_part and m.role in STAFF) or taking_part & m.lineage:
            roles.add(m.role)
    return roles


def lineage(programme) -> set[int]:
    """A programme and its predecessors, nearest first (bounded against a cycle)."""
    ids: set[int] = set()
    current = programme
    while current is not None and current.pk not in ids and len(ids) < 20:
        ids.add(current.pk)
        current = current.predecessor
    return ids


def company_programme_scope(user, roles) -> set[int]:
    """The programmes whose firms the user sees with one of `roles` (lineage included)."""
    wanted = set(roles)
    ids: set[int] = set()
    for m in memberships_of(user):
        if m.role in wanted and m.role != Role.COMPANY:
            ids |= m.lineage
    return ids


def role_required(*roles: str):
    """Anonymous users go to the login page; users who hold none of `roles` in any
    programme get 403. The view must still check the role in the programme (or for
    the company) it works on: use `programme_view` or `company_for`."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not holds_anywhere(request.user, roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.required_roles = roles
        return wrapper

    return decorator
