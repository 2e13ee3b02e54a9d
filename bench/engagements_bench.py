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

    .venv/bin/python bench/engagements_bench.py [--scale 0.05] [--repeat 30] [--reuse]

Seeding writes raw rows (COPY on PostgreSQL, executemany on SQLite): at full
scale about 7 minutes on SQLite on a small machine.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _seed import ACTIVITY_COLUMNS, SHARE_COLUMNS, insert, reset_sequences  # noqa: E402


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


AID_COLUMNS = [
    "company_id",
    "source",
    "programme_id",
    "giver",
    "granted",
    "currency",
    "amount_sek",
    "amount_eur",
    "sek_per_eur",
    "reference",
    "note",
    "created",
]


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
        batch_size=10000,
    )
    first_id = Company.objects.order_by("id").values_list("id", flat=True).first()
    days = [
        programme.start + timedelta(days=i)
        for i in range((date(2026, 11, 1) - programme.start).days)
    ]
    if connection.vendor == "sqlite":
        # A scratch file: durability buys nothing while seeding.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous = OFF")
            cursor.execute("PRAGMA journal_mode = MEMORY")
            # Random company ids make index inserts random: keep the indexes in memory.
            cursor.execute("PRAGMA cache_size = -2000000")
        created = "2026-01-01 00:00:00"
    else:
        created = datetime(2026, 1, 1, tzinfo=UTC)
        # A bulk load of rows consistent by construction: skip the per-row foreign-key
        # triggers (PostgreSQL superuser only; reset below).
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")
    # The few distinct (hours, cost) pairs: their aid values are computed once.
    hours_choices = [Decimal(h) for h in (1, 2, 3, 4, 6)]
    cost_choices = [Decimal(0), Decimal(0), Decimal(5000)]
    aid = {}
    for h in hours_choices:
        for c in set(cost_choices):
            sek = (h * 950 + c).quantize(Decimal("0.01"))
            aid[h, c] = (sek, (sek / RATE).quantize(Decimal("0.01")))
    batch = 100_000
    pk = 0
    for start in range(0, activities, batch):
        n = min(batch, activities - start)
        acts, shares, entries = [], [], []
        for _ in range(n):
            pk += 1
            day = rng.choice(days)
            hours = rng.choice(hours_choices)
            cost = rng.choice(cost_choices)
            own = hours * 2
            sek, eur = aid[hours, cost]
            company_id = first_id + rng.randrange(companies)
            acts.append(
                (
                    pk,
                    day,
                    rng.choice(TYPES),
                    programme.pk,
                    hours,
                    cost,
                    rng.randint(0, 2),
                    rng.randint(0, 3),
                    0,
                    own,
                    "",
                    "equal",
                )
            )
            shares.append((pk, company_id, day, 0, hours, cost, own, sek, eur))
            entries.append(
                (
                    company_id,
                    "programme",
                    programme.pk,
                    "Region",
                    day,
                    "SEK",
                    sek,
                    eur,
                    RATE,
                    f"activity:{pk}",
                    "",
                    created,
                )
            )
        with transaction.atomic():
            insert(Activity, ACTIVITY_COLUMNS, acts)
            insert(ActivityCompany, SHARE_COLUMNS, shares)
            insert(AidEntry, AID_COLUMNS, entries)
        print(f"  seeded {start + n:,} activities", file=sys.stderr, end="\r")
    print(file=sys.stderr)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = DEFAULT")
        reset_sequences(Activity, ActivityCompany, AidEntry)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
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
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="PostgreSQL: time the data a previous run of the same scale left, without seeding",
    )
    args = parser.parse_args()
    companies = max(10, int(100_000 * args.scale))
    activities = max(100, int(2_000_000 * args.scale))
    call_command("migrate", verbosity=0)
    reuse = args.reuse and Activity.objects.count() == activities
    if connection.vendor != "sqlite" and not reuse:
        call_command("flush", interactive=False, verbosity=0)
    t0 = time.perf_counter()
    if reuse:
        programme = Programme.objects.get(code="DIPPS")
        first_id = Company.objects.order_by("id").values_list("id", flat=True).first()
        company_id = first_id + random.Random(args.seed).randrange(companies)
    else:
        programme, company_id = seed(companies, activities, random.Random(args.seed))
    seeded = time.perf_counter() - t0
    manager, _ = get_user_model().objects.get_or_create(username="bench-manager")
    Membership.objects.get_or_create(user=manager, programme=programme, role=Role.MANAGER)
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
