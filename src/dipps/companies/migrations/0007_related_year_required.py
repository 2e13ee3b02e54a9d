"""The related enterprise's fiscal year is required (filled by 0006, in its own transaction)."""

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("companies", "0006_sme_register"),
    ]

    operations = [
        migrations.AlterField(
            model_name="relatedenterprise",
            name="fiscal_year",
            field=models.PositiveSmallIntegerField(verbose_name="fiscal year"),
        ),
        migrations.AlterField(
            model_name="relatedenterprise",
            name="share_percent",
            field=models.DecimalField(
                decimal_places=2,
                max_digits=5,
                validators=[
                    django.core.validators.MinValueValidator(0),
                    django.core.validators.MaxValueValidator(100),
                ],
                verbose_name="share (%)",
            ),
        ),
        migrations.AlterModelOptions(
            name="relatedenterprise",
            options={
                "ordering": ["-fiscal_year", "relation", "name"],
                "verbose_name": "related enterprise",
                "verbose_name_plural": "related enterprises",
            },
        ),
    ]
