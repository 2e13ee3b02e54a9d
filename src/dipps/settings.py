"""DIPPS settings, read from the environment.

Safe defaults for a laptop (SQLite under var/, DEBUG on); production sets
SECRET_KEY, DEBUG=0, ALLOWED_HOSTS and DATABASE_URL.
"""

import os
import re
from decimal import Decimal
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("DIPPS_VAR_DIR", PROJECT_DIR / "var"))


def envbool(name: str, default: str) -> bool:
    return os.environ.get(name, default).strip().lower() in ("1", "true", "yes", "on")


def envint(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def envdecimal(name: str, default: str) -> Decimal:
    return Decimal(os.environ.get(name, default))


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def proxy_ssl_header(name: str) -> tuple[str, str] | None:
    """Django's SECURE_PROXY_SSL_HEADER for a header name such as `X-Forwarded-Proto`."""
    name = name.strip()
    if not name:
        return None
    if not re.fullmatch(r"[A-Za-z0-9]+(-[A-Za-z0-9]+)*", name):
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "SECURE_PROXY_SSL_HEADER must be a header name such as X-Forwarded-Proto, "
            f"not {name!r}."
        )
    return ("HTTP_" + name.upper().replace("-", "_"), "https")


DEBUG = envbool("DEBUG", "1")
# `make demo` sets DIPPS_DEMO=1 with DEBUG=0: people trying the demo see the real
# error pages, never Django's debug pages, while it is served over plain HTTP on
# this machine (no HTTPS-only cookies, no redirect to HTTPS, no HSTS).
DEMO = envbool("DIPPS_DEMO", "0")
HTTPS = not DEBUG and not DEMO
_INSECURE_KEY = "django-insecure-dipps-development-key-only-for-a-laptop-0123456789"
SECRET_KEY = os.environ.get("SECRET_KEY", _INSECURE_KEY if DEBUG else "")
if not SECRET_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "SECRET_KEY must be set when DEBUG=0. Generate one with "
        "python3 -c 'import secrets; print(secrets.token_urlsafe(50))' and set it in the "
        "server's environment (docs/operations.md)."
    )

LOCAL_HOSTS = ["127.0.0.1", "localhost", "::1", "testserver"]
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
if DEMO and not set(ALLOWED_HOSTS) <= set(LOCAL_HOSTS):
    # The demo runs over plain HTTP with a throwaway key: it must not be reachable by name.
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "DIPPS_DEMO=1 serves this machine only: ALLOWED_HOSTS may name only "
        + ", ".join(LOCAL_HOSTS)
        + "."
    )
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "dipps.core",
    "dipps.accounts",
    "dipps.programmes",
    "dipps.companies",
    "dipps.maturity",
    "dipps.engagements",
    "dipps.stateaid",
    "dipps.finance",
    "dipps.indicators",
    "dipps.scenarios",
    "dipps.impact",
    "dipps.competence",
    "dipps.automation",
    "dipps.privacy",
    "dipps.notices",
    "dipps.site",
    "dipps.api",
    # django-ninja: its Swagger UI files and templates, served from here (no CDN).
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "dipps.core.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "dipps.core.middleware.SwedishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

if not DEBUG:
    # runserver serves static files itself in development; with DEBUG off (production
    # and `make demo`) WhiteNoise serves what collectstatic gathered in STATIC_ROOT.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "dipps.urls"
WSGI_APPLICATION = "dipps.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dipps.accounts.context_processors.role",
                "dipps.site.context_processors.menu",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
# SQLite is the embedded default. WAL lets readers and one writer work at once;
# "IMMEDIATE" transactions take the write lock up front, so two writers queue
# (up to the timeout) instead of failing with "database is locked" when a
# read transaction tries to upgrade.
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'dipps.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication -----------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "site:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login throttling: lock a username+address pair out after AXES_FAILURE_LIMIT
# failures for AXES_COOLOFF_MINUTES. By the pair, not by either alone: one
# person's mistakes do not lock out everyone behind the same proxy or NAT, and
# an attacker elsewhere cannot lock a user out of their own address.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# How many reverse proxies in front of DIPPS append to X-Forwarded-For. 0 (no
# proxy): the address is REMOTE_ADDR and X-Forwarded-For, which any client can
# write, is ignored. See dipps.core.client_ip.
DIPPS_TRUSTED_PROXY_COUNT = envint("DIPPS_TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "dipps.core.client_ip.client_ip"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 60 * 60 * 10

# --- Internationalisation -----------------------------------------------------
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["dipps.formats"]
# Amounts are grouped by the `sek` and `num` filters; plain numbers (years, versions) stay bare.
USE_THOUSAND_SEPARATOR = False

# --- Static files -------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"

# --- Upload limits (dipps.core.uploads; docs/configuration.md, "Upload limits") ---------
# Size per kind of file, in MB (1 MB = 1,048,576 bytes), checked before a file is parsed.
DIPPS_UPLOAD_MAX_TABULAR_MB = envint("DIPPS_UPLOAD_MAX_TABULAR_MB", 20)
DIPPS_UPLOAD_MAX_SIE_MB = envint("DIPPS_UPLOAD_MAX_SIE_MB", 100)
DIPPS_UPLOAD_MAX_JSON_MB = envint("DIPPS_UPLOAD_MAX_JSON_MB", 10)
DIPPS_UPLOAD_MAX_DOCUMENT_MB = envint("DIPPS_UPLOAD_MAX_DOCUMENT_MB", 20)
# XLSX, from the zip directory before the workbook is opened: unpacked size of all parts,
# and how many times smaller than its unpacked size a part of over 1 MB may be packed.
DIPPS_UPLOAD_XLSX_MAX_UNCOMPRESSED_MB = envint("DIPPS_UPLOAD_XLSX_MAX_UNCOMPRESSED_MB", 200)
DIPPS_UPLOAD_XLSX_MAX_RATIO = envint("DIPPS_UPLOAD_XLSX_MAX_RATIO", 100)
# Rows of a CSV or XLSX sheet (header and blank rows included), counted while streaming.
DIPPS_UPLOAD_MAX_ROWS = envint("DIPPS_UPLOAD_MAX_ROWS", 200_000)
# An import of more rows than this (companies, activities) is confirmed as a background
# job with a progress bar (docs/operations.md, "Background jobs"); smaller ones run inline.
DIPPS_JOB_IMPORT_ROWS = envint("DIPPS_JOB_IMPORT_ROWS", 2000)
# Django's side: a file over 2.5 MB goes to a temporary file, never to memory, and the
# bounded handler stores no more of any file than the largest limit above (the form then
# refuses it by its true size). Form fields without files stay small; one file a form.
FILE_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "dipps.core.uploads.BoundedUploadHandler",
]
DATA_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FILES = 5

# --- Security (production) -----------------------------------------------------
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "1" if HTTPS else "0")
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "1" if HTTPS else "0")
# Behind a TLS-terminating proxy, Django learns that a request came over HTTPS from a header
# the proxy sets. Opt-in (SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto): without a proxy that
# always sets or strips it, any client could send the header and pass as HTTPS.
SECURE_PROXY_SSL_HEADER = proxy_ssl_header(os.environ.get("SECURE_PROXY_SSL_HEADER", ""))
# The load balancer's or monitor's probe may come over plain HTTP, straight to the app server.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (django-csp 4): only our own files. No page has an
# inline script, an on*= handler or a style attribute (tests/core/test_headers.py
# scans every template), so neither script-src nor style-src needs 'unsafe-inline'.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Browser features no page uses, switched off for the page and any frame
# (dipps.core.middleware.PermissionsPolicyMiddleware). Only names Chromium knows,
# so the browser console stays free of "unrecognized feature" noise.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

# /healthz runs each check in turn (dipps.core.health): name -> a callable that raises when
# the part it checks is not working. A job queue adds its check here.
DIPPS_HEALTH_CHECKS = {
    "database": "dipps.core.health.check_database",
    "jobs": "dipps.core.jobs.check_queue",
}

# --- Background jobs (dipps.core.jobs; docs/operations.md, "The worker") ----------------
# Long work (SIE files, PDF batches, simulations) runs as a job: the web request queues it in
# the database and `dipps worker` runs it. The database backend works on SQLite and
# PostgreSQL alike and needs nothing beside the database.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
# SIE files over this size are read by the worker, the person watching a progress bar; smaller
# ones while they wait. Likewise an import with more new rows is confirmed by the worker.
DIPPS_SIE_INLINE_MAX_MB = envint("DIPPS_SIE_INLINE_MAX_MB", 2)
DIPPS_SIE_CONFIRM_INLINE_MAX_ROWS = envint("DIPPS_SIE_CONFIRM_INLINE_MAX_ROWS", 20_000)
# /healthz reports an error when a job has waited this long without a worker taking it.
DIPPS_JOB_QUEUE_MAX_WAIT_MINUTES = envint("DIPPS_JOB_QUEUE_MAX_WAIT_MINUTES", 10)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- E-mail (docs/configuration.md, "E-mail") --------------------------------------
# Django's e-mail backends. Production: SMTP (the default with DEBUG off) with the host and
# account below. The demo (DIPPS_DEMO=1) writes each mail as a file into var/mail, where
# the mail page (/notices/mail/) shows them; development prints them on the console. The
# tests use Django's in-memory backend (pytest-django sets it).
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends."
    + ("filebased" if DEMO else "console" if DEBUG else "smtp")
    + ".EmailBackend",
)
EMAIL_FILE_PATH = Path(os.environ.get("EMAIL_FILE_PATH", VAR_DIR / "mail"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "0")
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", "0")
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "DIPPS <dipps@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# The address people reach DIPPS at, for the links in mails sent outside a request
# (`dipps remind`): scheme and host, no trailing slash.
DIPPS_SITE_URL = os.environ.get("DIPPS_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# `dipps remind`: a finance officer hears of a reporting period this many days before it ends.
DIPPS_REMIND_CLAIM_DAYS = envint("DIPPS_REMIND_CLAIM_DAYS", 14)

# --- Programme rules -------------------------------------------------------------
# The region's delegation order (delegationsordning): who decides on a programme.
DIPPS_DIRECTOR_MAX_OWN_COFINANCING_SEK = envdecimal(
    "DIPPS_DIRECTOR_MAX_OWN_COFINANCING_SEK", "500000"
)
DIPPS_BOARD_MIN_TOTAL_BUDGET_SEK = envdecimal("DIPPS_BOARD_MIN_TOTAL_BUDGET_SEK", "10000000")

# Industry-related service firms: SNI divisions (stable across SNI 2007/2025
# for these numbers). A default that the programme may change.
DIPPS_SERVICE_DIVISIONS = [
    int(d)
    for d in envlist("DIPPS_SERVICE_DIVISIONS", "49,50,51,52,62,63,69,70,71,72,73,74,77,78,82")
]
# Counties of the programme region Mittnorrland: Västernorrland (22), Jämtland (23).
DIPPS_REGION_COUNTIES = envlist("DIPPS_REGION_COUNTIES", "22,23")

# --- Personal data ------------------------------------------------------------------
# Contacts of firms with no activity for this many years are listed for review
# (the retention page and `dipps privacy retention`; docs/privacy.md).
DIPPS_CONTACT_RETENTION_YEARS = envint("DIPPS_CONTACT_RETENTION_YEARS", 10)

# --- Accessibility ------------------------------------------------------------------
# Where people report accessibility problems: an e-mail address shown on the public
# accessibility statement (/accessibility/; docs/accessibility.md). Empty: the statement
# names the DIPPS project manager at Region Jämtland Härjedalen instead.
DIPPS_ACCESSIBILITY_CONTACT = os.environ.get("DIPPS_ACCESSIBILITY_CONTACT", "").strip()
