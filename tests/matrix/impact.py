"""Impact pages: productivity and energy per firm. Staff read, the firm's representative reads
their own firm; programme manager and coach write."""

from django.urls import reverse

from . import Case, expect

# A firm's impact page: its staff, its representative, and observers (a firm's accounts are
# not personal data); a sole trader's accounts are the owner's, so observers are refused.
READERS = expect(company=200, observer=200)
WRITERS = expect(finance=403)
WRITERS_POST = expect(manager=302, coach=302, finance=403)


def _sole_trader(w):
    from tests.factories import ORGNRS, make_company

    w.extra["sole_trader"] = make_company(
        "Frösö Snickeri", orgnr=ORGNRS[2], programme=w.programme, is_sole_trader=True
    )


def _year(w):
    return {
        "fiscal_year": "2024",
        "net_sales": "12400000",
        "personnel_costs": "5150000",
        "depreciation": "310000",
        "operating_profit": "820000",
    }


def _review(w):
    return {
        "confirm": "1",
        "source_name": "bokslut.se",
        "year-TOTAL_FORMS": "1",
        "year-INITIAL_FORMS": "1",
        **{f"year-0-{k}": v for k, v in _year(w).items()},
        "year-0-keep": "on",
    }


def _energy_year(w):
    return {"year": "2024", "electricity": "120000", "diesel": "800"}


CASES = [
    Case(
        "impact:company",
        lambda w: reverse("impact:company", args=[w.company.pk]),
        READERS,
        label="own company",
    ),
    Case(
        "impact:company",
        lambda w: reverse("impact:company", args=[w.other_company.pk]),
        expect(company=404, observer=200),
        label="another firm",
    ),
    Case(
        "impact:company",
        lambda w: reverse("impact:company", args=[w.extra["sole_trader"].pk]),
        expect(company=404, observer=403),
        setup=_sole_trader,
        label="sole trader",
    ),
    Case("impact:enter", lambda w: reverse("impact:enter", args=[w.company.pk]), WRITERS),
    Case(
        "impact:enter",
        lambda w: reverse("impact:enter", args=[w.company.pk]),
        WRITERS_POST,
        method="post",
        data=_year,
        label="save",
    ),
    Case("impact:sie", lambda w: reverse("impact:sie", args=[w.company.pk]), WRITERS),
    Case(
        "impact:sie",
        lambda w: reverse("impact:sie", args=[w.company.pk]),
        WRITERS_POST,
        method="post",
        data=_review,
        label="save the reviewed years",
    ),
    Case(
        "impact:energy",
        lambda w: reverse("impact:energy", args=[w.company.pk]),
        expect(company=200),
        label="own company",
    ),
    Case(
        "impact:energy",
        lambda w: reverse("impact:energy", args=[w.other_company.pk]),
        expect(company=404),
    ),
    Case(
        "impact:energy_save",
        lambda w: reverse("impact:energy_save", args=[w.company.pk]),
        expect(manager=302, coach=302, finance=403, company=403),
        method="post",
        data=_energy_year,
    ),
    Case(
        "impact:energy_save",
        lambda w: reverse("impact:energy_save", args=[w.company.pk]),
        # Nothing filled in: the form comes back with its errors.
        expect(manager=400, coach=400, finance=403, company=403),
        method="post",
        label="empty form",
    ),
    Case(
        "impact:energy_save",
        lambda w: reverse("impact:energy_save", args=[w.company.pk]),
        # Users who write anywhere pass the role check and meet the method check.
        expect(manager=405, coach=405, finance=403, company=403, coach_rep=405, outsider=405),
        label="get",
    ),
]

# The programme's comparison group and DiD page: aggregates and pseudonyms, so the
# programme's staff and observers read it; company representatives are refused (it is not
# about their firm). Only the programme manager imports the group.
PROGRAMME_READERS = expect(observer=200)


def _comparison(name: str, *args):
    return lambda w: reverse(f"impact:{name}", args=[w.programme.code, *args])


CASES += [
    Case("impact:comparison", _comparison("comparison"), PROGRAMME_READERS),
    Case(
        "impact:comparison",
        lambda w: reverse("impact:comparison", args=["NOPE"]),
        expect(manager=404, coach=404, finance=404, observer=404),
        label="unknown programme",
    ),
    Case(
        "impact:comparison_import",
        _comparison("comparison_import"),
        # No file: the page comes back with the problem.
        expect(manager=400, coach=403, finance=403, observer=403),
        method="post",
    ),
    Case(
        "impact:comparison_import",
        _comparison("comparison_import"),
        expect(manager=405, coach=403, finance=403, observer=403),
        label="get",
    ),
    Case("impact:comparison_export", _comparison("comparison_export", "csv"), PROGRAMME_READERS),
    Case(
        "impact:comparison_export",
        _comparison("comparison_export", "xlsx"),
        PROGRAMME_READERS,
        label="xlsx",
    ),
]

# The firm's one-page impact PDF: the readers of the firm's impact page.
CASES += [
    Case(
        "impact:report_pdf",
        lambda w: reverse("impact:report_pdf", args=[w.company.pk]),
        READERS,
        label="own company",
    ),
    Case(
        "impact:report_pdf",
        lambda w: reverse("impact:report_pdf", args=[w.other_company.pk]),
        expect(company=404, observer=200),
        label="another firm",
    ),
    Case(
        "impact:report_pdf",
        lambda w: reverse("impact:report_pdf", args=[w.extra["sole_trader"].pk]),
        expect(company=404, observer=403),
        setup=_sole_trader,
        label="sole trader",
    ),
]

# The programme's impact overview: aggregates only, like the indicators page.
CASES += [
    Case(
        "impact:programme",
        lambda w: reverse("impact:programme", args=[w.programme.code]),
        expect(observer=200),
    ),
    Case(
        "impact:programme",
        lambda w: reverse("impact:programme", args=["NOPE"]),
        expect(manager=404, coach=404, finance=404, observer=404),
        label="unknown programme",
    ),
]

# The DiD estimate with more draws, kept for the page: a background job, the programme
# manager's (as the comparison group's import is).
CASES += [
    Case(
        "impact:comparison_estimate",
        _comparison("comparison_estimate"),
        expect(manager=302, coach=403, finance=403, observer=403),
        method="post",
        data=lambda w: {"draws": 1000, "seed": 1},
    ),
]
