"""Eligibility at the point of support (companies/eligibility.py), pure."""

import pytest

from dipps.companies.eligibility import Facts, assess, in_region

SERVICES = (49, 50, 51, 52, 62, 63, 69, 70, 71, 72, 73, 74, 77, 78, 82)
REGION = ("22", "23")


def check(status="small", codes=((2007, "16.101"),), municipality="2380", **kw):
    facts = Facts(sme_status=status, sni_codes=tuple(codes), municipality_code=municipality)
    return assess(facts, service_divisions=SERVICES, region_counties=REGION, **kw)


def test_an_sme_in_the_target_group_and_the_region_is_eligible():
    result = check()
    assert result.eligible and result.allowed
    assert result.reasons == () and result.unknown == ()


@pytest.mark.parametrize(
    ("status", "eligible"),
    [("micro", True), ("small", True), ("medium", True), ("large", False)],
)
def test_a_large_firm_is_not_eligible(status, eligible):
    result = check(status=status)
    assert result.eligible is eligible
    assert result.codes == (() if eligible else ("large",))


@pytest.mark.parametrize(
    ("code", "eligible"),
    [
        ("05.10", True),  # first industry division
        ("33.12", True),  # last industry division
        ("35.11", False),  # electricity: neither industry nor a service division
        ("49.41", True),  # road freight: a service division
        ("47.11", False),  # retail
        ("62.01", True),
        ("64.19", False),  # banking
    ],
)
def test_the_target_group_is_decided_by_division(code, eligible):
    result = check(codes=[(2007, code)])
    assert result.eligible is eligible
    if not eligible:
        assert result.codes == ("target_group",)
        assert result.reasons[0].divisions == (int(code[:2]),)


def test_one_code_in_the_target_group_is_enough():
    assert check(codes=[(2007, "47.11"), (2007, "25.62")]).eligible
    outside = check(codes=[(2007, "47.11"), (2007, "47.19"), (2007, "68.20")])
    assert outside.reasons[0].divisions == (47, 68)


@pytest.mark.parametrize(
    ("municipality", "eligible"),
    [
        ("2380", True),  # Östersund, Jämtland (23)
        ("2260", True),  # Ånge, Västernorrland (22)
        ("2284", True),  # Örnsköldsvik (22), next to Västerbotten
        ("2480", False),  # Umeå, Västerbotten (24): just outside
        ("2460", False),  # Vännäs (24)
        ("2161", False),  # Ljusdal, Gävleborg (21), next to Jämtland
        ("9999", False),  # no such municipality
    ],
)
def test_the_firm_must_lie_in_the_programme_region(municipality, eligible):
    result = check(municipality=municipality)
    assert result.eligible is eligible
    if not eligible:
        assert result.codes == ("region",)
        assert result.reasons[0].municipality_code == municipality


def test_a_programme_may_name_extra_municipalities():
    assert in_region("2480", REGION, ("2480",))
    assert not in_region("2480", REGION, ("2460",))
    assert check(municipality="2480", region_municipalities=("2480",)).eligible


def test_an_excluded_sector_is_a_reason_even_in_the_target_group():
    # Fish processing 10.2 is manufacturing (division 10) but excluded from de minimis.
    result = check(codes=[(2007, "10.200")])
    assert result.codes == ("sector",)
    (exclusion,) = result.reasons[0].exclusions
    assert (exclusion.code, exclusion.rule.code, exclusion.ground) == ("10.200", "10.2", "fishery")
    assert check(codes=[(2007, "10.300")]).eligible  # its neighbour


def test_every_reason_is_listed_in_order():
    result = check(status="large", codes=[(2007, "03.110")], municipality="2480")
    assert result.codes == ("large", "target_group", "region", "sector")


def test_unknown_facts_are_listed_but_refuse_nothing():
    result = check(status="", codes=())
    assert result.eligible and result.allowed
    assert result.unknown == ("size", "sni")


def test_an_override_lets_through_only_the_reasons_it_covers():
    result = check(municipality="2480", codes=[(2007, "10.200")], overridden=["region", "sector"])
    assert not result.eligible and result.allowed
    assert result.not_overridden == ()
    grown = check(
        status="large",
        municipality="2480",
        codes=[(2007, "10.200")],
        overridden=["region", "sector"],
    )
    assert not grown.allowed
    assert [r.code for r in grown.not_overridden] == ["large"]
