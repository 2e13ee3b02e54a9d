"""Gunicorn's settings for DIPPS (`gunicorn -c python:dipps.gunicorn_conf dipps.wsgi`).

Used by `make serve` and the systemd unit in docs/operations.md; options given on the
command line (`--bind`, `--workers`) override these.
"""

import os


def default_workers(cpus: int | None) -> int:
    """Two per core plus one, as gunicorn's documentation suggests, at most eight: each
    worker is a process of some 150 MB, and on SQLite writers queue for one lock anyway.

    Sync workers, one request each: a DIPPS page is mostly Python (queries, templates,
    charts), and threads in one process share one interpreter lock. The load bench
    (bench/load_bench.py; docs/operations.md, "Capacity") served real pages at the same
    rate with 2 gthread workers × 4 threads as with 5 sync workers on two cores, with a
    worse p95 (13.8 s against 8.0 s on a busy machine). The proxy in front (nginx
    buffers) keeps slow clients off the workers, which sync workers need."""
    return min(2 * (cpus or 1) + 1, 8)


wsgi_app = "dipps.wsgi:application"
bind = os.environ.get("DIPPS_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", default_workers(os.cpu_count())))
worker_class = "sync"  # one request a process; why: default_workers
# An SIE file of 100 MB (the upload limit) is parsed within its request: allow two minutes.
timeout = int(os.environ.get("DIPPS_REQUEST_TIMEOUT", 120))
graceful_timeout = 30
# Load Django once in the master: a configuration error (no SECRET_KEY) stops the server at
# once with its message, instead of workers failing to boot over and over.
preload_app = True
accesslog = "-"
errorlog = "-"
# X-Forwarded-Proto and X-Forwarded-For are believed from these addresses only (gunicorn's
# default: the proxy on this machine). Django's own SECURE_PROXY_SSL_HEADER is separate.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
