"""Settings of a `dipps worker` that a test starts: DIPPS's, plus the test-only job kinds."""

from dipps.settings import *  # noqa: F403
from dipps.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.jobs_app"]
