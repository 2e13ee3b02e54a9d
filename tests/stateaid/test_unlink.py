from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse

from dipps.core.models import AuditEntry
from dipps.stateaid.models import AidEntry, SingleUndertaking
from dipps.stateaid.selectors import headroom_of
from dipps.stateaid.services import undertaking_link

pytestmark = pytest.mark.django_db


def test_unlinking_a_firm_in_the_browser_separates_their_aid_again(world, client_as):
    undertaking_link(company=world.company, other=world.other_company, by=None)
    AidEntry.objects.create(
        company=world.other_company,
        source="declared",
        giver="Almi",
        granted=date.today(),
        amount_sek=D(0),
        amount_eur=D("1000.00"),
        sek_per_eur=D("11.4325"),
    )
    assert headroom_of(world.company).three_year_sum_eur == D("1000.00")
    client = client_as("coach")
    page = client.get(reverse("stateaid:company", args=[world.company.pk])).content.decode()
    assert "Koppla loss Jämtlands Trä AB" in page
    response = client.post(reverse("stateaid:unlink", args=[world.company.pk]))
    assert response.status_code == 302
    assert headroom_of(world.company).three_year_sum_eur == D("0.00")
    # A group of one is no group: it goes too.
    assert not SingleUndertaking.objects.exists()
    assert AuditEntry.objects.filter(
        model="stateaid.singleundertaking", changes__unlinked=world.company.pk
    ).exists()


def test_the_unlink_button_is_not_shown_to_the_firm_itself(world, client_as):
    undertaking_link(company=world.company, other=world.other_company, by=None)
    response = client_as("company").get(reverse("stateaid:company", args=[world.company.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    # The firm sees whom it is one undertaking with, but no way to undo the link.
    other = reverse("stateaid:company", args=[world.other_company.pk])
    members = f'Ett enda företag tillsammans med: <a href="{other}">Sundsvalls Mekaniska AB</a>'
    assert members in page
    assert "Koppla loss" not in page
    assert reverse("stateaid:unlink", args=[world.company.pk]) not in page
