"""PostgreSQL's part of a backup: `pg_dump --format=custom` and `pg_restore` (see `backup`).

The dump, the row counts and the migration state come from one snapshot: a repeatable-read
transaction exports it (`pg_export_snapshot()`), pg_dump reads through it (`--snapshot`),
and the counts are taken in that same transaction — so the manifest describes exactly the
dump, however busy the server is meanwhile.

The connection is given to the client programs in libpq's environment variables (PGHOST,
PGPASSWORD, …), never on their command line, where any user of the machine could read it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import IO, Any


class ClientError(Exception):
    """pg_dump or pg_restore is missing or failed; the message says which and why."""


# Django's OPTIONS that libpq also reads from its environment.
LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}


def libpq_environment(settings_dict: dict[str, Any]) -> dict[str, str]:
    env = {
        "PGDATABASE": settings_dict.get("NAME") or "",
        "PGHOST": settings_dict.get("HOST") or "",
        "PGPORT": str(settings_dict.get("PORT") or ""),
        "PGUSER": settings_dict.get("USER") or "",
        "PGPASSWORD": settings_dict.get("PASSWORD") or "",
    }
    options = settings_dict.get("OPTIONS") or {}
    env |= {var: str(options[key]) for key, var in LIBPQ_OPTIONS.items() if key in options}
    return {key: value for key, value in env.items() if value}


def client_program(name: str) -> str:
    """The path of pg_dump or pg_restore, or a ClientError that says how to get it."""
    found = shutil.which(name)
    if found is None:
        raise ClientError(
            f"{name} was not found on PATH; install PostgreSQL's client programs "
            "(Debian/Ubuntu: apt install postgresql-client) of the server's major version."
        )
    return found


def _run(argv: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(
        argv, env={**os.environ, **env}, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        detail = result.stderr.strip().splitlines()
        raise ClientError(
            f"{Path(argv[0]).name} failed (exit {result.returncode}): "
            + (" | ".join(detail[-3:]) or "no message")
        )


def dump(settings_dict: dict[str, Any], target: Path, tables: dict[str, str]):
    """Dump the database into `target`; return (migrations, rows) of the same snapshot."""
    import psycopg
    from psycopg import sql

    pg_dump = client_program("pg_dump")
    env = libpq_environment(settings_dict)
    with psycopg.connect(**connect_arguments(settings_dict)) as snapshot:
        snapshot.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        row = snapshot.execute("SELECT pg_export_snapshot()").fetchone()
        assert row is not None
        _run([pg_dump, "--format=custom", f"--snapshot={row[0]}", f"--file={target}"], env)
        present = {
            name
            for (name,) in snapshot.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            )
        }
        rows = {}
        for label, table in tables.items():
            if table in present:
                query = sql.SQL("SELECT COUNT(*) FROM {}").format(sql.Identifier(table))
                counted = snapshot.execute(query).fetchone()
                rows[label] = counted[0] if counted else 0
        migrations: dict[str, list[str]] = {}
        for app, name in snapshot.execute("SELECT app, name FROM django_migrations ORDER BY 1, 2"):
            migrations.setdefault(app, []).append(name)
    return migrations, rows


def connect_arguments(settings_dict: dict[str, Any]) -> dict[str, Any]:
    """psycopg's connection keywords for Django's settings of a database."""
    options = settings_dict.get("OPTIONS") or {}
    arguments = {
        "dbname": settings_dict.get("NAME"),
        "host": settings_dict.get("HOST"),
        "port": settings_dict.get("PORT"),
        "user": settings_dict.get("USER"),
        "password": settings_dict.get("PASSWORD"),
    } | {key: options[key] for key in LIBPQ_OPTIONS if key in options}
    return {key: value for key, value in arguments.items() if value}


def restore(settings_dict: dict[str, Any], dump_file: IO[bytes]) -> None:
    """Restore a custom-format dump into the (empty) database, in one transaction: a failure
    leaves the database as empty as it was. Owners and grants of the source are not copied:
    the restoring user owns everything, as it owned the source."""
    pg_restore = client_program("pg_restore")
    env = libpq_environment(settings_dict)
    with tempfile.NamedTemporaryFile(suffix=".pgdump") as local:
        shutil.copyfileobj(dump_file, local, 1 << 20)
        local.flush()
        argv = [
            pg_restore,
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={settings_dict['NAME']}",
            local.name,
        ]
        _run(argv, env)
