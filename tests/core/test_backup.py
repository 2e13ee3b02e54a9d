import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from dipps.core import backup, backup_postgres
from tests.factories import make_world

from .backup_figures import figures
from .test_settings import clean_env

ROOT = Path(__file__).resolve().parents[2]


def run_backup(output) -> Path:
    out = io.StringIO()
    call_command("backup", output=str(output), stdout=out)
    return Path(out.getvalue().strip())


def manifest_of(archive: Path) -> dict:
    with tarfile.open(archive) as tar:
        return json.loads(tar.extractfile("manifest.json").read())


def write_archive(path: Path, manifest: dict, files: dict[str, bytes] | None = None) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, data in {"manifest.json": json.dumps(manifest).encode(), **(files or {})}.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


@pytest.mark.django_db(transaction=True)
def test_a_backup_holds_the_database_the_uploads_and_a_manifest_of_the_same_state(
    tmp_path, settings
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    (tmp_path / "media" / "evaluation").mkdir(parents=True)
    (tmp_path / "media" / "evaluation" / "report.pdf").write_bytes(b"%PDF-1.4 report")
    world = make_world()
    archive = run_backup(tmp_path)
    assert archive.parent == tmp_path
    assert archive.name.startswith("dipps-backup-") and archive.name.endswith("Z.tar.gz")
    manifest = manifest_of(archive)
    vendor = connection.vendor
    assert manifest["format"] == 1
    assert manifest["database"] == {"vendor": vendor, "file": backup.DATABASE_FILES[vendor]}
    assert manifest["created"].endswith("Z")
    assert manifest["media_files"] == 1
    assert "0001_initial" in manifest["migrations"]["companies"]
    assert manifest["rows"]["companies.Company"] == type(world.company).objects.count() > 0
    assert manifest["rows"]["programmes.Programme"] >= 1
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        assert tar.extractfile("media/evaluation/report.pdf").read() == b"%PDF-1.4 report"
    assert names[:2] == ["manifest.json", backup.DATABASE_FILES[vendor]]
    assert not list(tmp_path.glob(".*"))  # no partial archive, no scratch folder
    assert archive.stat().st_mode & 0o777 == 0o600


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_holds_tables(tmp_path):
    archive = run_backup(tmp_path)
    with pytest.raises(CommandError, match="is not empty") as refused:
        call_command("restore", str(archive))
    assert refused.value.returncode == 2


@pytest.mark.django_db
def test_restore_refuses_what_is_not_a_backup_of_this_kind(tmp_path):
    def refusal(path):
        with pytest.raises(CommandError) as refused:
            call_command("restore", str(path))
        assert refused.value.returncode == 2
        return str(refused.value)

    assert refusal(tmp_path / "missing.tar.gz").endswith("No such file or directory.")
    (tmp_path / "notes.txt").write_text("not an archive")
    assert "not a DIPPS backup archive" in refusal(tmp_path / "notes.txt")
    other_format = write_archive(tmp_path / "f2.tar.gz", {"format": 2})
    assert "backup format 2; this DIPPS reads format 1" in refusal(other_format)
    good = {
        "format": 1,
        "database": {"vendor": connection.vendor, "file": "database.x"},
        "migrations": {},
        "rows": {},
    }
    other_vendor = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    wrong = write_archive(tmp_path / "v.tar.gz", good | {"database": {"vendor": other_vendor}})
    assert f"a backup of a {other_vendor} database cannot be restored" in refusal(wrong)
    newer = write_archive(tmp_path / "n.tar.gz", good | {"migrations": {"core": ["9999_later"]}})
    assert "made by a newer DIPPS (migrations unknown here: core.9999_later)" in refusal(newer)


def test_backup_refuses_an_output_that_is_not_a_directory(tmp_path):
    with pytest.raises(CommandError, match="no such directory") as refused:
        call_command("backup", output=str(tmp_path / "nowhere"))
    assert refused.value.returncode == 2


def test_a_media_member_may_not_climb_out_of_media_root():
    assert backup._safe_member_path("media/a/b.pdf").parts == ("a", "b.pdf")
    assert backup._safe_member_path("media/../../etc/passwd") is None
    assert backup._safe_member_path("/media/x") is None


def test_a_missing_pg_dump_is_named_with_how_to_install_it(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(backup_postgres.ClientError, match="pg_dump was not found on PATH"):
        backup_postgres.client_program("pg_dump")


def test_postgresql_gets_its_connection_from_the_environment_not_the_command_line():
    settings_dict = {
        "NAME": "dipps",
        "HOST": "db.example.se",
        "PORT": 5432,
        "USER": "dipps",
        "PASSWORD": "s3cret",
        "OPTIONS": {"sslmode": "require"},
    }
    assert backup_postgres.libpq_environment(settings_dict) == {
        "PGDATABASE": "dipps",
        "PGHOST": "db.example.se",
        "PGPORT": "5432",
        "PGUSER": "dipps",
        "PGPASSWORD": "s3cret",
        "PGSSLMODE": "require",
    }
    assert backup_postgres.connect_arguments(settings_dict | {"HOST": ""}) == {
        "dbname": "dipps",
        "port": 5432,
        "user": "dipps",
        "password": "s3cret",
        "sslmode": "require",
    }


def run_dipps(*args, env):
    return subprocess.run(
        [sys.executable, "-m", "dipps", *args],
        capture_output=True,
        text=True,
        env=clean_env(**env),
        cwd=ROOT,
        timeout=600,
    )


FIGURES = (
    "import json, django; django.setup()\n"
    "from tests.core.backup_figures import figures\n"
    "print(json.dumps(figures()))"
)


@pytest.fixture
def empty_database(tmp_path):
    """The URL of a new, empty database beside the test database, dropped afterwards."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored' / 'dipps.sqlite3'}"
        return
    if shutil.which("pg_restore") is None:
        pytest.skip("pg_restore is not installed")
    params = connection.settings_dict
    name = f"{params['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    auth = params["USER"] + (f":{params['PASSWORD']}" if params["PASSWORD"] else "")
    yield f"postgres://{auth}@{params['HOST'] or 'localhost'}:{params['PORT'] or 5432}/{name}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


@pytest.mark.slow  # loads a demo and restores it in subprocesses
@pytest.mark.django_db(transaction=True)
def test_a_backup_of_the_demo_restores_to_the_same_rows_claims_and_indicators(
    tmp_path, settings, empty_database
):
    from dipps.site.demo import load_demo

    if connection.vendor == "postgresql" and shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    load_demo(company_count=8)
    (tmp_path / "media" / "declarations").mkdir(parents=True)
    (tmp_path / "media" / "declarations" / "signed.pdf").write_bytes(b"%PDF-1.4 signed")
    before = json.loads(json.dumps(figures()))
    assert before["claims"] and before["rows"]["engagements.Activity"] > 0
    archive = run_backup(tmp_path)

    env = {"DATABASE_URL": empty_database, "DIPPS_VAR_DIR": str(tmp_path / "restored")}
    restored = run_dipps("restore", str(archive), env=env)
    assert restored.returncode == 0, restored.stderr
    manifest = manifest_of(archive)
    uploads = sorted(p.relative_to(tmp_path / "media") for p in (tmp_path / "media").rglob("*"))
    uploads = [p for p in uploads if (tmp_path / "media" / p).is_file()]
    assert manifest["media_files"] == len(uploads) >= 2  # the demo's evaluation report too
    assert (
        f"{sum(manifest['rows'].values())} rows in {len(manifest['rows'])} tables and "
        f"{len(uploads)} uploaded files, as the backup's manifest lists." in restored.stdout
    )
    assert "migrate" not in restored.stdout  # the code and the backup have the same migrations
    after = subprocess.run(
        [sys.executable, "-c", FIGURES],
        capture_output=True,
        text=True,
        # This tree's src/ first (as clean_env gives), then the tests package.
        env=clean_env(
            **env,
            DJANGO_SETTINGS_MODULE="dipps.settings",
            PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        ),
        cwd=ROOT,
        timeout=600,
    )
    assert after.returncode == 0, after.stderr
    assert json.loads(after.stdout) == before
    for upload in uploads:
        restored_file = tmp_path / "restored" / "media" / upload
        assert restored_file.read_bytes() == (tmp_path / "media" / upload).read_bytes()

    again = run_dipps("restore", str(archive), env=env)
    assert again.returncode == 2
    assert "is not empty" in again.stderr


def test_restore_refuses_a_media_root_that_holds_files(tmp_path, monkeypatch):
    monkeypatch.setattr(backup, "_tables", lambda vendor: [])
    backup._refuse_unless_empty("sqlite", tmp_path)  # an empty folder is fine
    (tmp_path / "evaluation").mkdir()
    (tmp_path / "evaluation" / "old.pdf").write_bytes(b"%PDF")
    with pytest.raises(backup.BackupError, match="holds files; a backup is restored only") as e:
        backup._refuse_unless_empty("sqlite", tmp_path)
    assert e.value.exit_code == 2
