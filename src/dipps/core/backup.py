"""Backups that restore: the database and the uploaded files in one archive, with a manifest.

An archive (``dipps-backup-YYYYMMDDTHHMMSSZ.tar.gz``) holds:

- ``manifest.json``: the format version, when it was made, the database vendor, the Django
  migrations applied, and the rows of each model's table — all read from the same snapshot
  as the dump, so a restore can prove that it got everything back;
- the database: ``database.sqlite3`` (a copy made with SQLite's online backup API, consistent
  while the server keeps writing) or ``database.pgdump`` (``pg_dump --format=custom``, taken
  from an exported snapshot, see `backup_postgres`);
- ``media/…``: the uploaded files under ``MEDIA_ROOT`` (evaluation reports, declarations).

A restore goes only into an empty database (no tables) and an empty ``MEDIA_ROOT``: it never
mixes a backup with live data. The contract (options, output, exit codes) is in
docs/operations.md.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from dipps.core import backup_postgres

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}

EXIT_FAILED = 1
EXIT_BAD_INPUT = 2


class BackupError(Exception):
    """A backup or restore that cannot go on; `exit_code` is the command's exit status."""

    def __init__(self, message: str, exit_code: int = EXIT_FAILED):
        super().__init__(message)
        self.exit_code = exit_code


@dataclass(frozen=True)
class Restored:
    manifest: dict[str, Any]
    rows: int
    tables: int
    media_files: int
    migrations_to_apply: list[str]


def model_tables() -> dict[str, str]:
    """`app_label.Model` -> table, for every model with a table of its own (m2m tables too)."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.managed and not meta.proxy:
            tables[meta.label] = meta.db_table
    return dict(sorted(tables.items()))


def _vendor() -> str:
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(f"backups support SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


def _media_files(root: Path) -> Iterator[tuple[Path, str]]:
    """The regular files under `root` and their names in the archive (symbolic links left)."""
    if not root.is_dir():
        return
    for folder, _dirs, files in os.walk(root):
        for name in sorted(files):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                yield path, f"{MEDIA}/{path.relative_to(root).as_posix()}"


def sqlite_snapshot(target: Path) -> None:
    """Copy the live database into `target` with the online backup API (in one step, so the
    copy is one consistent state even while other processes write)."""
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()


def _sqlite_state(path: Path, tables: dict[str, str]) -> tuple[dict, dict]:
    """(migrations, rows) read from the copy itself, so they describe exactly what it holds."""
    db = sqlite3.connect(path)
    try:
        present = {
            name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        rows = {
            label: db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
            for label, table in tables.items()
            if table in present
        }
        migrations = _group(db.execute("SELECT app, name FROM django_migrations"))
    finally:
        db.close()
    return migrations, rows


def _group(pairs) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for app, name in sorted(pairs):
        grouped.setdefault(app, []).append(name)
    return grouped


def create(output_dir: Path, now: datetime | None = None) -> Path:
    """Write an archive into `output_dir` and return its path. A failed backup leaves no file."""
    output_dir = Path(output_dir)
    if not output_dir.is_dir():
        raise BackupError(f"{output_dir}: no such directory.", EXIT_BAD_INPUT)
    if not os.access(output_dir, os.W_OK):
        raise BackupError(f"{output_dir}: the directory is not writable.", EXIT_BAD_INPUT)
    vendor = _vendor()
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    final = output_dir / f"dipps-backup-{now:%Y%m%dT%H%M%SZ}.tar.gz"
    if final.exists():
        raise BackupError(f"{final}: a backup of this second exists already.", EXIT_BAD_INPUT)
    tables = model_tables()
    # The database's copy is made beside the archive, not in /tmp, which may be small.
    with tempfile.TemporaryDirectory(dir=output_dir, prefix=".dipps-backup-") as scratch:
        dump = Path(scratch) / DATABASE_FILES[vendor]
        if vendor == "sqlite":
            sqlite_snapshot(dump)
            migrations, rows = _sqlite_state(dump, tables)
        else:
            try:
                migrations, rows = backup_postgres.dump(connection.settings_dict, dump, tables)
            except backup_postgres.ClientError as error:
                raise BackupError(str(error)) from error
        media = list(_media_files(Path(settings.MEDIA_ROOT)))
        manifest = {
            "format": FORMAT,
            "created": now.isoformat().replace("+00:00", "Z"),
            "database": {"vendor": vendor, "file": dump.name},
            "migrations": migrations,
            "rows": rows,
            "media_files": len(media),
        }
        partial = output_dir / f".{final.name}.partial"
        try:
            # Readable by its owner only: the archive holds every personal datum.
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with (
                os.fdopen(descriptor, "wb") as raw,
                tarfile.open(fileobj=raw, mode="w:gz") as archive,
            ):
                _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2).encode(), now)
                archive.add(dump, arcname=dump.name)
                for path, name in media:
                    archive.add(path, arcname=name)
            os.replace(partial, final)
        finally:
            partial.unlink(missing_ok=True)
    return final


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes, now: datetime) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(now.timestamp())
    info.mode = 0o600
    with tempfile.SpooledTemporaryFile() as buffer:
        buffer.write(data)
        buffer.seek(0)
        archive.addfile(info, buffer)


@contextmanager
def open_archive(path: Path) -> Iterator[tuple[tarfile.TarFile, dict[str, Any]]]:
    """The archive and its manifest; a file that is not a DIPPS backup of a known format is
    bad input."""
    with ExitStack() as stack:
        try:
            archive = stack.enter_context(tarfile.open(path, "r:*"))
        except (OSError, tarfile.TarError) as error:
            reason = getattr(error, "strerror", None) or "not a DIPPS backup archive"
            raise BackupError(f"{path}: {reason}.", EXIT_BAD_INPUT) from error
        try:
            member = archive.extractfile(MANIFEST)
            manifest = json.loads(member.read()) if member else None
        except (KeyError, ValueError, tarfile.TarError) as error:
            raise BackupError(
                f"{path}: not a DIPPS backup archive (no readable {MANIFEST}).", EXIT_BAD_INPUT
            ) from error
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            found = manifest.get("format") if isinstance(manifest, dict) else None
            raise BackupError(
                f"{path}: backup format {found!r}; this DIPPS reads format {FORMAT}.",
                EXIT_BAD_INPUT,
            )
        yield archive, manifest


def _migrations_on_disk() -> set[tuple[str, str]]:
    return set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


def _safe_member_path(name: str) -> PurePosixPath | None:
    """A media member's path below MEDIA_ROOT, or None for one that would leave it."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or len(path.parts) < 2:
        return None
    return PurePosixPath(*path.parts[1:])


def restore(path: Path) -> Restored:
    """Restore the archive at `path` into the (empty) database and MEDIA_ROOT of the settings."""
    vendor = _vendor()
    media_root = Path(settings.MEDIA_ROOT)
    with open_archive(Path(path)) as (archive, manifest):
        database = manifest.get("database", {})
        if database.get("vendor") != vendor:
            raise BackupError(
                f"{path}: a backup of a {database.get('vendor')} database cannot be restored "
                f"into {vendor}; restore it into the same kind of database.",
                EXIT_BAD_INPUT,
            )
        applied = {(app, name) for app, names in manifest["migrations"].items() for name in names}
        on_disk = _migrations_on_disk()
        unknown = sorted(f"{app}.{name}" for app, name in applied - on_disk)
        if unknown:
            raise BackupError(
                f"{path}: the backup was made by a newer DIPPS (migrations unknown here: "
                f"{', '.join(unknown[:5])}); restore it with that version.",
                EXIT_BAD_INPUT,
            )
        _refuse_unless_empty(vendor, media_root)
        if vendor == "sqlite" and _in_memory(connection.settings_dict["NAME"]):
            raise BackupError("cannot restore into an in-memory SQLite database.", EXIT_BAD_INPUT)
        dump = archive.extractfile(database.get("file", ""))
        if dump is None:
            raise BackupError(f"{path}: the archive holds no database file.", EXIT_BAD_INPUT)
        if vendor == "sqlite":
            _restore_sqlite(dump)
        else:
            try:
                backup_postgres.restore(connection.settings_dict, dump)
            except backup_postgres.ClientError as error:
                raise BackupError(str(error)) from error
        media_files = _restore_media(archive, media_root)
    rows = _verify(manifest["rows"])
    return Restored(
        manifest=manifest,
        rows=sum(rows.values()),
        tables=len(rows),
        media_files=media_files,
        migrations_to_apply=sorted(f"{app}.{name}" for app, name in on_disk - applied),
    )


def _tables(vendor: str) -> list[str]:
    """The database's tables. SQLite's file is read without Django's connection, which would
    create it (and its write-ahead log) where there is none yet."""
    if vendor != "sqlite" or _in_memory(connection.settings_dict["NAME"]):
        return connection.introspection.table_names()
    target = Path(connection.settings_dict["NAME"])
    if not target.exists():
        return []
    db = sqlite3.connect(f"{target.resolve().as_uri()}?mode=ro", uri=True)
    try:
        query = "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        return [name for (name,) in db.execute(query)]
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{target}: not an SQLite database ({error}).", EXIT_BAD_INPUT) from error
    finally:
        db.close()


def _refuse_unless_empty(vendor: str, media_root: Path) -> None:
    tables = _tables(vendor)
    if tables:
        how = (
            "move the database file away first"
            if vendor == "sqlite"
            else "drop and create the database first (dropdb, createdb)"
        )
        raise BackupError(
            f"the database {connection.settings_dict['NAME']} is not empty ({len(tables)} "
            f"tables); a backup is restored only into an empty database: {how}.",
            EXIT_BAD_INPUT,
        )
    if any(_media_files(media_root)):
        raise BackupError(
            f"MEDIA_ROOT {media_root} holds files; a backup is restored only into an empty "
            "one: move them away first.",
            EXIT_BAD_INPUT,
        )


def _restore_sqlite(dump) -> None:
    target = Path(connection.settings_dict["NAME"])
    connection.close()
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, prefix=".restore-", delete=False) as out:
        while chunk := dump.read(1 << 20):
            out.write(chunk)
    # An empty database file may have left its write-ahead log beside it.
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    os.replace(out.name, target)


def _in_memory(name: object) -> bool:
    return str(name) == ":memory:" or "mode=memory" in str(name)


def _restore_media(archive: tarfile.TarFile, media_root: Path) -> int:
    count = 0
    for member in archive.getmembers():
        if not member.name.startswith(f"{MEDIA}/") or not member.isfile():
            continue
        relative = _safe_member_path(member.name)
        source = archive.extractfile(member)
        if relative is None or source is None:
            raise BackupError(f"{member.name}: a file outside the media folder.", EXIT_BAD_INPUT)
        target = media_root.joinpath(*relative.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "wb") as out:
            while chunk := source.read(1 << 20):
                out.write(chunk)
        count += 1
    return count


def _verify(expected: dict[str, int]) -> dict[str, int]:
    """The restored rows per model, which must equal the manifest's."""
    tables = model_tables()
    rows = {}
    with connection.cursor() as cursor:
        for label, count in expected.items():
            table = tables.get(label)
            if table is None:
                continue  # a model this version no longer has; its table came back as it was
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            rows[label] = cursor.fetchone()[0]
            if rows[label] != count:
                raise BackupError(
                    f"restored {label} has {rows[label]} rows, the backup {count}: "
                    "the restore is incomplete."
                )
    return rows
