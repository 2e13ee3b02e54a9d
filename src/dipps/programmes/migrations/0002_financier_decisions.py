"""Financiers get a type and their decision; the type is set from today's fields.

Private financiers become `private`. A public financier marked as the owner becomes
`region_municipality`, so the delegation rule gives the same result as before until someone
corrects the type (for example to the state's 1:1 appropriation). Other public financiers
become `eu_fund` when the name says so (ERUF, ESF, EU, Interreg, JTF, "fond"), otherwise
`region_municipality`. The reverse migration keeps `kind`, which it never changed.
"""

import re

import django.core.validators
from django.db import migrations, models


EU_NAME = re.compile(r"\b(ERUF|ESF\+?|EU|Interreg|JTF|FTO)\b|fond", re.IGNORECASE)


def type_for(kind: str, is_owner: bool, name: str) -> str:
    if kind == "private":
        return "private"
    if not is_owner and EU_NAME.search(name):
        return "eu_fund"
    return "region_municipality"


def set_types(apps, schema_editor):
    Financier = apps.get_model("programmes", "Financier")
    for f in Financier.objects.all():
        f.financier_type = type_for(f.kind, f.is_owner, f.name)
        f.save(update_fields=["financier_type"])


class Migration(migrations.Migration):

    dependencies = [
        ('programmes', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='financier',
            name='conditions',
            field=models.TextField(blank=True, verbose_name='conditions'),
        ),
        migrations.AddField(
            model_name='financier',
            name='decided_amount',
            field=models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, validators=[django.core.validators.MinValueValidator(0)], verbose_name='decided amount (SEK)'),
        ),
        migrations.AddField(
            model_name='financier',
            name='decision_date',
            field=models.DateField(blank=True, null=True, verbose_name='decision date'),
        ),
        migrations.AddField(
            model_name='financier',
            name='decision_number',
            field=models.CharField(blank=True, max_length=100, verbose_name='decision number'),
        ),
        migrations.AddField(
            model_name='financier',
            name='financier_type',
            field=models.CharField(choices=[('eu_fund', 'EU fund'), ('state_appropriation', 'state 1:1 appropriation'), ('region_municipality', 'region or municipality'), ('private', 'private')], default='region_municipality', max_length=20, verbose_name='type of financier'),
        ),
        migrations.AlterField(
            model_name='financier',
            name='is_owner',
            field=models.BooleanField(default=False, help_text="Tick when the programme owner provides this money. Only the owner's own money (region or municipality, or private) counts as its own co-financing in the delegation rule; a state 1:1 appropriation or an EU fund never does.", verbose_name='from the programme owner'),
        ),
        migrations.AlterField(
            model_name='financier',
            name='kind',
            field=models.CharField(choices=[('public', 'public'), ('private', 'private')], editable=False, max_length=10, verbose_name='public or private'),
        ),
        migrations.RunPython(set_types, migrations.RunPython.noop),
    ]
