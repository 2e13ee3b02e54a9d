import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

SRC = Path(__file__).resolve().parents[2] / "src"


def clean_env(**extra):
    """The environment for a subprocess, without what the browser tests set.

    The subprocess imports dipps from this tree's src/ (as pytest does), not from
    wherever the virtualenv's editable install points.
    """
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    path = os.pathsep.join(p for p in (str(SRC), env.get("PYTHONPATH", "")) if p)
    return {**env, "PYTHONPATH": path, **extra}


def run_dipps(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "dipps", *args],
        capture_output=True,
        text=True,
        env=clean_env(**(env or {})),
        timeout=120,
    )


@pytest.mark.slow
def test_check_deploy_is_clean_with_debug_off_and_a_real_secret(tmp_path):
    result = run_dipps(
        "check",
        "--deploy",
        env={
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "dipps.example.se",
            "DIPPS_VAR_DIR": str(tmp_path),
        },
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNINGS" not in result.stderr


@pytest.mark.slow
def test_debug_off_without_a_secret_refuses_to_start(tmp_path):
    env = {"DEBUG": "0", "DIPPS_VAR_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "dipps", "check"],
        capture_output=True,
        text=True,
        env={k: v for k, v in clean_env(**env).items() if k != "SECRET_KEY"},
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG=0." in result.stderr


def test_the_defaults_are_swedish_in_stockholm(settings):
    assert settings.LANGUAGE_CODE == "sv"
    assert [code for code, _ in settings.LANGUAGES] == ["sv", "en"]
    assert settings.TIME_ZONE == "Europe/Stockholm"
    assert settings.PASSWORD_HASHERS  # Argon2 first outside tests:
    from dipps import settings as raw

    assert raw.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


@pytest.mark.slow
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite-only behaviour")
def test_sqlite_runs_in_wal_mode_with_immediate_transactions(tmp_path):
    result = run_dipps(
        "shell",
        "-v",
        "0",
        "-c",
        (
            "from django.db import connection as c\n"
            "cur = c.cursor(); cur.execute('PRAGMA journal_mode'); print(cur.fetchone()[0])\n"
            "print(c.settings_dict['OPTIONS']['transaction_mode'])"
        ),
        env={"DIPPS_VAR_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3"},
    )
    assert result.stdout.split() == ["wal", "IMMEDIATE"], result.stderr


CONCURRENT_WRITERS = """
import threading

import django

django.setup()

from django.core.management import call_command
from django.db import connection, transaction

from dipps.core.models import ExchangeRate

call_command("migrate", "core", verbosity=0)
connection.close()
errors = []


def write(i):
    try:
        for j in range(5):
            with transaction.atomic():
                # Read first, then write: the pattern that fails with "database is
                # locked" under deferred transactions.
                ExchangeRate.objects.filter(currency="EUR").count()
                ExchangeRate.objects.create(
                    currency="EUR", valid_from=f"20{10 + i}-01-{j + 1:02d}", sek_per_unit=10
                )
    except Exception as exc:
        errors.append(repr(exc))
    finally:
        connection.close()


threads = [threading.Thread(target=write, args=(i,)) for i in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(errors), ExchangeRate.objects.count(), errors[:1])
"""


@pytest.mark.slow
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite-only behaviour")
def test_concurrent_writers_on_sqlite_queue_instead_of_failing(tmp_path):
    """Eight threads read-then-write at once on a file database; none fails."""
    script = tmp_path / "writers.py"
    script.write_text(CONCURRENT_WRITERS)
    env = {
        "DIPPS_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path}/c.sqlite3",
        "DJANGO_SETTINGS_MODULE": "dipps.settings",
    }
    result = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        env=clean_env(**env),
        timeout=120,
    )
    assert result.stdout.split()[:2] == ["0", "40"], result.stdout + result.stderr


DEMO_SETTINGS = (
    "from django.conf import settings as s\n"
    "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT,"
    " s.SECURE_HSTS_SECONDS, 'whitenoise.middleware.WhiteNoiseMiddleware' in s.MIDDLEWARE)"
)


@pytest.mark.slow
def test_the_demo_runs_with_debug_off_over_plain_http_and_whitenoise(tmp_path):
    result = run_dipps(
        "shell",
        "-v",
        "0",
        "-c",
        DEMO_SETTINGS,
        env={
            "DEBUG": "0",
            "DIPPS_DEMO": "1",
            "SECRET_KEY": "demo-only-" + secrets.token_urlsafe(20),
            "DIPPS_VAR_DIR": str(tmp_path),
        },
    )
    assert result.stdout.split() == ["False", "False", "False", "False", "0", "True"], result.stderr


@pytest.mark.slow
def test_production_settings_keep_https_only_cookies_and_the_redirect(tmp_path):
    result = run_dipps(
        "shell",
        "-v",
        "0",
        "-c",
        DEMO_SETTINGS,
        env={
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "dipps.example.se",
            "DIPPS_VAR_DIR": str(tmp_path),
        },
    )
    assert result.stdout.split() == ["False", "True", "True", "True", "31536000", "True"], (
        result.stderr
    )


@pytest.mark.slow
def test_the_demo_refuses_to_serve_a_host_name_other_than_this_machine(tmp_path):
    result = run_dipps(
        "check",
        env={
            "DEBUG": "0",
            "DIPPS_DEMO": "1",
            "SECRET_KEY": "demo-only-" + secrets.token_urlsafe(20),
            "ALLOWED_HOSTS": "localhost,dipps.example.se",
            "DIPPS_VAR_DIR": str(tmp_path),
        },
    )
    assert result.returncode != 0
    assert (
        "DIPPS_DEMO=1 serves this machine only: ALLOWED_HOSTS may name only "
        "127.0.0.1, localhost, ::1, testserver." in result.stderr
    )


def test_the_makefile_serves_the_demo_with_debug_off():
    makefile = (SRC.parent / "Makefile").read_text()
    assert 'DEMO_ENV = DEBUG=0 DIPPS_DEMO=1 SECRET_KEY="$$(cat var/demo-secret-key)"' in makefile
    # `make demo` and `make serve` share one preparation: migrate, then collectstatic.
    assert "\t$(1) $(BIN)/dipps collectstatic --no-input -v 0\n" in makefile
    assert "\t$(call prepare,$(DEMO_ENV))\n" in makefile
    assert "\t$(call with_worker,$(DEMO_ENV),$(BIN)/dipps runserver $(HOST):$(PORT))\n" in makefile


def test_make_serve_runs_gunicorn_with_debug_off_after_the_same_preparation():
    makefile = (SRC.parent / "Makefile").read_text()
    assert 'SERVE_ENV = DEBUG=0 SECRET_KEY="$${SECRET_KEY:-$$(cat var/secret-key)}"' in makefile
    assert "\t$(call prepare,$(SERVE_ENV))\n" in makefile
    assert (
        "\t$(call with_worker,$(SERVE_ENV),"
        "$(BIN)/gunicorn -c python:dipps.gunicorn_conf --bind $(HOST):$(PORT))\n" in makefile
    )
    assert "demo-data" not in makefile.split("\nserve:")[1]


def test_make_demo_and_make_serve_run_the_worker_beside_the_server_and_stop_it_with_it():
    makefile = (SRC.parent / "Makefile").read_text()
    define = makefile.split("define with_worker\n")[1].split("endef")[0]
    assert "$(BIN)/dipps worker -v 0 & worker=$$!;" in define
    assert 'trap "kill $$worker 2>/dev/null; wait $$worker" EXIT INT TERM; $(2)' in define


def test_gunicorn_runs_two_workers_a_core_plus_one_at_most_eight():
    from dipps.gunicorn_conf import default_workers

    assert [default_workers(n) for n in (None, 1, 2, 3, 4, 16)] == [3, 3, 5, 7, 8, 8]


def test_the_proxy_ssl_header_is_trusted_only_when_named():
    from django.core.exceptions import ImproperlyConfigured

    from dipps.settings import proxy_ssl_header

    assert proxy_ssl_header("") is None
    assert proxy_ssl_header("  ") is None
    assert proxy_ssl_header("X-Forwarded-Proto") == ("HTTP_X_FORWARDED_PROTO", "https")
    assert proxy_ssl_header("x-forwarded-ssl") == ("HTTP_X_FORWARDED_SSL", "https")
    with pytest.raises(ImproperlyConfigured, match="a header name such as X-Forwarded-Proto"):
        proxy_ssl_header("X-Forwarded-Proto: https")


PROXY_SETTINGS = (
    "from django.conf import settings as s\n"
    "print(s.SECURE_PROXY_SSL_HEADER, s.ALLOWED_HOSTS, s.CSRF_TRUSTED_ORIGINS)"
)


@pytest.mark.slow
def test_production_trusts_no_proxy_header_unless_told(tmp_path):
    env = {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "dipps.example.se",
        "DIPPS_VAR_DIR": str(tmp_path),
    }
    result = run_dipps("shell", "-v", "0", "-c", PROXY_SETTINGS, env=env)
    assert result.stdout.strip() == "None ['dipps.example.se'] []", result.stderr
    env |= {
        "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
        "ALLOWED_HOSTS": "dipps.example.se, www.dipps.example.se",
        "CSRF_TRUSTED_ORIGINS": "https://dipps.example.se",
    }
    result = run_dipps("shell", "-v", "0", "-c", PROXY_SETTINGS, env=env)
    assert result.stdout.strip() == (
        "('HTTP_X_FORWARDED_PROTO', 'https') ['dipps.example.se', 'www.dipps.example.se']"
        " ['https://dipps.example.se']"
    ), result.stderr


def test_a_request_counts_as_https_only_through_the_named_header(rf, settings):
    request = rf.get("/", HTTP_X_FORWARDED_PROTO="https")
    settings.SECURE_PROXY_SSL_HEADER = None
    assert not request.is_secure()
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert request.is_secure()


def test_the_health_probe_is_not_redirected_to_https(client, settings, db):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/login/").status_code == 301
