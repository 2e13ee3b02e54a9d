"""The demo's firms are eligible, but one, whose page shows why."""

import pytest

from dipps.companies.models import Company
from dipps.companies.selectors import eligibility_of
from dipps.site.demo import load_demo

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # loads the whole demo


def test_every_demo_firm_is_eligible_but_the_fish_processor_in_umea():
    load_demo(company_count=12)
    results = {c.name: eligibility_of(c) for c in Company.objects.all()}
    ineligible = {name: r.codes for name, r in results.items() if not r.eligible}
    assert ineligible == {"Holmöns Fiskförädling AB": ("region", "sector")}
    firm = Company.objects.get(name="Holmöns Fiskförädling AB")
    assert not firm.activity_shares.exists() and not firm.engagements.exists()
