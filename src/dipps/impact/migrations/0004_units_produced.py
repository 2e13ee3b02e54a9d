from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("impact", "0003_comparison")]

    operations = [
        migrations.AddField(
            model_name="energyyear",
            name="units_produced",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                max_digits=14,
                null=True,
                verbose_name="units produced",
            ),
        ),
    ]
