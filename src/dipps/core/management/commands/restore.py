from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dipps.core import backup


class Command(BaseCommand):
    help = (
        "Restore a backup archive of `dipps backup` into an empty database and an empty "
        "MEDIA_ROOT (docs/operations.md)."
    )
    # The database may have no tables yet: checks that read it must not run first.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="archive written by dipps backup")

    def handle(self, *args, file, **options):
        try:
            restored = backup.restore(Path(file))
        except backup.BackupError as error:
            raise CommandError(str(error), returncode=error.exit_code) from error
        manifest = restored.manifest
        self.stdout.write(
            f"Restored {file} ({manifest['database']['vendor']}, made {manifest['created']}): "
            f"{restored.rows} rows in {restored.tables} tables and {restored.media_files} "
            "uploaded files, as the backup's manifest lists."
        )
        if restored.migrations_to_apply:
            self.stdout.write(
                f"This version has {len(restored.migrations_to_apply)} migrations the backup "
                "lacks: run `dipps migrate` before serving."
            )
