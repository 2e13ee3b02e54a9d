"""Writes of a firm's energy, material and waste figures: one transaction, audited."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dipps.core import audit

from . import emissions
from .models_energy import Carrier, EnergyUse, EnergyYear, MaterialUse


def carrier_unit(carrier: str) -> str:
    """The unit a carrier is entered in: the unit of its newest row in the factor file."""
    rows = [f for f in emissions.shipped() if f.carrier == carrier]
    return max(rows, key=lambda f: f.year).unit


def first_year() -> int:
    """The first year for which every carrier has a factor under both methods."""
    return max(min(f.year for f in emissions.shipped() if f.carrier == c) for c in Carrier)


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


@transaction.atomic
def energy_year_save(
    *,
    company,
    year: int,
    uses: Mapping[str, Decimal | None],
    materials: Sequence[tuple[str, Decimal]] = (),
    price_per_kwh: Decimal | None = None,
    waste_tonnes: Decimal | None = None,
    units_produced: Decimal | None = None,
    heating_g_per_kwh: Decimal | None = None,
    heating_source: str = "",
    notes: str = "",
    by=None,
) -> EnergyYear:
    """Create or replace the firm's figures for `year`; all or nothing."""
    errors: dict[str, list[str]] = {}
    start = first_year()
    if year < start:
        errors.setdefault("year", []).append(
            _("There are emission factors from %(first)s; %(year)s cannot be converted.")
            % {"first": start, "year": year}
        )
    for carrier, quantity in uses.items():
        if carrier not in Carrier.values:
            errors.setdefault("__all__", []).append(_("Unknown energy carrier."))
        elif quantity is not None and quantity < 0:
            errors.setdefault(carrier, []).append(_("Enter a quantity of 0 or more."))
    names = [name.strip() for name, _tonnes in materials]
    if len(set(n.lower() for n in names)) != len(names):
        errors.setdefault("__all__", []).append(_("Each main material may be named only once."))
    if heating_g_per_kwh is not None and not heating_source.strip():
        errors.setdefault("heating_source", []).append(
            _("Name the source of the local factor (network and year).")
        )
    if errors:
        raise ValidationError(errors)
    energy_year, created = EnergyYear.objects.update_or_create(
        company=company,
        year=year,
        defaults={
            "price_per_kwh": price_per_kwh,
            "waste_tonnes": waste_tonnes,
            "units_produced": units_produced,
            "heating_g_per_kwh": heating_g_per_kwh,
            "heating_source": heating_source.strip(),
            "notes": notes,
        },
    )
    energy_year.uses.all().delete()
    energy_year.materials.all().delete()
    EnergyUse.objects.bulk_create(
        EnergyUse(energy_year=energy_year, carrier=c, quantity=q, unit=carrier_unit(c))
        for c, q in uses.items()
        if q is not None
    )
    MaterialUse.objects.bulk_create(
        MaterialUse(energy_year=energy_year, material=n.strip(), tonnes=t) for n, t in materials
    )
    audit.record(
        instance=energy_year,
        action="create" if created else "update",
        by=by,
        changes={
            "year": year,
            "uses": {c: _text(q) for c, q in uses.items() if q is not None},
            "materials": {n.strip(): str(t) for n, t in materials},
            "price_per_kwh": _text(price_per_kwh),
            "waste_tonnes": _text(waste_tonnes),
            "units_produced": _text(units_produced),
            "heating_g_per_kwh": _text(heating_g_per_kwh),
            "heating_source": heating_source.strip(),
        },
    )
    return energy_year
