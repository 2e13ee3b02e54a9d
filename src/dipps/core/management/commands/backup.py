from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dipps.core import backup


class Command(BaseCommand):
    help = (
        "Back up the database and the uploaded files into one archive "
        "(docs/operations.md). Prints the archive's path."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            metavar="DIR",
            default=".",
            help="directory to write the archive into (default: the current directory)",
        )

    def handle(self, *args, output, **options):
        try:
            path = backup.create(Path(output))
        except backup.BackupError as error:
            raise CommandError(str(error), returncode=error.exit_code) from error
        self.stdout.write(str(path))
