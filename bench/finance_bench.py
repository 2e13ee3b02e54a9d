"""Benchmark the cost-ledger import and the indicators on a freshly migrated database.

(b) ledger: the seeded ~50 MB SIE 4 file of bench/sie_bench.py (200,000 vouchers, 700,000
    rows at --scale 1) staged and confirmed through the real import service
    (dipps.finance.services.ledger_import), against parsing alone as the floor. Target: under 30 s.
(c) indicators: the `dipps indicators` command over --companies
    companies and --activities activities (100,000 and 2,000,000 at --scale 1), against a
    bare COUNT(*) of the activity shares as the floor. Target: under 2 s.

    .venv/bin/python bench/finance_bench.py [--scale 0.1] [--part b|c|bc]
        [--database postgres://postgres@127.0.0.1:5432/dipps_finance_bench]

Without --database a temporary SQLite file is used. A PostgreSQL database is created when
missing and dropped afterwards.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))


def _prepare_database(url: str | None, tmp: str) -> str:
    if not url:
        return f"sqlite:///{tmp}/bench.sqlite3"
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url


def _drop(url: str | None) -> None:
    if not url:
        return
    import psycopg
    from django.db import connections

    connections.close_all()
    base, _, name = url.rpartition("/")
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def _programme():
    from dipps.programmes.models import Organisation, Programme

    owner, _ = Organisation.objects.get_or_create(name="Region", defaults={"orgnr": "2321000214"})
    programme, _ = Programme.objects.get_or_create(
        code="BENCH",
        defaults=dict(
            name="Bench",
            start=date(2023, 9, 1),
            end=date(2028, 8, 31),
            owner=owner,
            total_budget=Decimal("22185000"),
        ),
    )
    return programme


def bench_ledger(scale: float) -> None:
    from dipps.finance import services, sie
    from dipps.finance.models import CostEntry, PartnerLedger
    from dipps.programmes.models import Organisation
    from sie_bench import ROWS, VOUCHERS, generate

    vouchers = max(1, int(VOUCHERS * scale))
    data = generate(vouchers, max(2 * vouchers, int(ROWS * scale)), 2024)
    programme = _programme()
    partner, _ = Organisation.objects.get_or_create(
        name="Bänkföretaget AB", defaults={"orgnr": "5566778899"}
    )
    PartnerLedger.objects.get_or_create(
        programme=programme, organisation=partner, defaults={"dimension": "6", "object": "P1"}
    )
    t0 = time.perf_counter()
    sie.parse_bytes(data, "bench.se")
    t_parse = time.perf_counter() - t0

    t0 = time.perf_counter()
    staged = services.sie_import_stage(
        programme=programme, organisation=partner, data=data, filename="bench.se"
    )
    counted = services.sie_import_confirm(sie_import=staged)
    t_import = time.perf_counter() - t0

    t0 = time.perf_counter()
    again = services.sie_import_stage(
        programme=programme, organisation=partner, data=data, filename="bench.se"
    )
    services.sie_import_confirm(sie_import=again)
    t_again = time.perf_counter() - t0
    assert again.rows_new == 0 and CostEntry.objects.count() == counted
    print(f"(b) ledger import: {len(data) / 1e6:.1f} MB, {counted:,} ledger rows")
    print(f"  floor (parse only):        {t_parse:.2f} s")
    print(
        f"  stage + confirm:           {t_import:.2f} s (target < 30 s), {t_import / t_parse:.2f}x"
    )
    print(f"  same file again (0 new):   {t_again:.2f} s")


def _load_activities(programme, companies: int, activities: int) -> None:
    from dipps.companies import sme
    from dipps.companies.models import Company, KeyFigures, Participation
    from dipps.core.models import ExchangeRate
    from dipps.engagements.models import Activity, ActivityCompany, Engagement
    from dipps.engagements.services import totals_rebuild

    rng = random.Random(2025)
    batch = 20_000
    for year in (2022, 2023, 2024, 2025):
        ExchangeRate.objects.get_or_create(
            currency="EUR", valid_from=date(year, 1, 1), defaults={"sek_per_unit": Decimal("11")}
        )
    Company.objects.bulk_create(
        (
            Company(orgnr=f"9{i:09d}", name=f"Bolag {i}", municipality_code="2380")
            for i in range(companies)
        ),
        batch_size=batch,
    )
    ids = list(Company.objects.values_list("id", flat=True))
    Participation.objects.bulk_create(
        (Participation(company_id=c, programme=programme) for c in ids), batch_size=batch
    )

    def key_figures(c):
        head = rng.choice([3, 12, 60, 300])
        turnover = Decimal(rng.randrange(1_000_000, 900_000_000))
        balance = Decimal(rng.randrange(1_000_000, 500_000_000))
        # The class the companies services store when figures change (rate 11 SEK/EUR); with
        # one year of figures the status after the two-year rule is that class.
        cls = sme.classify(
            headcount=head, turnover_eur=turnover / 11, balance_eur=balance / 11, related=()
        )
        return KeyFigures(
            company_id=c,
            fiscal_year=2023,
            headcount=head,
            turnover_sek=turnover,
            balance_sheet_sek=balance,
            size_class=str(cls),
            sme_status=str(cls),
        )

    KeyFigures.objects.bulk_create((key_figures(c) for c in ids), batch_size=batch)
    Engagement.objects.bulk_create(
        (Engagement(company_id=c, programme=programme, started=date(2023, 9, 1)) for c in ids),
        batch_size=batch,
    )
    # Activities and shares go in as raw rows with explicit ids (bench/_seed.py).
    from django.db import connection, transaction

    from _seed import ACTIVITY_COLUMNS, SHARE_COLUMNS, insert, reset_sequences

    sqlite = connection.vendor == "sqlite"
    start = date(2023, 9, 1)
    next_id = (Activity.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    done = 0
    while done < activities:
        n = min(batch, activities - done)
        acts, shares = [], []
        for k in range(n):
            d = start + timedelta(days=rng.randrange(1700))
            day = d.isoformat() if sqlite else d
            aid = next_id + done + k
            people = (rng.randrange(3), rng.randrange(3), 0)
            acts.append((aid, day, "workshop", programme.pk, "2", "0", *people, "3", "", "equal"))
            shares.append((aid, rng.choice(ids), day, 1, "2", "0", "3", "0", "0"))
        with transaction.atomic():
            insert(Activity, ACTIVITY_COLUMNS, acts)
            insert(ActivityCompany, SHARE_COLUMNS, shares)
        done += n
    reset_sequences(Activity, ActivityCompany)
    totals_rebuild(programme)


def bench_indicators(scale: float, companies: int, activities: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    programme = _programme()
    companies, activities = max(10, int(companies * scale)), max(10, int(activities * scale))
    t0 = time.perf_counter()
    _load_activities(programme, companies, activities)
    t_load = time.perf_counter() - t0
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("ANALYZE")
    with connection.cursor() as c:
        t0 = time.perf_counter()
        c.execute("SELECT COUNT(*) FROM engagements_activitycompany")
        c.fetchone()
        t_floor = time.perf_counter() - t0
    print(
        f"(c) indicators: {companies:,} companies, {activities:,} activities (load {t_load:.0f} s)"
    )
    print(f"  floor (COUNT(*) of shares): {t_floor:.3f} s")
    # The whole programme (what `dipps indicators` prints without dates) and a half-year
    # reporting period, where most companies had support both before and after. Timed is
    # the command itself, run in this process (JSON written to a buffer).
    for label, args in (
        ("whole programme", []),
        ("2025-01-01..2025-06-30", ["--from", "2025-01-01", "--to", "2025-06-30"]),
    ):
        runs = []
        for _ in range(5):
            out = io.StringIO()
            t0 = time.perf_counter()
            call_command("indicators", "--programme", "BENCH", *args, stdout=out)
            runs.append(time.perf_counter() - t0)
        best = statistics.median(runs)
        values = json.loads(out.getvalue())
        print(f"  {label}: RCO01 {values['RCO01']}")
        print(
            f"    dipps indicators (median of 5): {best:.3f} s (target < 2 s), "
            f"{best / t_floor:.1f}x; runs {', '.join(f'{r:.2f}' for r in runs)}"
        )
    # Once as a user runs it: a new process, interpreter and Django start-up included.
    t0 = time.perf_counter()
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "dipps"), "indicators", "--programme", "BENCH"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(f"  `dipps indicators` as a new process: {time.perf_counter() - t0:.2f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--part", default="bc")
    ap.add_argument("--database", default=os.environ.get("BENCH_DATABASE_URL"))
    ap.add_argument("--companies", type=int, default=100_000)
    ap.add_argument("--activities", type=int, default=2_000_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DATABASE_URL"] = _prepare_database(args.database, tmp)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dipps.settings")
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        print(f"database: {connection.vendor}")
        try:
            if "b" in args.part:
                bench_ledger(args.scale)
            if "c" in args.part:
                bench_indicators(args.scale, args.companies, args.activities)
        finally:
            _drop(args.database)


if __name__ == "__main__":
    main()
