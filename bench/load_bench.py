"""Load bench (issue 16, item 5): 50 logged-in users against the production server.

For each database (SQLite, then PostgreSQL):

1. a fresh database with the demo (`dipps demo-data`) and the bench's users — copies of the
   demo user of each role, spread 20 % programme managers, 30 % coaches, 16 % finance
   officers, 20 % company representatives (each bound to a firm of its own), 14 % observers;
   the pages each role can see are found by following links from its start page
   (bench/_load_prepare.py);
2. the production server as `make serve` starts it: gunicorn with dipps.gunicorn_conf,
   DEBUG=0, DIPPS_DEMO=1 (plain HTTP), on a free port, its log in a file;
3. every user logs in through the login form, then three runs of the same users on their
   own kept-alive connections (bench/_load_client.py): a warm-up (not counted); the floor,
   every request the trivial page of bench/_harness.py (logged-in user, base.html, menu)
   served by the same server; the real run, 90 % of actions a page view picked from the
   role's pages and 10 % a write through the real form with its CSRF token (a timesheet
   week, an activity, a company contact; only staff write, so a staff user writes more
   often than one in ten);
4. requests/s, p50/p95/p99 and errors of both runs, the "database is locked" lines of the
   server's log, and PASS when there was no error, no lock and p95(real) <= 10 x p95(floor).

    .venv/bin/python bench/load_bench.py [--db sqlite|pg|both] [--users 50] [--seconds 60]
                                         [--think 0] [--pg-url postgres://…/dipps_loadbench]

PostgreSQL: the database named by --pg-url (default: the server of DATABASE_URL when it is
PostgreSQL, else postgres://postgres@127.0.0.1:5432, database dipps_loadbench) is dropped
and created afresh, and dropped afterwards; when the server cannot be reached the run is
skipped with a message. The machine's other work counts: the client shares the CPUs with
the server, so run it on a quiet machine for figures to compare.
"""

from __future__ import annotations

import argparse
import http.client
import io
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BENCH = Path(__file__).resolve().parent
SRC = BENCH.parent / "src"
sys.path[:0] = [str(SRC), str(BENCH)]

from _harness import TRIVIAL_URL  # noqa: E402
from _load_client import Persona, VirtualUser, run  # noqa: E402
from _load_stats import MAX_P95_RATIO, slowest_patterns, summarise, verdict  # noqa: E402

HOST = "127.0.0.1"
WRITE_SHARE = 0.10
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/dipps_loadbench"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def pg_url(given: str | None) -> str:
    if given:
        return given
    current = os.environ.get("DATABASE_URL", "")
    if current.startswith(("postgres://", "postgresql://")):
        return urlunsplit(urlsplit(current)._replace(path="/dipps_loadbench"))
    return DEFAULT_PG


def pg_admin(url: str, statement: str) -> None:
    """Run one statement on the server's `postgres` database (CREATE/DROP DATABASE)."""
    import psycopg

    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
        conn.execute(statement)


def server_env(database_url: str, var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)}
    path = [str(SRC), str(BENCH), env.get("PYTHONPATH", "")]
    return {
        **env,
        "PYTHONPATH": os.pathsep.join(p for p in path if p),
        "DATABASE_URL": database_url,
        "DIPPS_VAR_DIR": str(var_dir),
        "DEBUG": "0",
        "DIPPS_DEMO": "1",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECRET_KEY": "load-bench-" + secrets.token_urlsafe(40),
    }


def prepare(env: dict[str, str], users: int, out: Path) -> list[Persona]:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, str(BENCH / "_load_prepare.py"), str(out), "--users", str(users)],
        env=env,
        check=True,
    )
    personas = [Persona(**p) for p in json.loads(out.read_text())]
    took = time.perf_counter() - started
    print(f"  demo loaded, {len(personas)} users, pages found in {took:.0f} s")
    return personas


def start_server(env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    """gunicorn as `make serve` runs it, with the bench's settings (one more URL)."""
    command = [sys.executable, "-m", "gunicorn", "-c", "python:dipps.gunicorn_conf"]
    # No control socket: it is one per machine user, and the bench's server is not the one
    # a `make serve` on the same machine would want to be reached by.
    command += ["--bind", f"{HOST}:{port}", "--no-control-socket"]
    with log.open("wb") as handle:  # the server keeps its own copy of the descriptor
        server = subprocess.Popen(
            command,
            env={**env, "DJANGO_SETTINGS_MODULE": "_load_settings"},
            stdout=handle,
            stderr=subprocess.STDOUT,
            cwd=BENCH.parent,
        )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and server.poll() is None:
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.5)
    stop_server(server)
    raise SystemExit(f"the server did not start; its log: {log}")


def stop_server(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def describe_server(log: str) -> str:
    """The worker class and count the server started with (from its log: the command line
    and GUNICORN_CMD_ARGS may override dipps.gunicorn_conf)."""
    kind = re.search(r"Using worker: (\w+)", log)
    workers = len(re.findall(r"Booting worker with pid", log))
    return f"gunicorn, {workers} {kind.group(1) if kind else '?'} workers"


def line(label: str, s) -> str:
    return (
        f"  {label:<30} {s.requests:8d} {s.per_second:8.1f} {s.p50 * 1000:8.1f} "
        f"{s.p95 * 1000:8.1f} {s.p99 * 1000:8.1f} {s.errors:7d}"
    )


def measure(vendor: str, database_url: str | None, args) -> bool:
    """One database's runs; its scratch folder (static files, uploads, the SQLite file, the
    server's log) is kept for a look afterwards."""
    var_dir = args.reuse or Path(tempfile.mkdtemp(prefix=f"dipps-load-{vendor}-"))
    database_url = database_url or f"sqlite:///{var_dir / 'load.sqlite3'}"
    env = server_env(database_url, var_dir)
    if args.reuse:
        personas = [Persona(**p) for p in json.loads((var_dir / "personas.json").read_text())]
    else:
        personas = prepare(env, args.users, var_dir / "personas.json")
    log = var_dir / "server.log"
    port = free_port()
    server = start_server(env, port, log)
    users = [VirtualUser(HOST, port, p, seed=i) for i, p in enumerate(personas)]
    try:
        with ThreadPoolExecutor(4) as pool:  # Argon2: a handful of log-ins at a time
            logged_in = list(pool.map(lambda u: u.login(), users))
        if not all(logged_in):
            failed = [u.persona.username for u, ok in zip(users, logged_in, strict=True) if not ok]
            raise SystemExit(f"log-in failed for {', '.join(failed)}; server log: {log}")
        writers = sum(1 for p in personas if p.writes)
        share = min(1.0, WRITE_SHARE * len(users) / writers) if writers else 0.0
        run(users, args.warmup, lambda u: u.act(share), args.think)
        floor = run(
            users, args.seconds, lambda u: u.request("GET", TRIVIAL_URL, kind="page"), args.think
        )
        real = run(users, args.seconds, lambda u: u.act(share), args.think)
    finally:
        for user in users:
            user.close()
        stop_server(server)
    text = log.read_text(errors="replace")
    locked = text.count("database is locked")
    f, r = summarise(floor.samples, floor.seconds), summarise(real.samples, real.seconds)
    pages = [s for s in real.samples if s.kind == "page"]
    writes = [s for s in real.samples if s.kind == "write"]
    result = verdict(r, f, locked)
    roles: dict[str, int] = {}
    for p in personas:
        roles[p.role] = roles.get(p.role, 0) + 1
    print(
        f"{vendor}: {len(users)} users ({', '.join(f'{k} {v}' for k, v in roles.items())}), "
        f"{args.seconds:.0f} s a run, think {args.think} s; {describe_server(text)}"
    )
    heads = ("requests", "req/s", "p50 ms", "p95 ms", "p99 ms")
    print(f"  {'':<30} " + " ".join(f"{h:>8}" for h in heads) + f" {'errors':>7}")
    print(line("floor (trivial page)", f))
    print(line("real (90 % views, 10 % writes)", r))
    print(line("  of which page views (GET)", summarise(pages, real.seconds)))
    print(line("  of which writes (POST)", summarise(writes, real.seconds)))
    print(f'  "database is locked" in the server log: {locked}')
    print(f"  p95 real / p95 floor: {result.ratio:.1f}x (target ≤ {MAX_P95_RATIO:g}x)")
    print("  slowest (p95 ms, requests):")
    for name, count, p95 in slowest_patterns(real.samples):
        print(f"    {p95 * 1000:8.1f}  {count:5d}  {name}")
    for problem in floor.problems + real.problems:
        print(f"  ! {problem}")
    print(f"  {'PASS' if result.passed else 'FAIL'}  (server log: {log})")
    return result.passed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "pg", "both"], default="both")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--warmup", type=float, default=10.0)
    parser.add_argument("--think", type=float, default=0.0, help="mean pause between actions")
    parser.add_argument(
        "--pg-url", help=f"a scratch database, dropped and made (default {DEFAULT_PG})"
    )
    parser.add_argument(
        "--reuse",
        type=Path,
        metavar="DIR",
        help="SQLite: serve the database an earlier run left in DIR, without loading it again",
    )
    args = parser.parse_args()
    if isinstance(sys.stdout, io.TextIOWrapper):  # progress in order with the prepare step's
        sys.stdout.reconfigure(line_buffering=True)
    if args.reuse and args.db != "sqlite":
        parser.error("--reuse works with --db sqlite only")
    if args.db in ("sqlite", "both"):
        measure("sqlite", None, args)
    if args.db in ("pg", "both"):
        url = pg_url(args.pg_url)
        name = urlsplit(url).path.lstrip("/")
        try:
            pg_admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            pg_admin(url, f'CREATE DATABASE "{name}"')
        except Exception as exc:  # psycopg is imported late: any connection error
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            print(f"postgresql: skipped, {urlsplit(url).hostname} not reachable ({reason})")
            return
        try:
            measure("postgresql", url, args)
        finally:
            pg_admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
