"""Working-method benchmark: programme totals and de minimis headroom at programme scale.

Seeds (deterministically) 100,000 companies and 2,000,000 activities, each with
its company share and de minimis ledger entry, then times, in-process through
the full middleware stack with a logged-in programme manager:

- a trivial view (the floor: an HttpResponse behind the same middleware that
  loads the session and the logged-in user),
- the programme totals page (/engagements/programme/DIPPS/), target ≤ 20× the floor,
- one company's de minimis headroom (/stateaid/company/<pk>/headroom/, the card
  the company pages include), target ≤ 5× the floor; and, for information, the
  company's full ledger page.

SQLite by default (a scratch file, recreated each run); PostgreSQL when
DATABASE_URL is set — use a scratch database, the bench flushes it.

    .venv/bin/python bench/engagements_bench.py [--scale 0.05] [--repeat 30]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

SCRATCH = Path(tempfile.gettempdir()) / "dipps-engagements-bench.sqlite3"
if "DATABASE_URL" not in os.environ:
    SCRATCH.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{SCRATCH}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dipps.settings")
os.environ["DEBUG"] = "0"  # no query log: measure what production runs
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import include, path  # noqa: E402

from dipps.accounts.models import Membership, Role  # noqa: E402
from dipps.companies.models import Company  # noqa: E402
from dipps.core.models import ExchangeRate  # noqa: E402
from dipps.engagements.models import Activity, ActivityCompany, InKindRate  # noqa: E402
from dipps.engagements.services import totals_rebuild  # noqa: E402
from dipps.programmes.models import Organisation, Programme  # noqa: E402
from dipps.stateaid.models import AidEntry, AidRate  # noqa: E402


def trivial(request):
    # The floor every real page pays too: the session and the logged-in user are
    # loaded (which opens the database connection), nothing else.
    return HttpResponse("ok" if request.user.is_authenticated else "anonymous")


# This module is the URL conf: the project's URLs plus the trivial floor view.
urlpatterns = [path("bench-trivial/", trivial), path("", include("dipps.urls"))]
settings.ROOT_URLCONF = __name__ if __name__ != "__main__" else "__main__"
settings.ALLOWED_HOSTS = ["testserver"]
settings.SECURE_SSL_REDIRECT = False
settings.SESSION_COOKIE_SECURE = False
settings.CSRF_COOKIE_SECURE = False
# No collectstatic for a bench: plain static URLs instead of the hashed manifest.
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

TYPES = ["analysis", "workshop", "coaching", "training", "study_visit", "expert_support"]
RATE = Decimal("11.4325")


def seed(companies: int, activities: int, rng: random.Random) -> tuple[Programme, int]:
    owner = Organisation.objects.create(name="Region Jämtland Härjedalen")
    programme = Programme.objects.create(
        code="DIPPS",
        name="DIPPS",
        start=date(2023, 9, 1),
        end=date(2028, 8, 31),
        owner=owner,
        total_budget=Decimal("22185000"),
    )
    ExchangeRate.objects.create(currency="EUR", valid_from=date(2023, 1, 1), sek_per_unit=RATE)
    AidRate.objects.create(programme=programme, valid_from=date(2023, 9, 1), hourly_rate_sek=950)
    InKindRate.objects.create(programme=programme, valid_from=date(2023, 9, 1), hourly_rate_sek=450)
    InKindRate.objects.create(programme=programme, valid_from=date(2025, 1, 1), hourly_rate_sek=480)
    Company.objects.bulk_create(
        [
            Company(orgnr=f"{i:010d}", name=f"Bolag {i} AB", municipality_code="2380")
            for i in range(companies)
        ],
        batch_size=5000,
    )
    first_id = Company.objects.order_by("id").values_list("id", flat=True).first()
    days = (date(2026, 11, 1) - programme.start).days
    batch = 20000
    for start in range(0, activities, batch):
        n = min(batch, activities - start)
        rows = []
        for _ in range(n):
            hours = Decimal(rng.choice([1, 2, 3, 4, 6]))
            rows.append(
                Activity(
                    date=programme.start + timedelta(days=rng.randrange(days)),
                    type=rng.choice(TYPES),
                    programme=programme,
                    staff_hours=hours,
                    external_cost_sek=Decimal(rng.choice([0, 0, 5000])),
                    participants_women=rng.randint(0, 2),
                    participants_men=rng.randint(0, 3),
                    participant_hours=hours * 2,
                )
            )
        with transaction.atomic():
            created = Activity.objects.bulk_create(rows, batch_size=5000)
            if created[0].pk is None:  # SQLite before 3.35 gives no ids back
                last = Activity.objects.order_by("-id").values_list("id", flat=True)[:n]
                for a, pk in zip(created, sorted(last), strict=True):
                    a.pk = a.id = pk
            shares, aid = [], []
            for a in created:
                company_id = first_id + rng.randrange(companies)
                sek = a.staff_hours * 950 + a.external_cost_sek
                eur = (sek / RATE).quantize(Decimal("0.01"))
                shares.append(
                    ActivityCompany(
                        activity_id=a.pk,
                        company_id=company_id,
                        date=a.date,
                        staff_hours=a.staff_hours,
                        external_cost_sek=a.external_cost_sek,
                        participant_hours=a.participant_hours,
                        aid_sek=sek,
                        aid_eur=eur,
                    )
                )
                aid.append(
                    AidEntry(
                        company_id=company_id,
                        source="programme",
                        programme=programme,
                        giver="Region",
                        granted=a.date,
                        amount_sek=sek,
                        amount_eur=eur,
                        sek_per_eur=RATE,
                        reference=f"activity:{a.pk}",
                    )
                )
            ActivityCompany.objects.bulk_create(shares, batch_size=5000)
            AidEntry.objects.bulk_create(aid, batch_size=5000)
        print(f"  seeded {start + n:,} activities", file=sys.stderr, end="\r")
    print(file=sys.stderr)
    totals_rebuild(programme)
    return programme, first_id + rng.randrange(companies)


def timed(client: Client, url: str, repeat: int) -> float:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 100k firms, 2M activities")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args()
    companies = max(10, int(100_000 * args.scale))
    activities = max(100, int(2_000_000 * args.scale))
    call_command("migrate", verbosity=0)
    if connection.vendor != "sqlite":
        call_command("flush", interactive=False, verbosity=0)
    t0 = time.perf_counter()
    programme, company_id = seed(companies, activities, random.Random(args.seed))
    seeded = time.perf_counter() - t0
    manager = get_user_model().objects.create_user("bench-manager")
    Membership.objects.create(user=manager, programme=programme, role=Role.MANAGER)
    client = Client()
    client.force_login(manager)
    floor = timed(client, "/bench-trivial/", args.repeat)
    totals = timed(client, f"/engagements/programme/{programme.code}/", args.repeat)
    headroom = timed(client, f"/stateaid/company/{company_id}/headroom/", args.repeat)
    ledger = timed(client, f"/stateaid/company/{company_id}/", args.repeat)
    print(
        f"{connection.vendor}: {companies:,} companies, {activities:,} activities "
        f"(seeded in {seeded:.0f} s); median of {args.repeat}"
    )
    print(f"  trivial view (floor)        {floor * 1000:8.2f} ms    1.0x")
    for label, seconds, target in (
        ("programme totals page", totals, 20),
        ("one company's headroom", headroom, 5),
    ):
        ratio = seconds / floor
        verdict = "ok" if ratio <= target else "OVER TARGET"
        print(
            f"  {label:<27} {seconds * 1000:8.2f} ms {ratio:6.1f}x  (target ≤ {target}x: {verdict})"
        )
    print(
        f"  {'company ledger page':<27} {ledger * 1000:8.2f} ms {ledger / floor:6.1f}x  (no target)"
    )


if __name__ == "__main__":
    main()
