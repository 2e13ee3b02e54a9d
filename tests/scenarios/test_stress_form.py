"""The stress page takes any number of the user's own shocks, each checked on its own."""

from decimal import Decimal

import pytest
from django.urls import reverse

from dipps.scenarios.models import ScenarioRun

from .test_views import cs, custom_rows, english  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def test_several_own_shocks_are_run_together_with_the_named_ones(client_as, cs):  # noqa: F811
    client = client_as("coach")
    response = client.post(
        reverse("scenarios:stress", args=[cs.pk]),
        {
            "presets": ["wages"],
            **custom_rows(
                {"name": "Löner +10", "wage": "10"},
                {"name": "Euro −20", "fx_EUR": "-20"},
                {"name": "", "wage": ""},  # an empty row is skipped
            ),
        },
    )
    run = ScenarioRun.objects.get()
    assert response.url == reverse("scenarios:run", args=[run.pk])
    rows = {r["name"]: r for r in client.get(response.url).context["stress_rows"]}
    assert rows["Löner +10"]["ebit"] == Decimal("925000")  # 1 625 000 − 700 000
    # EUR revenue 8 000 000 and EUR materials 3 000 000 fall by 20 %: −1 000 000
    assert rows["Euro −20"]["ebit"] == Decimal("625000")
    assert len(rows) == 4  # no shock, wages +4 % and the two own shocks


def test_a_row_left_out_is_not_run(client_as, cs):  # noqa: F811
    client = client_as("coach")
    client.post(
        reverse("scenarios:stress", args=[cs.pk]),
        custom_rows({"name": "A", "wage": "10"}, {"name": "B", "wage": "-500"}, deleted=[1]),
    )
    run = ScenarioRun.objects.get()
    assert '"A"' in run.input_json and '"B"' not in run.input_json


def test_each_row_gets_its_own_message(client_as, cs, english):  # noqa: F811
    response = english("coach").post(
        reverse("scenarios:stress", args=[cs.pk]),
        custom_rows(
            {"name": "Fine", "wage": "4"},
            {"name": "", "wage": "5"},
            {"name": "Nothing", "wage": ""},
            {"name": "Too far", "price_electricity": "-150"},
        ),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Give this shock a name." in page
    assert "Enter at least one change for “Nothing”, or clear its name." in page
    assert "so a change cannot be below −100 %: enter −100 or more" in page
    assert not ScenarioRun.objects.exists()


def test_two_shocks_with_the_same_name_are_refused(client_as, cs, english):  # noqa: F811
    response = english("coach").post(
        reverse("scenarios:stress", args=[cs.pk]),
        custom_rows({"name": "Same", "wage": "4"}, {"name": "Same", "wage": "8"}),
    )
    assert "Two of your shocks are called “Same”" in response.content.decode()
    assert not ScenarioRun.objects.exists()


def test_an_own_shock_may_not_take_a_named_shocks_name(client_as, cs, english):  # noqa: F811
    response = english("coach").post(
        reverse("scenarios:stress", args=[cs.pk]),
        {"presets": ["wages"], **custom_rows({"name": "wages +4 %", "wage": "5"})},
    )
    assert "is already the name of a named shock" in response.content.decode()
    assert not ScenarioRun.objects.exists()


def test_nothing_chosen_asks_for_a_shock(client_as, cs, english):  # noqa: F811
    response = english("coach").post(
        reverse("scenarios:stress", args=[cs.pk]), custom_rows({"name": ""})
    )
    assert "Choose at least one named shock or describe your own." in response.content.decode()


def test_add_another_shock_keeps_what_was_typed_and_adds_an_empty_row(client_as, cs):  # noqa: F811
    response = client_as("coach").post(
        reverse("scenarios:stress", args=[cs.pk]),
        {
            "presets": ["wages"],
            "add_row": "1",
            **custom_rows({"name": "A", "wage": "10"}, {"name": "B", "wage": "3"}, deleted=[1]),
        },
    )
    form = response.context["form"]
    assert response.status_code == 200
    assert not ScenarioRun.objects.exists()
    assert len(form.custom.forms) == 2  # A kept, B left out, one new row
    assert form.custom.forms[0]["name"].value() == "A"
    assert form.custom.forms[0]["wage"].value() == "10"
    assert form.custom.forms[1]["name"].value() in (None, "")
    assert form["presets"].value() == ["wages"]
    assert 'value="A"' in response.content.decode()
