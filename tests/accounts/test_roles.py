"""The access helper itself (accounts.roles): which roles count, in which programme,
for which firm. Every answer is an exact set, so a role leaking from one programme
into another shows up as a wrong member."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from dipps.accounts.models import Role
from dipps.accounts.roles import (
    EVERY_ROLE,
    FINANCE,
    FIRM_READERS,
    MANAGERS,
    READERS,
    STAFF,
    WRITERS,
    company_programme_scope,
    company_roles,
    has_role_in,
    in_programmes,
    primary_role,
    roles_in,
    roles_of,
)
from dipps.companies.models import Company
from dipps.programmes.models import Programme
from tests.factories import make_company, make_programme, make_user

pytestmark = pytest.mark.django_db


def fresh(user):
    """The user read again: memberships are cached on the user object per request."""
    return get_user_model().objects.get(pk=user.pk)


@pytest.fixture
def chain():
    """SIMJH → SIMMITT → DIPPS (each the successor of the one before), and OTHER apart."""
    simjh = make_programme(code="SIMJH")
    simmitt = make_programme(code="SIMMITT", predecessor=simjh)
    dipps = make_programme(code="DIPPS", predecessor=simmitt)
    other = make_programme(code="OTHER")
    return {"SIMJH": simjh, "SIMMITT": simmitt, "DIPPS": dipps, "OTHER": other}


def codes(qs) -> set[str]:
    return set(qs.values_list("code", flat=True))


def test_each_role_group_has_its_one_meaning():
    assert set(STAFF) == {"manager", "coach", "finance"}
    assert set(WRITERS) == {"manager", "coach"}
    assert set(FINANCE) == {"manager", "finance"}
    assert set(READERS) == {"manager", "coach", "finance", "observer"}
    assert set(FIRM_READERS) == {"manager", "coach", "finance", "company"}
    assert set(MANAGERS) == {"manager"}
    assert set(EVERY_ROLE) == {"manager", "coach", "finance", "company", "observer"}


def test_roles_in_gives_the_role_held_in_that_programme_only(chain):
    user = make_user(Role.OBSERVER, chain["DIPPS"])
    make_user(Role.FINANCE, chain["OTHER"], user=user)
    user = fresh(user)
    assert roles_in(user, chain["DIPPS"].pk) == {"observer"}
    assert roles_in(user, chain["OTHER"].pk) == {"finance"}
    assert roles_in(user, chain["SIMMITT"].pk) == set()
    assert roles_of(user) == {"observer", "finance"}
    assert primary_role(user) == "finance"


def test_has_role_in_never_counts_a_role_held_in_another_programme(chain):
    user = fresh(make_user(Role.FINANCE, chain["OTHER"]))
    assert has_role_in(user, chain["OTHER"].pk, FINANCE) is True
    assert has_role_in(user, chain["DIPPS"].pk, FINANCE) is False
    assert has_role_in(user, chain["DIPPS"].pk, EVERY_ROLE) is False


def test_a_manager_of_a_predecessor_holds_no_role_in_its_successor(chain):
    user = fresh(make_user(Role.MANAGER, chain["SIMMITT"]))
    assert roles_in(user, chain["DIPPS"].pk) == set()
    assert roles_in(user, chain["SIMMITT"].pk) == {"manager"}


def test_in_programmes_keeps_the_rows_of_programmes_where_one_of_the_roles_is_held(chain):
    user = make_user(Role.OBSERVER, chain["DIPPS"])
    make_user(Role.FINANCE, chain["OTHER"], user=user)
    make_user(Role.COACH, chain["SIMJH"], user=user)
    user = fresh(user)
    everything = Programme.objects.all()
    assert codes(in_programmes(everything, user, FINANCE, "id")) == {"OTHER"}
    assert codes(in_programmes(everything, user, READERS, "id")) == {"DIPPS", "OTHER", "SIMJH"}
    assert codes(in_programmes(everything, user, WRITERS, "id")) == {"SIMJH"}
    assert codes(in_programmes(everything, user, MANAGERS, "id")) == set()


def test_in_programmes_follows_a_field_path(chain):
    user = fresh(make_user(Role.COACH, chain["DIPPS"]))
    in_dipps = make_company("I DIPPS AB", programme=chain["DIPPS"])
    make_company("I OTHER AB", programme=chain["OTHER"])
    firms = Company.objects.all()
    found = in_programmes(firms, user, STAFF, "participations__programme")
    assert list(found.values_list("name", flat=True)) == [in_dipps.name]


def test_in_programmes_gives_nothing_to_an_anonymous_user_and_everything_to_a_superuser(chain):
    root = get_user_model().objects.create_superuser("root", "root@example.se", "x")
    everything = Programme.objects.all()
    assert codes(in_programmes(everything, AnonymousUser(), EVERY_ROLE, "id")) == set()
    assert codes(in_programmes(everything, root, MANAGERS, "id")) == set(chain)


def test_a_superuser_counts_as_manager_everywhere_and_for_every_firm(chain):
    root = get_user_model().objects.create_superuser("root", "root@example.se", "x")
    firm = make_company(programme=chain["OTHER"])
    assert roles_in(root, chain["DIPPS"].pk) == {"manager"}
    assert roles_in(root, chain["OTHER"].pk) == {"manager"}
    assert company_roles(root, firm.pk, [chain["OTHER"].pk]) == {"manager"}
    assert roles_of(root) == {"manager"}


def test_a_role_counts_for_the_firms_of_the_programme_and_of_its_predecessors(chain):
    user = make_user(Role.COACH, chain["DIPPS"])
    make_user(Role.OBSERVER, chain["SIMMITT"], user=user)
    user = fresh(user)
    ids = {code: p.pk for code, p in chain.items()}
    # A firm of SIM JH: both DIPPS and SIMMITT descend from it.
    assert company_roles(user, 1, [ids["SIMJH"]]) == {"coach", "observer"}
    # A firm of SIMMITT: the coaching in DIPPS and the observing in SIMMITT count.
    assert company_roles(user, 1, [ids["SIMMITT"]]) == {"coach", "observer"}
    # A firm of DIPPS only: SIMMITT's role does not reach its successor's firm.
    assert company_roles(user, 1, [ids["DIPPS"]]) == {"coach"}
    # A firm of an unrelated programme: nothing counts.
    assert company_roles(user, 1, [ids["OTHER"]]) == set()
    assert company_programme_scope(user, STAFF) == {ids["DIPPS"], ids["SIMMITT"], ids["SIMJH"]}
    assert company_programme_scope(user, ("observer",)) == {ids["SIMMITT"], ids["SIMJH"]}


def test_a_manager_of_a_closed_predecessor_has_no_role_for_a_firm_of_its_successor(chain):
    outsider = fresh(make_user(Role.MANAGER, chain["SIMMITT"]))
    assert company_roles(outsider, 1, [chain["DIPPS"].pk]) == set()
    assert company_roles(outsider, 1, [chain["SIMMITT"].pk, chain["DIPPS"].pk]) == {"manager"}


def test_for_a_prospect_every_staff_role_counts_but_no_observer_or_representative(chain):
    firm = make_company("Prospekt AB")
    user = make_user(Role.OBSERVER, chain["DIPPS"])
    make_user(Role.FINANCE, chain["OTHER"], user=user)
    make_user(Role.COMPANY, chain["SIMJH"], company=firm, user=user)
    user = fresh(user)
    assert company_roles(user, firm.pk, []) == {"finance", "company"}
    only_observer = fresh(make_user(Role.OBSERVER, chain["DIPPS"]))
    assert company_roles(only_observer, firm.pk, []) == set()


def test_a_representative_role_counts_only_for_their_own_firm(chain):
    own = make_company("Egen AB", programme=chain["DIPPS"])
    neighbour = make_company("Granne AB", programme=chain["DIPPS"])
    rep = make_user(Role.COMPANY, chain["DIPPS"], company=own)
    make_user(Role.COACH, chain["OTHER"], user=rep)
    rep = fresh(rep)
    assert company_roles(rep, own.pk, [chain["DIPPS"].pk]) == {"company"}
    assert company_roles(rep, neighbour.pk, [chain["DIPPS"].pk]) == set()
    # Their own firm taking part in OTHER too: the coaching there counts as well.
    assert company_roles(rep, own.pk, [chain["DIPPS"].pk, chain["OTHER"].pk]) == {
        "company",
        "coach",
    }
    assert company_programme_scope(rep, FIRM_READERS) == {chain["OTHER"].pk}


def test_an_anonymous_user_holds_no_role_anywhere(chain):
    anonymous = AnonymousUser()
    assert roles_in(anonymous, chain["DIPPS"].pk) == set()
    assert roles_of(anonymous) == set()
    assert company_roles(anonymous, 1, [chain["DIPPS"].pk]) == set()
    assert primary_role(anonymous) is None
