"""The DIPPS indicator set as in its funding decision, with targets (illustrative figures
for the demo): ERDF common indicators (RCR25 and RCR29 computed from impact's effect
figures), persons and attendances, and programme-specific indicators, among them the
effect indicators. Idempotent: a programme that already has a set keeps it."""

from dipps.programmes.models import Programme

from .imports import entry_for
from .models import IndicatorTarget, ProgrammeIndicator
from .services import indicator_set_replace

# code, target, and for the programme's own indicators: Swedish name, English name, unit,
# measure (as in the decision's table, docs/indicators.md).
DECISION = [
    ("RCO01", 120),
    ("RCO01_micro", 50),
    ("RCO01_small", 45),
    ("RCO01_medium", 25),
    ("RCO04", 120),
    ("RCR03", 40),
    ("RCR04", 25),
    ("RCR13", 30),
    ("RCR25", 40),
    ("RCR29_baseline", ""),
    ("RCR29", ""),
    ("persons", 400),
    ("persons_women", 150),
    ("persons_men", 250),
    ("attendances", 1200),
    ("activities", 600),
    ("staff_hours", 9000),
    ("in_kind_hours", 6000),
    (
        "DIPPS-T0",
        120,
        "Företag med digital mognadsanalys (T0)",
        "Enterprises with a digital maturity assessment (T0)",
        "enterprises",
        "assessed_t0",
    ),
    (
        "DIPPS-T1",
        80,
        "Företag med uppföljande mognadsanalys (T0 och T1)",
        "Enterprises with a follow-up maturity assessment (T0 and T1)",
        "enterprises",
        "assessed_t0_t1",
    ),
    (
        "DIPPS-FV",
        "",
        "Förändring av förädlingsvärde per anställd, medelvärde (kr)",
        "Change in value added per employee, mean (SEK)",
        "sek",
        "va_employee_mean_change",
    ),
    (
        "DIPPS-EI",
        "",
        "Energiintensitet efter stödet (kWh per krona förädlingsvärde)",
        "Energy intensity after the support (kWh per SEK value added)",
        "number",
        "energy_intensity_after",
    ),
    (
        "DIPPS-MTRL",
        "",
        "Materialanvändning efter stödet (ton)",
        "Material use after the support (tonnes)",
        "number",
        "material_after",
    ),
]


def load() -> None:
    programme = Programme.objects.filter(code="DIPPS").first()
    if programme is None or ProgrammeIndicator.objects.filter(programme=programme).exists():
        return
    entries = []
    for code, target, *own in DECISION:
        fields = dict(zip(("name_sv", "name_en", "unit", "measure"), own, strict=False))
        entry, problems = entry_for(None, code, target=str(target), **fields)
        if entry is None:
            raise ValueError(problems)
        entries.append(entry)
    # Targets typed before the set was kept (older demo databases) give way to the decision.
    IndicatorTarget.objects.filter(programme=programme).delete()
    indicator_set_replace(programme=programme, entries=entries)
