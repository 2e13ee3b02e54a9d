"""Staff costs by the handbook's unit cost (issue 12, item 2).

Adds `StaffSalary` (per programme and person: the monthly salary in the first project
month) and the plan's `staff_cost_method` and `uplift_percent`. Every existing plan gets
the new default `unit_cost`: its ledger rows are not recomputed here, only at the next
fetch of staff costs, where rows of claimed periods stay frozen and people without a
salary record are skipped (their rows left as they were). A programme that wants to keep
the annual-cost figures chooses `annual_cost` on the budget page. Reversing drops the
table and both fields.
"""

import django.db.models.deletion
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('finance', '0004_evaluation'),
        ('programmes', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='financeplan',
            name='staff_cost_method',
            field=models.CharField(choices=[('unit_cost', "unit cost per hour from the first project month's salary"), ('annual_cost', 'annual gross employment cost / 1,720')], default='unit_cost', max_length=20, verbose_name='staff cost method'),
        ),
        migrations.AddField(
            model_name='financeplan',
            name='uplift_percent',
            field=models.DecimalField(decimal_places=2, default=Decimal('2.4'), max_digits=5, verbose_name='yearly uplift of the unit cost, per cent'),
        ),
        migrations.CreateModel(
            name='StaffSalary',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('first_month', models.DateField(verbose_name='first month in the project')),
                ('monthly_salary_sek', models.DecimalField(decimal_places=2, max_digits=12, verbose_name='monthly salary (SEK)')),
                ('document', models.CharField(max_length=200, verbose_name='documented by')),
                ('programme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='staff_salaries', to='programmes.programme')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='staff_salaries', to=settings.AUTH_USER_MODEL, verbose_name='person')),
            ],
            options={
                'verbose_name': 'staff salary',
                'verbose_name_plural': 'staff salaries',
                'ordering': ['user__last_name', 'user__first_name', 'user__username'],
                'constraints': [models.UniqueConstraint(fields=('programme', 'user'), name='one_salary_per_person'), models.CheckConstraint(condition=models.Q(('first_month__day', 1)), name='salary_first_month_is_first_day'), models.CheckConstraint(condition=models.Q(('monthly_salary_sek__gt', 0)), name='salary_positive')],
            },
        ),
    ]
