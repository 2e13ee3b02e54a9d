"""Drawing down an approved de minimis case: how much of the approved aid is used, when the
coach is warned, and what may still be granted.

Pure Python (no Django). Tillväxtverket's handbook (Handbok för EU-projekt 2021–2027,
statligt stöd): the firm's declaration and the aid giver's decision come before the support
starts, and the support may not exceed what the decision grants; Regulation (EU) 2023/2831
art. 6(1) requires the ceiling check before the aid is granted. So support draws down the
approved amount and is refused beyond it until a new decision raises it (docs/de-minimis.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

#: From this share of the approved amount used, the coach is warned (issue 13: "warn at 90 %").
WARN_USED_SHARE = Decimal("0.90")


@dataclass(frozen=True)
class Drawdown:
    """Aid granted under a case (SEK) against the amount its decision approved."""

    approved_sek: Decimal
    used_sek: Decimal

    @property
    def left_sek(self) -> Decimal:
        return self.approved_sek - self.used_sek

    @property
    def used_percent(self) -> Decimal:
        """Share used, in per cent to one decimal (100.0 for nothing approved)."""
        if self.approved_sek <= 0:
            return Decimal("100.0")
        return (self.used_sek * 100 / self.approved_sek).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def warn(self) -> bool:
        """At or above 90 % of the approved amount (exactly, not the rounded percentage)."""
        return self.used_sek >= self.approved_sek * WARN_USED_SHARE

    def allows(self, new_sek: Decimal) -> bool:
        """May `new_sek` more be granted? Up to the approved amount exactly, not a cent more."""
        return self.used_sek + new_sek <= self.approved_sek
