"""The programme's cost model (issue 12): every existing plan becomes `staff_plus_15_actual`.

That was the only model before (staff + actual purchases + an indirect flat rate), so the
figures of existing claims keep their meaning. Its rate must now lie in [0, 15]: a rate in
that range is kept; a higher one (the old form allowed up to 100 %) is **clamped to 15**
rather than the migration refusing to run, because a deployment must not be blocked by a
setting the funder would never accept anyway. A clamped plan changes the flat-rate line of
its draft claims; submitted claims keep their frozen snapshot and do not change. Reversing
removes the field and leaves the (clamped) rate as it is.
"""

from decimal import Decimal

from django.db import migrations, models

LIMIT = Decimal("15")


def clamp_rates(apps, schema_editor):
    FinancePlan = apps.get_model("finance", "FinancePlan")
    FinancePlan.objects.filter(indirect_rate_percent__gt=LIMIT).update(indirect_rate_percent=LIMIT)


class Migration(migrations.Migration):
    dependencies = [
        ("finance", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="financeplan",
            name="cost_model",
            field=models.CharField(
                choices=[
                    (
                        "staff_plus_40",
                        "staff costs + flat rate of up to 40 per cent for all other costs",
                    ),
                    (
                        "staff_plus_15_actual",
                        "staff costs + actual purchases + flat rate of up to 15 per cent "
                        "for indirect costs",
                    ),
                ],
                default="staff_plus_15_actual",
                max_length=30,
                verbose_name="cost model",
            ),
        ),
        migrations.RunPython(clamp_rates, migrations.RunPython.noop),
    ]
