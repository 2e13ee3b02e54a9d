"""Budget versions (issue 12): the approved budget is kept and change requests are new versions.

Every programme that has budget or financing lines gets version 1 holding them: the original
budget, approved, in force from the programme's start, with the plan's cost model and rate.
Its decision reference and date are the programme's decision (diary number and decision date)
when it has one, else the first financier's decision that has a number (largest share
first; read only when programmes 0002 has given financiers decisions); left blank when
neither exists. Programmes without lines get no version: their first
save makes version 1 as a draft.

Lines lose their programme and belong to a version instead. On PostgreSQL the rows moved by
the data step leave deferred foreign-key checks pending, which would block the following
ALTER TABLE; the step runs them at once (SET CONSTRAINTS ALL IMMEDIATE). Reversing puts the
lines of each programme's latest approved version (else its latest) back on the programme.
"""

import django.db.models.deletion
from decimal import Decimal

from django.conf import settings
from django.db import migrations, models


def _immediate(schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")


def lines_to_versions(apps, schema_editor):
    Programme = apps.get_model("programmes", "Programme")
    Financier = apps.get_model("programmes", "Financier")
    FinancePlan = apps.get_model("finance", "FinancePlan")
    BudgetVersion = apps.get_model("finance", "BudgetVersion")
    BudgetLine = apps.get_model("finance", "BudgetLine")
    FinancingLine = apps.get_model("finance", "FinancingLine")
    # Financiers' decisions came with programmes 0002. This migration does not depend on it
    # (a dependency would tie programmes' own migration tests to finance), so it reads them
    # only when the historical model has them.
    financier_decisions = any(f.name == "decision_number" for f in Financier._meta.get_fields())
    with_lines = set(BudgetLine.objects.values_list("programme_id", flat=True)) | set(
        FinancingLine.objects.values_list("programme_id", flat=True)
    )
    for programme in Programme.objects.filter(pk__in=with_lines).order_by("pk"):
        plan = FinancePlan.objects.filter(programme=programme).first()
        reference, decided = programme.diary_number, programme.decision_date
        if not reference and financier_decisions:
            financier = (
                Financier.objects.filter(programme=programme)
                .exclude(decision_number="")
                .order_by("-share_percent", "name")
                .first()
            )
            if financier is not None:
                reference, decided = financier.decision_number, financier.decision_date
        version = BudgetVersion.objects.create(
            programme=programme,
            number=1,
            kind="original",
            status="approved",
            cost_model=plan.cost_model if plan else "staff_plus_15_actual",
            rate_percent=plan.indirect_rate_percent if plan else Decimal("15"),
            decision_reference=reference,
            decision_date=decided,
            in_force_from=programme.start,
        )
        BudgetLine.objects.filter(programme=programme).update(version=version)
        FinancingLine.objects.filter(programme=programme).update(version=version)
    _immediate(schema_editor)


def versions_to_lines(apps, schema_editor):
    BudgetVersion = apps.get_model("finance", "BudgetVersion")
    BudgetLine = apps.get_model("finance", "BudgetLine")
    FinancingLine = apps.get_model("finance", "FinancingLine")
    kept = {}
    for v in BudgetVersion.objects.order_by("programme_id", "number"):
        current = kept.get(v.programme_id)
        if current is None or v.status == "approved" or current.status != "approved":
            kept[v.programme_id] = v
    keep = [v.pk for v in kept.values()]
    BudgetLine.objects.exclude(version_id__in=keep).delete()
    FinancingLine.objects.exclude(version_id__in=keep).delete()
    for v in kept.values():
        BudgetLine.objects.filter(version=v).update(programme_id=v.programme_id)
        FinancingLine.objects.filter(version=v).update(programme_id=v.programme_id)
    _immediate(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("finance", "0005_staff_salary"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="BudgetVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.PositiveSmallIntegerField(verbose_name="version")),
                (
                    "kind",
                    models.CharField(
                        choices=[("original", "original budget"), ("change", "change request")],
                        default="original",
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                ("reason", models.TextField(blank=True, verbose_name="reason for the change")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "draft"),
                            ("submitted", "submitted"),
                            ("approved", "approved"),
                            ("rejected", "rejected"),
                        ],
                        default="draft",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "cost_model",
                    models.CharField(
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
                (
                    "rate_percent",
                    models.DecimalField(
                        decimal_places=2,
                        default=Decimal("15"),
                        max_digits=5,
                        verbose_name="flat rate, per cent of direct staff costs",
                    ),
                ),
                (
                    "decision_reference",
                    models.CharField(blank=True, max_length=100, verbose_name="decision reference"),
                ),
                (
                    "decision_date",
                    models.DateField(blank=True, null=True, verbose_name="decision date"),
                ),
                (
                    "in_force_from",
                    models.DateField(blank=True, null=True, verbose_name="in force from"),
                ),
                ("created", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "programme",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="budget_versions",
                        to="programmes.programme",
                    ),
                ),
            ],
            options={
                "verbose_name": "budget version",
                "verbose_name_plural": "budget versions",
                "ordering": ["programme", "number"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("programme", "number"), name="one_budget_version_number"
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("status__in", ["draft", "submitted"])),
                        fields=("programme",),
                        name="one_open_budget_version",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("status", "approved"), _negated=True),
                            ("in_force_from__isnull", False),
                            _connector="OR",
                        ),
                        name="approved_version_in_force",
                    ),
                ],
            },
        ),
        migrations.AddField(
            model_name="budgetline",
            name="version",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="lines",
                to="finance.budgetversion",
            ),
        ),
        migrations.AddField(
            model_name="financingline",
            name="version",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="financing",
                to="finance.budgetversion",
            ),
        ),
        # Nullable before the data step, so that reversing refills the column before it is
        # made required again.
        migrations.AlterField(
            model_name="budgetline",
            name="programme",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="budget_lines",
                to="programmes.programme",
            ),
        ),
        migrations.AlterField(
            model_name="financingline",
            name="programme",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="financing_lines",
                to="programmes.programme",
            ),
        ),
        migrations.RunPython(lines_to_versions, versions_to_lines),
        migrations.RemoveConstraint(model_name="budgetline", name="one_budget_cell"),
        migrations.RemoveConstraint(model_name="financingline", name="one_financing_cell"),
        migrations.RemoveField(model_name="budgetline", name="programme"),
        migrations.RemoveField(model_name="financingline", name="programme"),
        migrations.AlterField(
            model_name="budgetline",
            name="version",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="lines",
                to="finance.budgetversion",
            ),
        ),
        migrations.AlterField(
            model_name="financingline",
            name="version",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="financing",
                to="finance.budgetversion",
            ),
        ),
        migrations.AlterField(
            model_name="financingline",
            name="financier",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.RESTRICT,
                to="programmes.financier",
                verbose_name="financier",
            ),
        ),
        migrations.AddConstraint(
            model_name="budgetline",
            constraint=models.UniqueConstraint(
                fields=("version", "year", "organisation", "category"), name="one_budget_cell"
            ),
        ),
        migrations.AddConstraint(
            model_name="financingline",
            constraint=models.UniqueConstraint(
                fields=("version", "financier", "year"), name="one_financing_cell"
            ),
        ),
    ]
