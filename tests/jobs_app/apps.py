from django.apps import AppConfig


class JobsAppConfig(AppConfig):
    """Job kinds used only by tests, for a `dipps worker` started by a test (settings.py)."""

    name = "tests.jobs_app"
    label = "tests_jobs_app"

    def ready(self) -> None:
        from . import jobs  # noqa: F401
