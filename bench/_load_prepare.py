"""The load bench's database: the demo, the bench's users and the pages each role sees.

Run by load_bench.py in a process of its own, with the environment the server will have
(DATABASE_URL, DIPPS_VAR_DIR, DEBUG=0):

    python bench/_load_prepare.py PERSONAS.json --users 50

It brings the tables up to date, gathers the static files, loads the demo (`dipps
demo-data`), adds the bench's users — copies of the demo user of each role, with the same
memberships and password, company representatives each bound to a firm of their own — and
finds the pages each role can see by following the links from its start page, as that
user, with Django's test client. It writes the personas (load_client.Persona) as JSON.
"""

from __future__ import annotations

import argparse
import html
import io
import json
import os
import re
import sys
from collections import Counter, deque
from pathlib import Path
from urllib.parse import urlsplit

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dipps.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import Resolver404, resolve  # noqa: E402

from dipps.accounts.demo import DEMO_PASSWORD  # noqa: E402
from dipps.accounts.models import Membership, Role  # noqa: E402
from dipps.companies.models import Company  # noqa: E402
from dipps.programmes.models import Programme  # noqa: E402
from dipps.stateaid.models import DeMinimisCase  # noqa: E402

# How the users are spread over the roles (of 50: 10, 15, 8, 10, 7), and the demo user
# each role's bench users copy.
SPREAD = {
    Role.MANAGER: ("projektledare", 0.20),
    Role.COACH: ("coach", 0.30),
    Role.FINANCE: ("ekonom", 0.16),
    Role.COMPANY: ("foretag", 0.20),
    Role.OBSERVER: ("observator", 0.14),
}
WRITES = {
    Role.MANAGER: ["timesheet", "activity", "contact"],
    Role.COACH: ["timesheet", "activity", "contact"],
    Role.FINANCE: ["timesheet"],
}
# Not page views: downloads (CSV, XLSX, PDF, JSON), the admin, the language switch,
# log-out, self-service and sign-in links (they belong to people without a log-in).
SKIP = re.compile(
    r"\.(csv|xlsx|pdf|json)$|/(pdf|file|extract[^/]*)/$|export|^/(admin|i18n|static)/"
    r"|^/logout/|/s/[^/]+/$|/sign-in/"
)
PER_VIEW = 3  # pages of one view (three firms' pages, not eighty)
PER_ROLE = 100


def spread(users: int) -> dict[str, int]:
    """Users per role by SPREAD's shares, rounded by largest remainder, each role >= 1."""
    exact = {role: users * share for role, (_, share) in SPREAD.items()}
    counts = {role: max(1, int(x)) for role, x in exact.items()}
    for role in sorted(exact, key=lambda r: -(exact[r] - int(exact[r]))):
        if sum(counts.values()) >= users:
            break
        counts[role] += 1
    return counts


def make_users(users: int) -> list[tuple[str, str]]:
    """The bench's users, `load-<role>-NN`, as (username, role)."""
    User = get_user_model()
    dipps = Programme.objects.get(code="DIPPS")
    firms = list(
        Company.objects.filter(participations__programme=dipps, is_sole_trader=False)
        .annotate(n=Count("assessments"))
        .order_by("-n", "name")
    )
    made = []
    for role, count in spread(users).items():
        model = User.objects.get(username=SPREAD[role][0])
        for i in range(1, count + 1):
            user, _ = User.objects.update_or_create(
                username=f"load-{role}-{i:02d}",
                defaults={
                    "first_name": model.first_name,
                    "last_name": f"{model.last_name} {i}",
                    "password": model.password,  # the demo's password, hashed once
                    "is_staff": model.is_staff,
                },
            )
            user.user_permissions.set(model.user_permissions.all())
            for membership in model.memberships.all():
                firm = firms[(i - 1) % len(firms)] if role == Role.COMPANY else None
                Membership.objects.update_or_create(
                    user=user,
                    programme=membership.programme,
                    defaults={"role": role, "company": firm},
                )
            made.append((user.username, str(role)))
    return made


def links(page: str) -> list[str]:
    found = []
    for href in re.findall(r'href="([^"]+)"', page):
        parts = urlsplit(html.unescape(href))
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def crawl(username: str) -> list[str]:
    """The HTML pages the user reaches from the start page by links, breadth first, at
    most PER_VIEW of one view and PER_ROLE in all."""
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    seen, pages, per_view = {"/"}, [], Counter()
    queue = deque(["/"])
    while queue and len(pages) < PER_ROLE:
        path = queue.popleft()
        try:
            view = resolve(urlsplit(path).path).view_name
        except Resolver404:
            continue
        if per_view[view] >= PER_VIEW:
            continue
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        per_view[view] += 1
        pages.append(path)
        for link in links(response.content.decode()):
            if link not in seen and not SKIP.search(link):
                seen.add(link)
                queue.append(link)
    return pages


def personas(users: list[tuple[str, str]]) -> list[dict]:
    dipps = Programme.objects.get(code="DIPPS")
    # Activities are recorded for firms with an approved de minimis case (the rule), and
    # contacts added to the same firms.
    firms = sorted(
        DeMinimisCase.objects.filter(
            programme=dipps, status=DeMinimisCase.Status.APPROVED
        ).values_list("company_id", flat=True)
    )
    crawled: dict[str, list[str]] = {}
    result = []
    for username, role in users:
        # One crawl a role: its users see the same; a representative sees its own firm.
        key = username if role == Role.COMPANY else role
        if key not in crawled:
            crawled[key] = crawl(username)
            print(f"  {key}: {len(crawled[key])} pages", file=sys.stderr)
        result.append(
            {
                "username": username,
                "password": DEMO_PASSWORD,
                "role": role,
                "pages": crawled[key],
                "writes": WRITES.get(role, []),
                "companies": firms if role in WRITES else [],
            }
        )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--users", type=int, default=50)
    args = parser.parse_args()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("demo-data", verbosity=0, stdout=io.StringIO())
    args.output.write_text(json.dumps(personas(make_users(args.users)), indent=1))


if __name__ == "__main__":
    main()
