"""The scenario pages as a coach, a company representative and an observer use them."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dipps.scenarios import services
from dipps.scenarios.models import CostStructure, ScenarioRun
from tests.factories import make_company

from .test_services import FIGURES
from .test_sie_mapping import SIE

pytestmark = pytest.mark.django_db


def custom_rows(*rows, deleted=()):
    """POST data of the stress page's own-shock rows (a formset with the prefix "custom")."""
    data = {"custom-TOTAL_FORMS": str(len(rows)), "custom-INITIAL_FORMS": "0"}
    for i, row in enumerate(rows):
        data.update({f"custom-{i}-{k}": v for k, v in row.items()})
        if i in deleted:
            data[f"custom-{i}-DELETE"] = "on"
    return data


@pytest.fixture
def cs(world):
    return services.cost_structure_save(company=world.company, year=2024, figures=FIGURES, by=None)


@pytest.fixture
def english(client_as):
    """Like client_as, in English (log in first: logging in starts with a fresh cookie jar)."""

    def login(role):
        client = client_as(role)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return login


def _cost_data(**changes):
    data = {"year": 2024, **{k: str(v) for k, v in FIGURES.items()}, "notes": ""}
    for k in ("revenue_other", "materials_usd", "materials_other"):
        data[k] = "0"
    data.update(changes)
    return data


def test_negative_kwh_gets_a_clear_message_and_nothing_is_saved(client_as, world, english):
    client = english("coach")
    data = _cost_data(company=world.company.pk, electricity_kwh="-5")
    response = client.post(reverse("scenarios:create"), data)
    assert response.status_code == 200
    assert "Electricity use cannot be negative" in response.content.decode()
    assert not CostStructure.objects.exists()


def test_a_coach_creates_a_cost_structure(client_as, world):
    response = client_as("coach").post(
        reverse("scenarios:create"), _cost_data(company=world.company.pk)
    )
    cs = CostStructure.objects.get()
    assert response.url == reverse("scenarios:detail", args=[cs.pk])
    assert cs.labour == Decimal("7000000") and cs.source == "manual"


def test_the_sie_preview_shows_every_figure_and_saves_nothing(client_as, world, english):
    upload = SimpleUploadedFile("bok.se", SIE.encode("utf-8"))
    response = english("coach").post(
        reverse("scenarios:sie_fill"),
        {"company": world.company.pk, "file": upload, "year_index": 0},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["revenue_sek"] == Decimal("1000000.40")
    assert form.initial["labour"] == Decimal("262840.00")
    assert form.initial["electricity_kwh"] == Decimal("41666.67")  # 50 000 kr at 1.20 kr/kWh
    assert "5310" in response.content.decode()
    assert not CostStructure.objects.exists()


def test_confirming_the_sie_preview_saves_the_edited_figures(client_as, world):
    data = _cost_data(company=world.company.pk, labour="300000", source_file="bok.se")
    response = client_as("coach").post(reverse("scenarios:sie_confirm"), data)
    cs = CostStructure.objects.get()
    assert response.status_code == 302
    assert (cs.source, cs.source_file, cs.labour) == ("sie", "bok.se", Decimal("300000"))


def test_a_file_that_is_not_sie_is_refused_with_the_reason(client_as, world, english):
    upload = SimpleUploadedFile("bok.se", b"\x00\x01binary")
    response = english("coach").post(
        reverse("scenarios:sie_fill"),
        {"company": world.company.pk, "file": upload, "year_index": 0},
    )
    assert "could not be read as SIE" in response.content.decode()


def test_a_stress_test_with_named_and_own_shocks_shows_ebit_before_and_after(client_as, cs):
    client = client_as("coach")
    response = client.post(
        reverse("scenarios:stress", args=[cs.pk]),
        {"presets": ["electricity"], **custom_rows({"name": "Löner +10", "wage": "10"})},
    )
    run = ScenarioRun.objects.get()
    assert response.url == reverse("scenarios:run", args=[run.pk])
    page = client.get(response.url)
    rows = {r["name"]: r for r in page.context["stress_rows"]}
    assert rows["Löner +10"]["ebit"] == Decimal("925000")  # 1 625 000 − 700 000
    assert rows["Löner +10"]["margin"] == Decimal("4.625")
    assert "<svg" in page.content.decode()


def test_a_shock_below_minus_100_percent_gets_a_message(client_as, cs, english):
    response = english("coach").post(
        reverse("scenarios:stress", args=[cs.pk]),
        custom_rows({"name": "x", "price_electricity": "-150"}),
    )
    assert "so a change cannot be below −100 %" in response.content.decode()
    assert not ScenarioRun.objects.exists()


def test_zero_revenue_shows_the_margin_as_undefined(client_as, world, english):
    cs = services.cost_structure_save(
        company=world.company, year=2023, figures={"labour": Decimal(100)}, by=None
    )
    client = english("coach")
    page = client.get(reverse("scenarios:stress", args=[cs.pk]))
    assert "Revenue is zero, so the margin is undefined" in page.content.decode()
    response = client.post(reverse("scenarios:stress", args=[cs.pk]), {"presets": ["wages"]})
    run = client.get(response.url)
    assert run.context["undefined_margin"] is True
    assert "the margin is undefined there" in run.content.decode()


def _montecarlo_data(client, cs):
    form = client.get(reverse("scenarios:montecarlo", args=[cs.pk])).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data.update(draws=2000, seed=11, use_nearest="")
    return {k: "" if v is None else v for k, v in data.items()}


def test_a_monte_carlo_run_shows_percentiles_loss_and_charts(client_as, cs):
    client = client_as("coach")
    response = client.post(
        reverse("scenarios:montecarlo", args=[cs.pk]), _montecarlo_data(client, cs)
    )
    run = ScenarioRun.objects.get()
    assert run.illustrative and (run.draws, run.seed) == (2000, 11)
    page = client.get(response.url)
    mc = page.context["mc"]
    assert mc.draws == 2000
    assert page.context["loss"][0] == Decimal(repr(mc.without_measures.probability_of_loss)) * 100
    assert page.content.decode().count("<svg") == 2  # histogram and tornado
    assert page.context["tornado_rows"][0]["swing"] >= page.context["tornado_rows"][-1]["swing"]


def test_a_correlation_matrix_that_is_not_symmetric_is_explained_and_repaired(
    client_as, cs, english
):
    client = english("coach")
    data = _montecarlo_data(client, cs)
    lines = data["correlation"].splitlines()
    lines[0] = "1 0.99" + lines[0][len("1 0.6") :]
    data["correlation"] = "\n".join(lines)
    response = client.post(reverse("scenarios:montecarlo", args=[cs.pk]), data)
    body = response.content.decode()
    assert "not symmetric" in body
    assert "The nearest valid correlation matrix is" in body
    assert not ScenarioRun.objects.exists()
    data["use_nearest"] = "on"
    response = client.post(reverse("scenarios:montecarlo", args=[cs.pk]), data)
    assert response.status_code == 302
    run = ScenarioRun.objects.get()
    assert run.illustrative is False


@pytest.mark.slow
def test_the_report_is_a_pdf_in_either_language(client_as, cs):
    run = services.stress_run(
        cost_structure=cs, shocks={"w": services.Shock({"wage": "0.04"})}, by=None
    )
    for lang in ("sv", "en"):
        response = client_as("coach").get(
            reverse("scenarios:run_pdf", args=[run.pk]) + f"?lang={lang}"
        )
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF-")
    bad = client_as("coach").get(reverse("scenarios:run_pdf", args=[run.pk]) + "?lang=de")
    assert bad.status_code == 404


def test_a_company_representative_reads_their_own_scenarios_without_edit_links(client_as, cs):
    client = client_as("company")
    page = client.get(reverse("scenarios:detail", args=[cs.pk]))
    assert page.status_code == 200 and page.context["can_edit"] is False
    assert reverse("scenarios:stress", args=[cs.pk]) not in page.content.decode()
    assert client.get(reverse("scenarios:stress", args=[cs.pk])).status_code == 403


def test_the_observer_programme_view_names_no_company(client_as, world, cs):
    for n in range(2):
        company = make_company(f"Hemligt Bolag {n} AB", programme=world.programme)
        services.cost_structure_save(company=company, year=2024, figures=FIGURES, by=None)
    page = client_as("observer").get(reverse("scenarios:programme"))
    body = page.content.decode()
    assert page.context["exposure"].firms == 3
    assert "Hemligt" not in body and world.company.name not in body
    export = client_as("observer").get(reverse("scenarios:programme_export", args=["csv"]))
    assert export.status_code == 200 and b"Hemligt" not in export.content


def test_price_history_upload_previews_then_imports_on_confirm(client_as):
    client = client_as("coach")
    upload = SimpleUploadedFile("p.csv", b"date,series,value\n2020-01-31,fx.EUR,10.5\n")
    page = client.post(reverse("scenarios:series"), {"file": upload})
    assert page.context["parsed"].rows and not page.context["parsed"].errors
    from dipps.scenarios.models import PricePoint

    assert not PricePoint.objects.exists()
    client.post(reverse("scenarios:series_confirm"))
    assert PricePoint.objects.get().value == Decimal("10.5")
