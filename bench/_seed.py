"""Raw bulk loading of activities for the benches that need millions of them.

Going through the services (or even `bulk_create`) would take hours for 2,000,000
activities, and the load is not what a bench measures. These helpers write rows that
carry their own ids straight into the tables; the bench then calls
`engagements.services.totals_rebuild` so that the derived tables (daily totals,
each company's support) match, as after any bulk load that goes around the services.

Import after `django.setup()`.
"""

from __future__ import annotations

from django.core.management.color import no_style
from django.db import connection

ACTIVITY_COLUMNS = [
    "id",
    "date",
    "type",
    "programme_id",
    "staff_hours",
    "external_cost_sek",
    "participants_women",
    "participants_men",
    "participants_other",
    "participant_hours",
    "note",
    "spread",
]
SHARE_COLUMNS = [
    "activity_id",
    "company_id",
    "date",
    "participants",
    "staff_hours",
    "external_cost_sek",
    "participant_hours",
    "aid_sek",
    "aid_eur",
]


def insert(model, columns: list[str], rows: list[tuple]) -> None:
    """Raw bulk insert, the fastest each database offers: COPY on PostgreSQL,
    executemany on one prepared statement on SQLite. No model instances, no
    RETURNING: the rows carry their own ids. Call inside a transaction (in
    autocommit SQLite would sync the file for every row)."""
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" * len(columns))
            cursor.cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def reset_sequences(*models) -> None:
    """Move PostgreSQL's id sequences past rows that carried their own ids."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), list(models)):
            cursor.execute(statement)
