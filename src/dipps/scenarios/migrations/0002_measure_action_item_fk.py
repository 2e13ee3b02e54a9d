"""Measure.action_item_id (a plain integer) becomes a foreign key to engagements.ActionItem.

The integer column is renamed out of the way, the key is added under the old column name and
every value that names an existing plan item is copied; a value pointing at no item (there
was no constraint before) cannot be kept under a foreign key and becomes empty.
"""

import django.db.models.deletion
from django.db import migrations, models


def copy_links(apps, schema_editor):
    Measure = apps.get_model("scenarios", "Measure")
    ActionItem = apps.get_model("engagements", "ActionItem")
    linked = Measure.objects.exclude(action_item_legacy=None)
    existing = set(
        ActionItem.objects.filter(
            pk__in=linked.values_list("action_item_legacy", flat=True)
        ).values_list("pk", flat=True)
    )
    for measure in linked:
        if measure.action_item_legacy in existing:
            measure.action_item_id = measure.action_item_legacy
            measure.save(update_fields=["action_item"])


def copy_back(apps, schema_editor):
    Measure = apps.get_model("scenarios", "Measure")
    for measure in Measure.objects.exclude(action_item=None):
        measure.action_item_legacy = measure.action_item_id
        measure.save(update_fields=["action_item_legacy"])


class Migration(migrations.Migration):
    dependencies = [
        ("engagements", "0001_initial"),
        ("scenarios", "0001_initial"),
    ]

    operations = [
        migrations.RenameField("measure", "action_item_id", "action_item_legacy"),
        migrations.AddField(
            model_name="measure",
            name="action_item",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="scenario_measures",
                to="engagements.actionitem",
                verbose_name="action-plan item",
            ),
        ),
        migrations.RunPython(copy_links, copy_back),
        migrations.RemoveField("measure", "action_item_legacy"),
    ]
