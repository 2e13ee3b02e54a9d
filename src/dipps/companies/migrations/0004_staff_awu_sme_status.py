"""Staff in annual work units (decimal) and the SME status after the two-year rule.

The whole persons stored so far are kept as work units (12 → 12.00); each company's status
is filled from its stored yearly classes (the rule of services.company_refresh_derived).
"""

import django.core.validators
from django.db import migrations, models


def fill_status(apps, schema_editor):
    from dipps.companies import sme

    KeyFigures = apps.get_model("companies", "KeyFigures")
    by_company = {}
    rows = KeyFigures.objects.only("id", "company_id", "fiscal_year", "size_class")
    for f in rows.iterator(chunk_size=2000):
        by_company.setdefault(f.company_id, []).append(f)
    changed = []
    for figures in by_company.values():
        statuses = sme.statuses_of((f.fiscal_year, f.size_class) for f in figures)
        for f in figures:
            status = statuses[f.fiscal_year]
            f.sme_status = None if f.size_class is None else str(status or "")
            changed.append(f)
        if len(changed) >= 2000:
            KeyFigures.objects.bulk_update(changed, ["sme_status"])
            changed = []
    KeyFigures.objects.bulk_update(changed, ["sme_status"])


class Migration(migrations.Migration):
    dependencies = [
        ("companies", "0003_keyfigures_size_class_fill"),
    ]

    operations = [
        migrations.AddField(
            model_name="keyfigures",
            name="sme_status",
            field=models.CharField(
                blank=True,
                choices=[
                    ("micro", "micro"),
                    ("small", "small"),
                    ("medium", "medium"),
                    ("large", "large"),
                ],
                max_length=10,
                null=True,
                verbose_name="SME status",
            ),
        ),
        migrations.AlterField(
            model_name="keyfigures",
            name="headcount",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                max_digits=8,
                null=True,
                validators=[django.core.validators.MinValueValidator(0)],
                verbose_name="staff (annual work units)",
            ),
        ),
        migrations.AlterField(
            model_name="relatedenterprise",
            name="headcount",
            field=models.DecimalField(
                decimal_places=2,
                default=0,
                max_digits=8,
                validators=[django.core.validators.MinValueValidator(0)],
                verbose_name="staff (annual work units)",
            ),
        ),
        migrations.RunPython(fill_status, migrations.RunPython.noop),
    ]
