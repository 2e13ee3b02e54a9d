"""Fill the stored size class of existing key figures (the rule of services.size_class_for)."""

from datetime import date

from django.db import migrations


def fill(apps, schema_editor):
    from dipps.companies import sme

    KeyFigures = apps.get_model("companies", "KeyFigures")
    RelatedEnterprise = apps.get_model("companies", "RelatedEnterprise")
    ExchangeRate = apps.get_model("core", "ExchangeRate")
    rates = list(
        ExchangeRate.objects.filter(currency="EUR")
        .order_by("valid_from")
        .values_list("valid_from", "sek_per_unit")
    )

    def rate_on(day):
        found = None
        for valid_from, rate in rates:
            if valid_from <= day:
                found = rate
        return found

    related = {}
    for r in RelatedEnterprise.objects.all().iterator():
        related.setdefault(r.company_id, []).append(r)
    changed = []
    for f in KeyFigures.objects.filter(size_class__isnull=True).iterator(chunk_size=2000):
        rate = rate_on(date(f.fiscal_year, 12, 31))
        if f.headcount is None or not rate:
            f.size_class = ""
        else:
            f.size_class = str(
                sme.classify(
                    headcount=f.headcount,
                    turnover_eur=(f.turnover_sek or 0) / rate,
                    balance_eur=(f.balance_sheet_sek or 0) / rate,
                    related=[
                        sme.Related(
                            relation=r.relation,
                            share=r.share_percent,
                            headcount=r.headcount,
                            turnover_eur=r.turnover_sek / rate,
                            balance_eur=r.balance_sheet_sek / rate,
                        )
                        for r in related.get(f.company_id, [])
                    ],
                )
            )
        changed.append(f)
        if len(changed) >= 2000:
            KeyFigures.objects.bulk_update(changed, ["size_class"])
            changed = []
    KeyFigures.objects.bulk_update(changed, ["size_class"])


class Migration(migrations.Migration):
    dependencies = [
        ("companies", "0002_keyfigures_size_class"),
        ("core", "0001_initial"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
