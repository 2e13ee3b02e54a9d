"""`dipps worker --batch` inside a test: runs every queued task, then returns."""

from unittest import mock

from django.core.management import call_command


def work_off_the_queue() -> None:
    # The worker closes connections that are not in autocommit between tasks, as a request
    # does; inside a test's transaction that would close the test's own connection.
    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    ):
        call_command("worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
