"""`dipps worker`: run the background jobs (django-tasks' database worker, plus recovery).

Exit status: 0 when stopped cleanly (SIGTERM or Ctrl-C while idle, or `--batch` with the
queue empty); 1 when forced to stop in the middle of a job (a second Ctrl-C); 2 for bad
arguments; 3 when the database cannot be reached or has not been migrated.
"""

from django.core.management.base import CommandError
from django.db.utils import DatabaseError
from django_tasks_db.management.commands import db_worker

from dipps.core import jobs

EXIT_DATABASE = 3


class Command(db_worker.Command):
    help = (
        "Run the background jobs queued in the database (docs/operations.md). On start, "
        "jobs left running by a stopped worker are marked interrupted, so they can be retried."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # A worker that reloads itself on code changes stops jobs half-way: off unless asked.
        parser.set_defaults(reload=False)
        parser.add_argument(
            "--no-recover",
            action="store_false",
            dest="recover",
            help=(
                "leave jobs marked running alone (for a second worker on the same database; "
                "the first one recovers)"
            ),
        )

    def handle(self, *args, recover=True, **options):
        if recover:
            try:
                interrupted = jobs.recover_interrupted()
            except DatabaseError as error:
                raise CommandError(
                    f"the database is not ready for jobs ({error}); run `dipps migrate` first",
                    returncode=EXIT_DATABASE,
                ) from error
            if interrupted and options.get("verbosity", 1):
                self.stdout.write(f"{interrupted} interrupted job(s) marked failed; retry them.")
        super().handle(*args, **options)
