"""Builders for finance tests: a partner with ledger settings and small SIE files."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from dipps.finance import sie_writer
from dipps.finance.models import PartnerLedger
from dipps.finance.sie_writer import Row, Ver
from dipps.programmes.models import Organisation

ACCOUNTS = {"7010": "Löner", "7510": "Arbetsgivaravgifter", "6550": "Konsulter", "1930": "Bank"}


def partner(programme, orgnr="5566946058", name="IUC Z-Group"):
    org, _ = Organisation.objects.get_or_create(name=name, defaults={"orgnr": orgnr})
    programme.partners.add(org)
    PartnerLedger.objects.update_or_create(
        programme=programme, organisation=org, defaults={"dimension": "6", "object": "P1"}
    )
    return org


def salary(number: int, day: date, amount=D("10000")) -> Ver:
    """A voucher with two project rows (salary + 30 % fees) and one bank row."""
    fees = (amount * D("0.3")).quantize(D("0.01"))
    return Ver(
        "A",
        str(number),
        day,
        f"Lön {number}",
        [
            Row("7010", amount, (("6", "P1"),)),
            Row("7510", fees, (("6", "P1"),)),
            Row("1930", -(amount + fees)),
        ],
    )


def sie_file(vouchers, orgnr="556694-6058") -> bytes:
    return sie_writer.write(
        company="IUC Z-Group AB",
        orgnr=orgnr,
        years=[(date(2024, 1, 1), date(2024, 12, 31))],
        accounts=ACCOUNTS,
        vouchers=vouchers,
        dimensions={"6": "Projekt"},
        objects=[("6", "P1", "DIPPS")],
    )


def ledger_for_claims(world, vouchers, by=None):
    """A partner's confirmed SIE salaries, a travel cost of 1,234.50 on 2024-02-10 and two
    half-year reporting periods in 2024: the ledger the claim tests start from."""
    from dipps.finance import services

    org = partner(world.programme)
    staged = services.sie_import_stage(
        programme=world.programme, organisation=org, data=sie_file(vouchers), filename="iuc.se"
    )
    services.sie_import_confirm(sie_import=staged)
    services.cost_entry_create(
        programme=world.programme,
        organisation=org,
        category="travel",
        when=date(2024, 2, 10),
        amount=D("1234.50"),
        text="Tåg Östersund–Sundsvall",
        by=by or world.users["finance"],
    )
    services.reporting_periods_set(
        programme=world.programme,
        periods=[(date(2024, 1, 1), date(2024, 6, 30)), (date(2024, 7, 1), date(2024, 12, 31))],
    )
    return org
