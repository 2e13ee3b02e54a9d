"""The demo's firms are eligible but three, whose pages show why: the fish processor in
Umeå (outside the region, excluded sector), and the two firms of the SME register's demo
that became large in 2024 (bought by a large group; 30 % owned by a municipality)."""

import pytest

from dipps.companies.models import Company
from dipps.companies.selectors import eligibility_of
from dipps.site.demo import load_demo

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # loads the whole demo


def test_every_demo_firm_is_eligible_but_three_whose_pages_say_why():
    load_demo(company_count=12)
    results = {c.name: eligibility_of(c) for c in Company.objects.all()}
    ineligible = {name: r.codes for name, r in results.items() if not r.eligible}
    assert ineligible == {
        "Holmöns Fiskförädling AB": ("region", "sector"),
        "Järpen Bageri AB": ("large",),
        "Svenstavik Skogsmaskiner AB": ("large",),
    }
    firm = Company.objects.get(name="Holmöns Fiskförädling AB")
    assert not firm.activity_shares.exists() and not firm.engagements.exists()
    for name in ("Järpen Bageri AB", "Svenstavik Skogsmaskiner AB"):
        assert not Company.objects.get(name=name).activity_shares.exists()
