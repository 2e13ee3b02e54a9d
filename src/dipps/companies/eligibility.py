"""Whether the programme may support a firm: the check at the point of support.

Pure domain core: no Django import. The shell gathers the firm's facts (SME
status, SNI codes, municipality) and the programme's settings and asks
`assess`; the answer lists every reason the firm is not eligible, so a page can
show all of them at once.

The rules (DIPPS, the ERDF programme for Mittnorrland; Tillväxtverket's
"Handbok för EU-projekt 2021–2027" asks that support goes only to the target
group and the area the decision names):

- ``large``: the programme supports small and medium-sized enterprises
  (Commission Recommendation 2003/361/EC); a firm whose SME status (after the
  two-year rule, `sme.statuses_of`) is *large* is not eligible.
- ``target_group``: the target group is industrial firms (SNI divisions 05-33)
  and industry-related service firms (the programme's service divisions,
  setting ``DIPPS_SERVICE_DIVISIONS``), decided by `sni.target_group`; a firm
  none of whose codes is in either is outside.
- ``region``: the firm's municipality must lie in one of the programme's
  counties (setting ``DIPPS_REGION_COUNTIES``: 22 Västernorrland, 23 Jämtland)
  or be one of the programme's extra municipalities, if any.
- ``sector``: a firm in a sector excluded from de minimis aid
  (Regulation (EU) 2023/2831 art. 1(1), `sectors.exclusions`).

A fact that is not recorded is not a reason: a firm without key figures has no
SME status, a firm without SNI codes has no target group. Those gaps are
listed as ``unknown`` so the page can ask for them, and support is not refused
on them (the register is filled in over time; the reasons are checked again at
every later support).

A programme manager may override the reasons that apply, with a reason of
their own (art. 1(2) of 2023/2831 for a firm that keeps an excluded activity
apart, for example). An override covers the reasons that applied when it was
recorded: a new reason later (the firm grows large) refuses support again.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Literal

from . import municipalities, sectors, sni

ReasonCode = Literal["large", "target_group", "region", "sector"]
REASON_CODES: tuple[ReasonCode, ...] = ("large", "target_group", "region", "sector")
UnknownCode = Literal["size", "sni"]


@dataclass(frozen=True)
class Facts:
    """What the register knows of the firm."""

    sme_status: str  # "micro" | "small" | "medium" | "large" | "" (not known)
    sni_codes: tuple[tuple[int, str], ...]  # (version, code), e.g. (2007, "16.101")
    municipality_code: str


@dataclass(frozen=True)
class Reason:
    code: ReasonCode
    # The codes of the firm outside the target group, the municipality outside the
    # region, or the excluded codes with their rule: what the page names.
    divisions: tuple[int, ...] = ()
    municipality_code: str = ""
    exclusions: tuple[sectors.Exclusion, ...] = ()


@dataclass(frozen=True)
class Eligibility:
    reasons: tuple[Reason, ...]
    unknown: tuple[UnknownCode, ...] = ()
    overridden: frozenset[str] = field(default_factory=frozenset)

    @property
    def eligible(self) -> bool:
        """No reason against the firm (before any override)."""
        return not self.reasons

    @property
    def codes(self) -> tuple[ReasonCode, ...]:
        return tuple(r.code for r in self.reasons)

    @property
    def not_overridden(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.code not in self.overridden)

    @property
    def allowed(self) -> bool:
        """May the programme support the firm: eligible, or every reason overridden."""
        return not self.not_overridden


def in_region(
    municipality_code: str,
    counties: Collection[str],
    extra_municipalities: Collection[str] = (),
) -> bool:
    """The municipality lies in one of `counties` or is one of `extra_municipalities`."""
    if municipalities.exists(municipality_code) and (
        municipalities.normalise(municipality_code) in {str(m) for m in extra_municipalities}
    ):
        return True
    return municipalities.in_region(municipality_code, counties)


def assess(
    facts: Facts,
    *,
    service_divisions: Iterable[int],
    region_counties: Collection[str],
    region_municipalities: Collection[str] = (),
    overridden: Iterable[str] = (),
    exclusion_rules: Iterable[sectors.Rule] | None = None,
) -> Eligibility:
    """Every reason the firm is not eligible, in the order of `REASON_CODES`."""
    reasons: list[Reason] = []
    unknown: list[UnknownCode] = []
    if facts.sme_status == "large":
        reasons.append(Reason("large"))
    elif not facts.sme_status:
        unknown.append("size")
    if facts.sni_codes:
        services = frozenset(int(d) for d in service_divisions)
        divisions = tuple(dict.fromkeys(int(_division(code)) for _v, code in facts.sni_codes))
        groups = {sni.target_group(d, services) for d in divisions}
        if groups == {"outside"}:
            reasons.append(Reason("target_group", divisions=divisions))
    else:
        unknown.append("sni")
    if not in_region(facts.municipality_code, region_counties, region_municipalities):
        reasons.append(Reason("region", municipality_code=facts.municipality_code))
    excluded = sectors.exclusions(facts.sni_codes, exclusion_rules)
    if excluded:
        reasons.append(Reason("sector", exclusions=tuple(excluded)))
    return Eligibility(tuple(reasons), tuple(unknown), frozenset(overridden))


def _division(code: str) -> str:
    return code.replace(".", "").strip()[:2]
