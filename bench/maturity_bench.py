"""Maturity benchmark: a company's results page with every peer percentile, at scale.

Seeds (deterministically) 100,000 companies with 10 assessments each
(1,000,000 rows: T0 in four versions, T1 and T2 in three, the newest of each
current), then times, in-process through the full middleware stack with a
logged-in coach, the median of:

- a trivial view (the floor: an HttpResponse behind the same middleware),
- a company's results page (/maturity/company/<pk>/): scores, radar, T0/T1
  gains, percentiles in four peer groups and suggestions. Target ≤ 10× the floor.
  The first request after a submission rebuilds the server's sorted peer arrays
  (see dipps/maturity/benchmark.py); it is timed separately ("cold").

Each timed request asks for a different company, so no page is served from a
warm per-company cache. SQLite by default (a scratch file, recreated each run);
PostgreSQL when DATABASE_URL is set — use a scratch database, the bench flushes it.

    .venv/bin/python bench/maturity_bench.py [--scale 0.1] [--repeat 30]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

SCRATCH = Path(tempfile.gettempdir()) / "dipps-maturity-bench.sqlite3"
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
from django.utils import timezone  # noqa: E402

from dipps.accounts.models import Membership, Role  # noqa: E402
from dipps.companies.models import Company  # noqa: E402
from dipps.maturity.frameworks import load_framework  # noqa: E402
from dipps.maturity.models import Assessment  # noqa: E402
from dipps.maturity.scoring import band_of  # noqa: E402
from dipps.maturity.services import peer_generation_bump, score_columns  # noqa: E402
from dipps.programmes.models import Organisation, Programme  # noqa: E402


def trivial(request):
    return HttpResponse("ok")


urlpatterns = [path("bench-trivial/", trivial), path("", include("dipps.urls"))]
settings.ROOT_URLCONF = __name__ if __name__ != "__main__" else "__main__"
settings.ALLOWED_HOSTS = ["testserver"]
settings.SECURE_SSL_REDIRECT = False
settings.SESSION_COOKIE_SECURE = False
settings.CSRF_COOKIE_SECURE = False
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DMA = load_framework("dipps-dma-sme", 1)
DIVISIONS = [10, 16, 22, 25, 28, 31, 33, 62]
SIZES = ["micro", "small", "medium", "large"]
MUNICIPALITIES = ["2380", "2281", "2303", "0180", "1480", "2260"]
# (stage, versions): 4 + 3 + 3 = 10 assessments per company.
CHAINS = [("t0", 4), ("t1", 3), ("t2", 3)]


def _scores(rng: random.Random, level: float) -> dict[str, float]:
    # Dimension scores on the DMA grid of halves, around a company's level.
    return {d.id: max(0.0, min(100.0, round(rng.gauss(level, 15) * 2) / 2)) for d in DMA.dimensions}


def seed(companies: int, rng: random.Random) -> tuple[Programme, list[int]]:
    owner = Organisation.objects.create(name="Region Jämtland Härjedalen")
    programme = Programme.objects.create(
        code="DIPPS",
        name="DIPPS",
        start=date(2023, 9, 1),
        end=date(2028, 8, 31),
        owner=owner,
        total_budget=Decimal("22185000"),
    )
    Company.objects.bulk_create(
        [
            Company(
                orgnr=f"{i:010d}",
                name=f"Bolag {i} AB",
                municipality_code=rng.choice(MUNICIPALITIES),
                primary_division=rng.choice(DIVISIONS),
                size_class=rng.choice(SIZES),
            )
            for i in range(companies)
        ],
        batch_size=5000,
    )
    now = timezone.now()
    batch: list[Assessment] = []
    done = 0
    for company_id, municipality, division, size in Company.objects.values_list(
        "id", "municipality_code", "primary_division", "size_class"
    ).iterator(chunk_size=5000):
        level = rng.uniform(10, 80)
        for stage, versions in CHAINS:
            level += rng.uniform(0, 12)
            for version in range(1, versions + 1):
                scores = _scores(rng, level)
                overall = round(sum(scores.values()) / len(scores), 4)
                batch.append(
                    Assessment(
                        company_id=company_id,
                        programme=programme,
                        stage=stage,
                        framework=DMA.id,
                        framework_version=DMA.version,
                        status="submitted",
                        started=now,
                        submitted=now,
                        version=version,
                        is_current=version == versions,
                        overall=overall,
                        band=band_of(DMA, overall),
                        scores=scores,
                        division=division,
                        size_class=size,
                        in_region=municipality[:2] in ("22", "23"),
                        **score_columns(DMA, scores),
                    )
                )
        if len(batch) >= 20000:
            with transaction.atomic():
                Assessment.objects.bulk_create(batch, batch_size=5000)
            done += len(batch)
            batch = []
            print(f"  seeded {done:,} assessments", file=sys.stderr, end="\r")
    with transaction.atomic():
        Assessment.objects.bulk_create(batch, batch_size=5000)
    print(file=sys.stderr)
    for stage, _versions in CHAINS:  # what assessment_submit does for each submission
        peer_generation_bump(
            Assessment(framework=DMA.id, framework_version=DMA.version, stage=stage)
        )
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    ids = list(Company.objects.values_list("id", flat=True))
    return programme, ids


def timed(client: Client, urls: list[str]) -> float:
    response = client.get(urls[0])
    assert response.status_code == 200, (urls[0], response.status_code)
    samples = []
    for url in urls:
        start = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 100k firms, 1M rows")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    companies = max(20, int(100_000 * args.scale))
    call_command("migrate", verbosity=0)
    if connection.vendor != "sqlite":
        call_command("flush", interactive=False, verbosity=0)
    rng = random.Random(args.seed)
    t0 = time.perf_counter()
    programme, ids = seed(companies, rng)
    seeded = time.perf_counter() - t0
    coach = get_user_model().objects.create_user("bench-coach")
    Membership.objects.create(user=coach, programme=programme, role=Role.COACH)
    client = Client()
    client.force_login(coach)
    sample = rng.sample(ids, min(args.repeat, len(ids)))
    floor = timed(client, ["/bench-trivial/"] * args.repeat)
    start = time.perf_counter()
    assert client.get(f"/maturity/company/{ids[0]}/").status_code == 200
    cold = time.perf_counter() - start
    page = timed(client, [f"/maturity/company/{pk}/" for pk in sample])
    rows = Assessment.objects.count()
    print(
        f"{connection.vendor}: {companies:,} companies, {rows:,} assessments "
        f"(seeded in {seeded:.0f} s); median of {args.repeat}"
    )
    print(
        f"  first results page (cold)      {cold * 1000:8.2f} ms {cold / floor:6.1f}x  (no target)"
    )
    print(f"  trivial view (floor)           {floor * 1000:8.2f} ms    1.0x")
    ratio = page / floor
    verdict = "ok" if ratio <= 10 else "OVER TARGET"
    print(
        f"  company results + peers        {page * 1000:8.2f} ms {ratio:6.1f}x"
        f"  (target ≤ 10x: {verdict})"
    )


if __name__ == "__main__":
    main()
