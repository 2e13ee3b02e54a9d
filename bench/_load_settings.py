"""The load bench's server settings: DIPPS's own, plus the trivial page (the floor).

gunicorn serves `dipps.wsgi:application` with DJANGO_SETTINGS_MODULE=_load_settings and
bench/ on the path; the only difference from `make serve` is one more URL,
/bench-trivial/ (bench/_harness.py), measured in the same server as the real pages.
"""

from dipps.settings import *  # noqa: F403

ROOT_URLCONF = "_load_urls"
