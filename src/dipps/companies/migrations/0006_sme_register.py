"""SME data per year in the register and the firm's own fiscal year.

- `Company.fiscal_year_end` (MM-DD, `12-31` for every existing firm: calendar years, as
  assumed so far).
- `KeyFigures.public_control_percent` (0) and `ownership_changed` (false).
- `RelatedEnterprise.fiscal_year` and `exempt_investor`: a related enterprise had no year
  and counted in every year of its firm; each existing row is now copied into every year
  the firm has key figures for (so every stored status stays as it was), or, for a firm
  without key figures, given the year the migration runs.

The year becomes required in 0007: on PostgreSQL a table cannot be altered in the
transaction that has just written its rows (pending deferred-constraint triggers).
"""

import django.core.validators
from django.db import migrations, models
from django.utils import timezone

import dipps.companies.models


def date_related(apps, schema_editor):
    RelatedEnterprise = apps.get_model("companies", "RelatedEnterprise")
    KeyFigures = apps.get_model("companies", "KeyFigures")
    years: dict[int, list[int]] = {}
    for company, year in KeyFigures.objects.values_list("company_id", "fiscal_year"):
        years.setdefault(company, []).append(year)
    fallback = timezone.localdate().year
    copies = []
    fields = [f.attname for f in RelatedEnterprise._meta.concrete_fields if f.attname != "id"]
    for row in RelatedEnterprise.objects.filter(fiscal_year__isnull=True).iterator():
        own = sorted(years.get(row.company_id, [])) or [fallback]
        row.fiscal_year = own[0]
        row.save(update_fields=["fiscal_year"])
        values = {name: getattr(row, name) for name in fields}
        copies += [RelatedEnterprise(**{**values, "fiscal_year": year}) for year in own[1:]]
    RelatedEnterprise.objects.bulk_create(copies, batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("companies", "0005_eligibility"),
    ]

    operations = [
        migrations.AddField(
            model_name="company",
            name="fiscal_year_end",
            field=models.CharField(
                default="12-31",
                max_length=5,
                validators=[dipps.companies.models.validate_fiscal_year_end],
                verbose_name="fiscal year ends (MM-DD)",
            ),
        ),
        migrations.AddField(
            model_name="keyfigures",
            name="public_control_percent",
            field=models.DecimalField(
                decimal_places=2,
                default=0,
                max_digits=5,
                validators=[
                    django.core.validators.MinValueValidator(0),
                    django.core.validators.MaxValueValidator(100),
                ],
                verbose_name="held by public bodies (%)",
            ),
        ),
        migrations.AddField(
            model_name="keyfigures",
            name="ownership_changed",
            field=models.BooleanField(default=False, verbose_name="ownership changed this year"),
        ),
        migrations.AddField(
            model_name="relatedenterprise",
            name="exempt_investor",
            field=models.BooleanField(default=False, verbose_name="exempt investor (art. 3(2))"),
        ),
        migrations.AddField(
            model_name="relatedenterprise",
            name="fiscal_year",
            field=models.PositiveSmallIntegerField(null=True, verbose_name="fiscal year"),
        ),
        migrations.RunPython(date_related, migrations.RunPython.noop),
    ]
