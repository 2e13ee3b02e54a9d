"""Maturity benchmark: a company's results page with every peer percentile, at scale.

Seeds (deterministically) 100,000 companies with 10 assessments each
(1,000,000 rows: T0 in four versions, T1 and T2 in three, the newest of each
current; COPY on PostgreSQL, executemany on SQLite), then times, in-process
through the full middleware stack with a logged-in coach, the median of:

- the trivial page (the floor, bench/_harness.py: session user, a minimal
  template extending base.html with menu and language switch, no domain query),
- a company's results page (/maturity/company/<pk>/): scores, radar, T0/T1
  gains, percentiles in four peer groups and suggestions. Target ≤ 10× the floor.
- the first results page after a submission (a coach corrects and resubmits
  another company's T0 through the services; the servers' peer arrays follow
  the change log, see dipps/maturity/benchmark.py). Target ≤ 10× the floor.
- the first page of a fresh server (one-off read of the peers; no target).

Each timed request asks for a different company, so no page is served from a
warm per-company cache. SQLite by default (a scratch file, recreated each run);
PostgreSQL when DATABASE_URL is set — use a scratch database, the bench flushes it.

    .venv/bin/python bench/maturity_bench.py [--scale 0.1] [--repeat 30] [--profile]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from fractions import Fraction
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
from django.test import Client  # noqa: E402
from django.urls import include, path  # noqa: E402
from django.utils import timezone  # noqa: E402

from _harness import TRIVIAL_URL, median_time, register_trivial  # noqa: E402
from dipps.accounts.models import Membership, Role  # noqa: E402
from dipps.companies.models import Company  # noqa: E402
from dipps.maturity import services  # noqa: E402
from dipps.maturity.figures import Scores, sort_keys, to_store  # noqa: E402
from dipps.maturity.frameworks import load_framework  # noqa: E402
from dipps.maturity.models import Assessment  # noqa: E402
from dipps.maturity.scoring import band_of  # noqa: E402
from dipps.maturity.services import peer_generation_bump  # noqa: E402
from dipps.programmes.models import Organisation, Programme  # noqa: E402

# This module is the URL conf: the project's URLs plus the shared trivial page.
urlpatterns = register_trivial([path("", include("dipps.urls"))])
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


def _scores(rng: random.Random, level: float) -> dict[str, Fraction]:
    # Exact dimension scores on the DMA grid of halves, around a company's level.
    return {
        d.id: Fraction(max(0, min(200, round(rng.gauss(level, 15) * 2))), 2) for d in DMA.dimensions
    }


COLUMNS = [
    "company_id",
    "programme_id",
    "stage",
    "framework",
    "framework_version",
    "answered_by",
    "started",
    "submitted",
    "status",
    "answers",
    "version",
    "is_current",
    "band",
    "scores",
    "overall",
    "d1",
    "d2",
    "d3",
    "d4",
    "d5",
    "d6",
    "d7",
    "d8",
    "division",
    "size_class",
    "in_region",
]


def _insert(rows: list[tuple]) -> None:
    """Bulk insert without model instances: COPY on PostgreSQL, executemany on SQLite."""
    table = Assessment._meta.db_table
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                raw = cursor.cursor  # the psycopg cursor under Django's wrapper
                with raw.copy(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(COLUMNS))
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {table} ({', '.join(COLUMNS)}) VALUES ({marks})", rows
                )


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
    batch: list[tuple] = []
    done = 0
    for company_id, municipality, division, size in Company.objects.values_list(
        "id", "municipality_code", "primary_division", "size_class"
    ).iterator(chunk_size=5000):
        level = rng.uniform(10, 80)
        in_region = municipality[:2] in ("22", "23")
        for stage, versions in CHAINS:
            level += rng.uniform(0, 12)
            for version in range(1, versions + 1):
                scores = _scores(rng, level)
                overall = sum(scores.values(), Fraction(0)) / len(scores)
                batch.append(
                    (
                        company_id,
                        programme.pk,
                        stage,
                        DMA.id,
                        DMA.version,
                        "coach",
                        now,
                        now,
                        "submitted",
                        "{}",
                        version,
                        version == versions,
                        band_of(DMA, overall),
                        json.dumps(to_store(overall, scores)),
                        # the sort keys derived from the store, as assessment_submit does
                        *sort_keys(DMA, Scores(overall, scores)).values(),
                        division,
                        size,
                        in_region,
                    )
                )
        if len(batch) >= 50000:
            _insert(batch)
            done += len(batch)
            batch = []
            print(f"  seeded {done:,} assessments", file=sys.stderr, end="\r")
    _insert(batch)
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


def _answers(rng: random.Random) -> dict:
    """A complete, random but valid dipps-dma-sme answer set (for the submissions)."""
    answers: dict = {}
    for q in DMA.questions.values():
        if q.type == "multi":
            positive = [i for i, o in enumerate(q.options) if not o.negative]
            answers[q.id] = sorted(rng.sample(positive, rng.randint(0, len(positive))))
        elif q.type == "grid":
            answers[q.id] = {"already": [i for i in range(len(q.rows)) if rng.random() < 0.4]}
            answers[q.id]["planned"] = []
        elif q.type == "scale":
            answers[q.id] = [rng.randint(0, 5) for _ in q.rows]
        elif q.type == "ternary":
            answers[q.id] = [rng.choice(["yes", "partial", "no"]) for _ in q.rows]
    return answers


def _submit_correction(company_id: int, coach, rng: random.Random) -> None:
    """What a coach's correction does: a new current version replaces the old one."""
    current = Assessment.objects.filter(company_id=company_id, stage="t0", is_current=True).first()
    draft = services.assessment_correct(assessment=current, by=coach)
    services.assessment_submit(assessment=draft, answers=_answers(rng), by=coach)


def after_submission(client: Client, coach, ids: list[int], rng: random.Random, n: int) -> float:
    """Median time of the first results page after another company's submission."""
    samples = []
    for _ in range(n):
        writer, reader = rng.sample(ids, 2)
        _submit_correction(writer, coach, rng)
        start = time.perf_counter()
        response = client.get(f"/maturity/company/{reader}/")
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200
    return statistics.median(samples)


def profile(client: Client, urls: list[str]) -> None:
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for url in urls:
        client.get(url)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 100k firms, 1M rows")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--submissions", type=int, default=10)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="cProfile the warm pages")
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
    floor = median_time(client, [TRIVIAL_URL] * args.repeat)
    start = time.perf_counter()
    assert client.get(f"/maturity/company/{ids[0]}/").status_code == 200
    first = time.perf_counter() - start
    page = median_time(client, [f"/maturity/company/{pk}/" for pk in sample])
    if args.profile:
        profile(client, [f"/maturity/company/{pk}/" for pk in sample])
    fresh = after_submission(client, coach, ids, rng, args.submissions)
    floor_again = median_time(client, [TRIVIAL_URL] * args.repeat)
    floor = statistics.median([floor, floor_again])
    rows = Assessment.objects.count()
    print(
        f"{connection.vendor}: {companies:,} companies, {rows:,} assessments "
        f"(seeded in {seeded:.0f} s); median of {args.repeat} pages, {args.submissions} submissions"
    )
    print(f"  trivial page (floor)              {floor * 1000:8.2f} ms    1.0x")
    for label, value in (
        ("company results + peers", page),
        ("first results after a submission", fresh),
    ):
        ratio = value / floor
        verdict = "ok" if ratio <= 10 else "OVER TARGET"
        print(f"  {label:32s}  {value * 1000:8.2f} ms {ratio:6.1f}x  (target ≤ 10x: {verdict})")
    print(
        f"  first page of a fresh server      {first * 1000:8.2f} ms {first / floor:6.1f}x  "
        "(one-off build of the peer arrays; no target)"
    )


if __name__ == "__main__":
    main()
