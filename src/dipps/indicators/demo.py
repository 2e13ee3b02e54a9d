"""Indicator targets for DIPPS (illustrative figures for the demo). Idempotent."""

from decimal import Decimal

from dipps.programmes.models import Programme

from .models import IndicatorTarget

TARGETS = {
    "RCO01": 120,
    "RCO01_micro": 50,
    "RCO01_small": 45,
    "RCO01_medium": 25,
    "RCO04": 120,
    "RCR03": 40,
    "RCR04": 25,
    "participants_women": 150,
    "participants_men": 250,
    "activities": 600,
    "staff_hours": 9000,
    "in_kind_hours": 6000,
    "assessed_t0": 120,
    "assessed_t0_t1": 80,
}


def load() -> None:
    programme = Programme.objects.filter(code="DIPPS").first()
    if programme is None:
        return
    for code, target in TARGETS.items():
        IndicatorTarget.objects.get_or_create(
            programme=programme, code=code, defaults={"target": Decimal(target)}
        )
