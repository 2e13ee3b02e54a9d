"""E-mail settings from the environment: SMTP in production, files under var/mail in the
demo, the console in development."""

import secrets

import pytest

from tests.core.test_settings import run_dipps

pytestmark = pytest.mark.slow  # each case starts a Python process

SHOW = (
    "from django.conf import settings as s; print(s.EMAIL_BACKEND.split('.')[-2], "
    "s.EMAIL_FILE_PATH, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS, s.DEFAULT_FROM_EMAIL)"
)


def show(env):
    result = run_dipps("shell", "-v", "0", "-c", SHOW, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_the_demo_writes_mails_into_var_mail(tmp_path):
    env = {"DEBUG": "0", "DIPPS_DEMO": "1", "SECRET_KEY": "demo-only-" + secrets.token_urlsafe(9)}
    got = show({**env, "DIPPS_VAR_DIR": str(tmp_path)})
    assert got[:2] == ["filebased", str(tmp_path / "mail")]


def test_production_sends_by_smtp_with_the_servers_settings(tmp_path):
    got = show(
        {
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DIPPS_VAR_DIR": str(tmp_path),
            "EMAIL_HOST": "smtp.region.example",
            "EMAIL_PORT": "587",
            "EMAIL_USE_TLS": "1",
            "DEFAULT_FROM_EMAIL": "dipps@region.example",
        }
    )
    assert got[0] == "smtp"
    assert got[2:] == ["smtp.region.example", "587", "True", "dipps@region.example"]


def test_development_prints_mails_on_the_console(tmp_path):
    assert show({"DEBUG": "1", "DIPPS_VAR_DIR": str(tmp_path)})[0] == "console"
