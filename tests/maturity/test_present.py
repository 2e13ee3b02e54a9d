"""The results tables are formatted once in Python; the template only prints them."""

from __future__ import annotations

from fractions import Fraction

import pytest
from django.urls import reverse
from django.utils import translation

from dipps.maturity.benchmark import PeerGroup
from dipps.maturity.present import history_rows, peer_rows
from dipps.maturity.selectors import company_results

from ..factories import make_company
from .builders import submitted

pytestmark = pytest.mark.django_db


def test_a_percentile_that_is_not_a_whole_number_is_printed_rounded(world):
    results = company_results(world.users["coach"], world.company.pk)
    results.peers = [
        PeerGroup("all", 6, Fraction(100, 3), {"x": Fraction(250, 3)}, [Fraction(250, 3)]),
        PeerGroup("division", 4),
    ]
    with translation.override("sv"):
        rows = peer_rows(results)
    assert rows[0] == {
        "label": "Alla mätta företag",
        "shown": True,
        "companies": 6,
        "cells": ["33", "83"],
    }
    assert rows[1]["shown"] is False and rows[1]["cells"] == []


def test_history_rows_mark_superseded_versions_and_link_to_each(world):
    from dipps.maturity import services

    from .builders import answers_at

    first = submitted(world.company, world.programme, level=1)
    correction = services.assessment_correct(assessment=first)
    services.assessment_submit(assessment=correction, answers=answers_at(2))
    results = company_results(world.users["coach"], world.company.pk)
    with translation.override("en"):
        rows = history_rows(results)
    assert [(r["version"], r["superseded"]) for r in rows] == [(2, False), (1, True)]
    assert rows[0]["url"] == reverse("maturity:detail", args=[correction.pk])
    assert rows[0]["stage"] == "T0 – before support"
    assert rows[1]["overall"] == "17.5"


def test_the_results_page_prints_peer_percentiles_as_numbers(world, client_as):
    mine = submitted(world.company, world.programme, level=2)
    for level in (0, 1, 3, 4, 5, 5):
        submitted(make_company(programme=world.programme), world.programme, level=level)
    response = client_as("coach").get(reverse("maturity:company", args=[world.company.pk]))
    rows = response.context["peer_rows"]
    all_row = next(r for r in rows if r["companies"] == 6)
    assert all_row["cells"][0] == "33"  # 2 of 6 below: 33.3
    assert "/3<" not in response.content.decode()
    assert mine.pk
