"""Builders for finance tests: a partner with ledger settings and small SIE files."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from dipps.finance import sie_writer
from dipps.finance.models import PartnerLedger
from dipps.finance.sie_writer import Row, Ver
from dipps.programmes.models import Organisation

ACCOUNTS = {"7010": "Löner", "7510": "Arbetsgivaravgifter", "6550": "Konsulter", "1930": "Bank"}


def partner(programme, orgnr="5566946052", name="IUC Z-Group"):
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


def sie_file(vouchers, orgnr="556694-6052") -> bytes:
    return sie_writer.write(
        company="IUC Z-Group AB",
        orgnr=orgnr,
        years=[(date(2024, 1, 1), date(2024, 12, 31))],
        accounts=ACCOUNTS,
        vouchers=vouchers,
        dimensions={"6": "Projekt"},
        objects=[("6", "P1", "DIPPS")],
    )
