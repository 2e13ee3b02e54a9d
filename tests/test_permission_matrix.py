"""Every URL pattern of the project × every role → the expected status.

A view added without a case in tests/matrix/ makes `test_every_url_has_a_case`
fail. Admin patterns are Django's own and guarded by its is_staff check; the
admin is covered by its index case.
"""

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from . import matrix
from .matrix import ALL_ROLES, ANON, MIXED, Case, add_mixed_users, outcome


def _cases() -> list[Case]:
    cases = []
    for info in pkgutil.iter_modules(matrix.__path__):
        module = importlib.import_module(f"{matrix.__name__}.{info.name}")
        cases.extend(getattr(module, "CASES", []))
    return cases


CASES = _cases()

# Views that render a PDF with WeasyPrint, about half a second for each user: their cases are
# `slow` (run by `make test FULL=1` and CI, left out of the fast profile). A case that gets a
# PDF from a view not listed here fails, so the fast profile stays fast.
PDF_VIEWS = frozenset(
    {
        "automation:prestudy_pdf",
        "engagements:attendance_pdf",
        "finance:claim_pdf",
        "finance:final_report_pdf",
        "impact:report_pdf",
        "maturity:report",
        "privacy:extract_pdf",
        "scenarios:run_pdf",
        "stateaid:case_file",
        "stateaid:certificate",
    }
)


def _param(case: Case):
    marks = [pytest.mark.slow] if case.name in PDF_VIEWS else []
    return pytest.param(case, id=case.id, marks=marks)


def _url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or ""
            yield from _url_names(p, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(p, URLPattern):
            yield f"{namespace}{p.name}" if p.name else f"{namespace}<unnamed {p.pattern}>"


def test_every_url_has_a_case():
    covered = {c.name for c in CASES}
    names = {n for n in _url_names() if not n.startswith("admin:")}
    missing = sorted(names - covered)
    assert not missing, f"URL patterns without a permission-matrix case: {missing}"
    unknown = sorted(covered - names - {"admin:index"})
    assert not unknown, f"matrix cases for URL names that do not exist: {unknown}"


def test_every_case_names_every_role():
    for case in CASES:
        assert set(case.expect) == set(ALL_ROLES), case.id
        assert case.setup or not case.fresh, f"{case.id}: a fresh case makes its object in setup"


@pytest.fixture
def matrix_world(world):
    add_mixed_users(world)
    return world


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_permission_matrix(case, matrix_world, client):
    world = matrix_world
    url = None
    got = {}
    for role in ALL_ROLES:
        if url is None or case.fresh:
            if case.setup:
                case.setup(world)
            url = case.url(world)
        client.logout()
        headers = {}
        if role != ANON:
            if case.login:
                headers = case.login(world.users[role])
            else:
                client.force_login(world.users[role])
        data = case.data(world) if case.data else {}
        response = getattr(client, case.method)(url, data, **headers)
        got[role] = response.status_code
        if response.get("Content-Type", "").startswith("application/pdf"):
            assert case.name in PDF_VIEWS, f"{case.name} renders a PDF: list it in PDF_VIEWS"
    # Mixed-role users: a refusal is a refusal (403 or 404); anything else exact.
    wanted = {r: (outcome(s) if r in MIXED else s) for r, s in case.expect.items()}
    assert {r: (outcome(s) if r in MIXED else s) for r, s in got.items()} == wanted
