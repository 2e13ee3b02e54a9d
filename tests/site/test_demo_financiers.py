"""The demo's financiers: the Region's half is the state's 1:1 appropriation, not its money."""

from decimal import Decimal as D

import pytest

from dipps.programmes.services import owner_cofinancing, programme_decision_check
from dipps.site import demo

pytestmark = pytest.mark.django_db


def test_the_regions_half_is_the_state_appropriation_and_not_own_cofinancing():
    programmes = demo._programmes()
    dipps = programmes["DIPPS"]
    got = {f.name: (f.financier_type, f.kind, f.share_percent) for f in dipps.financiers.all()}
    assert got == {
        "IUC Z-Group": ("private", "private", D("10.000")),
        "Region Jämtland Härjedalen": ("state_appropriation", "public", D("50.000")),
        "Europeiska regionala utvecklingsfonden (ERUF)": ("eu_fund", "public", D("40.000")),
    }
    assert owner_cofinancing(dipps) == D("0")
    # 22.185 MSEK is over the board's limit: the board decides because of the budget alone.
    assert programme_decision_check(dipps).required.reason == "total_budget_over_board_limit"
