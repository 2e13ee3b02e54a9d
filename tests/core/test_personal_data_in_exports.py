"""A sole trader's personal identity number leaves the system in no export of any app.

Every URL that produces a file (its name ends in export/pdf/report/certificate, or
its route takes a `<str:fmt>` or ends in `.pdf`) is generated from demo data that
includes a sole trader with key figures, a contact, an engagement and activities,
maturity assessments, de minimis aid and a cost structure with scenario runs, as
the programme manager (who sees most). The full number, in its 10- and 12-digit
forms, with and without a dash, must appear in no CSV cell, XLSX cell or part, PDF
text, HTML behind a PDF, or file name. A new export URL without an entry in
`EXPORTS` fails `test_every_export_url_is_generated_by_this_test`.

The pages are checked too: every page that needs no object but the programme
(lists, overviews) and every page of the sole trader's firm. Only the firm's own
company page, viewed by staff, may show the full number (see `orgnr.shown`).
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from openpyxl import load_workbook

from dipps.accounts.models import Membership, Role
from dipps.automation import services as automation
from dipps.companies import orgnr
from dipps.companies.models import Company
from dipps.core import pdf
from dipps.engagements import services as engagements
from dipps.engagements.models import Activity
from dipps.finance.models import PaymentClaim
from dipps.maturity import services as maturity
from dipps.maturity.demo import _answers
from dipps.maturity.frameworks import load_framework
from dipps.maturity.models import Assessment
from dipps.programmes.models import Programme
from dipps.scenarios import services as scenarios
from dipps.scenarios.demo import MEASURES, _manual
from dipps.scenarios.model import Shock
from dipps.scenarios.risk import DEFAULT_FACTORS
from dipps.scenarios.runs import PRESET_SHOCKS
from dipps.site.demo import load_demo
from dipps.stateaid.services import aid_declare
from tests.factories import make_approved_case

EXPORT_NAME = re.compile(r"(^|_)(export|pdf|report|certificate)$")
FORMATS = ("csv", "xlsx")


@dataclass
class Demo:
    programme: Programme
    firm: Company  # the sole trader
    claim: PaymentClaim
    stress_run: int
    montecarlo_run: int
    prestudy: int


def _fmts(name: str, query: str = "", **kwargs) -> list[str]:
    return [reverse(name, kwargs={**kwargs, "fmt": f}) + query for f in FORMATS]


def _code(d: Demo) -> dict:
    return {"code": d.programme.code}


# Every export URL, with what each gives for the demo: the URLs to fetch, and what
# it must show of the sole trader ("masked": the masked number; "name": the firm's
# name; None: an aggregate that names no firm). The expectation proves the firm's
# data reached the file, so "no full number" is not true merely because it is empty.
EXPORTS: dict[str, tuple[Callable[[Demo], list[str]], str | None]] = {
    "companies:export": (lambda d: _fmts("companies:export"), "masked"),
    "maturity:export": (
        lambda d: (
            _fmts("maturity:export", **_code(d))
            + _fmts("maturity:export", "?pseudonymise=1", **_code(d))
            + _fmts("maturity:export", "?framework=dipps-siri", **_code(d))
        ),
        "masked",
    ),
    "maturity:report": (
        lambda d: [reverse("maturity:report", kwargs={"pk": d.firm.pk})],
        "name",
    ),
    "engagements:months_export": (
        lambda d: _fmts("engagements:months_export", f"?year={timezone.localdate().year}"),
        None,
    ),
    "engagements:totals_export": (lambda d: _fmts("engagements:totals_export", **_code(d)), None),
    "engagements:in_kind_export": (
        lambda d: _fmts("engagements:in_kind_export", **_code(d)),
        "masked",
    ),
    "engagements:attendance_pdf": (
        lambda d: [
            reverse("engagements:attendance_pdf", kwargs={"pk": a.pk})
            for a in Activity.objects.filter(shares__company=d.firm)[:1]
        ],
        "name",
    ),
    "stateaid:certificate": (
        lambda d: [reverse("stateaid:certificate", kwargs={"pk": d.firm.pk, **_code(d)})],
        "masked",
    ),
    "stateaid:register_export": (lambda d: _fmts("stateaid:register_export"), "masked"),
    "stateaid:central_register_export": (
        lambda d: _fmts("stateaid:central_register_export", **_code(d)),
        "masked",
    ),
    "finance:budget_export": (lambda d: _fmts("finance:budget_export", **_code(d)), None),
    "finance:ledger_export": (lambda d: _fmts("finance:ledger_export", **_code(d)), None),
    "finance:claim_pdf": (
        lambda d: [reverse("finance:claim_pdf", kwargs={"pk": d.claim.pk})],
        None,
    ),
    "finance:claim_export": (lambda d: _fmts("finance:claim_export", pk=d.claim.pk), None),
    "finance:claim_verification": (
        lambda d: _fmts("finance:claim_verification", pk=d.claim.pk),
        None,  # ledger rows of the programme's partners and staff; no firm is named
    ),
    "finance:final_report_pdf": (
        lambda d: [
            reverse(
                "finance:final_report_pdf",
                kwargs={
                    "pk": PaymentClaim.objects.filter(period__programme=d.programme)
                    .order_by("-period__start")
                    .first()
                    .pk
                },
            )
        ],
        None,  # aggregates and the programme's own texts; no firm is named
    ),
    "indicators:export": (lambda d: _fmts("indicators:export", **_code(d)), None),
    "impact:report_pdf": (
        lambda d: [reverse("impact:report_pdf", kwargs={"pk": d.firm.pk})],
        "masked",  # the firm's name and its number, masked for a sole trader
    ),
    "scenarios:run_pdf": (
        lambda d: [
            reverse("scenarios:run_pdf", kwargs={"pk": pk}) + f"?lang={lang}"
            for pk in (d.stress_run, d.montecarlo_run)
            for lang in ("sv", "en")
        ],
        "name",
    ),
    "scenarios:run_export": (
        lambda d: [
            url
            for pk in (d.stress_run, d.montecarlo_run)
            for url in _fmts("scenarios:run_export", pk=pk)
        ],
        None,  # figures only; the firm is named in the file name, slugified
    ),
    "impact:comparison_export": (
        lambda d: _fmts("impact:comparison_export", **_code(d)),
        None,  # pseudonyms and figures; sole traders are left out of the panel
    ),
    "competence:gaps_export": (lambda d: _fmts("competence:gaps_export", **_code(d)), None),
    "competence:trained_export": (
        lambda d: _fmts("competence:trained_export", **_code(d)),
        None,  # counts per skill, gender and age band; no person or firm is named
    ),
    "automation:prestudy_pdf": (
        lambda d: [
            reverse("automation:prestudy_pdf", kwargs={"pk": d.prestudy}) + f"?lang={lang}"
            for lang in ("sv", "en")
        ],
        "name",
    ),
    "automation:pipeline_export": (
        lambda d: _fmts("automation:pipeline_export", **_code(d)),
        None,  # counts and sums by status and solution; no firm is named
    ),
    "scenarios:programme_export": (
        lambda d: _fmts("scenarios:programme_export", f"?programme={d.programme.code}"),
        None,
    ),
}


def _patterns(resolver=None, namespace="", prefix=""):
    """(name, route) of every URL pattern of the project."""
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or ""
            yield from _patterns(
                p, f"{namespace}{ns}:" if ns else namespace, prefix + str(p.pattern)
            )
        elif isinstance(p, URLPattern):
            yield f"{namespace}{p.name}", prefix + str(p.pattern)


def _is_export(name: str, route: str) -> bool:
    return bool(
        EXPORT_NAME.search(name.split(":")[-1])
        or "<str:fmt>" in route
        or route.rstrip("/").endswith(".pdf")
    )


# A person's own register extract (GDPR art. 15) carries their own number in full on
# purpose; tests/privacy/test_extract.py checks that it masks everyone else's.
OWN_DATA = {"privacy:extract_pdf", "privacy:extract_json"}


def test_every_export_url_is_generated_by_this_test():
    exports = {n for n, r in _patterns() if not n.startswith("admin:") and _is_export(n, r)}
    missing = sorted(exports - set(EXPORTS) - OWN_DATA)
    assert not missing, f"export URLs that the personal-number test does not generate: {missing}"
    assert sorted(set(EXPORTS) - exports) == []


# --- the sole trader's number in every form --------------------------------------


def number_forms(number: str) -> list[str]:
    """10 and 12 digits, with and without a dash (and with a space, as some people type it)."""
    digits = orgnr.normalise(number)
    century = f"{orgnr.birth_date(digits).year // 100}"
    ten = [digits, f"{digits[:6]}-{digits[6:]}", f"{digits[:6]} {digits[6:]}"]
    return ten + [century + form for form in ten]


def _leaks(text: str, forms: list[str]) -> list[str]:
    squeezed = re.sub(r"\s+", "", text)  # a PDF's text may break a number across lines
    return [f for f in forms if f in text or f.replace(" ", "") in squeezed]


# --- reading each kind of file back ----------------------------------------------


def _xlsx_text(data: bytes) -> str:
    wb = load_workbook(io.BytesIO(data))
    cells = [
        str(c.value)
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    ]
    titles = [ws.title for ws in wb.worksheets]
    # Every part of the zip as well (shared strings, document properties, sheet names).
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = [z.read(n).decode("utf-8", "replace") for n in z.namelist()]
    return "\n".join(cells + titles + parts)


def _pdf_text(data: bytes) -> str:
    try:
        from pypdf import PdfReader
    except ImportError:  # the HTML behind the PDF is checked in any case
        return ""
    reader = PdfReader(io.BytesIO(data))
    meta = " ".join(str(v) for v in (reader.metadata or {}).values())
    return meta + "\n" + "\n".join(page.extract_text() or "" for page in reader.pages)


def _body_text(response) -> str:
    kind = response["Content-Type"]
    if kind.startswith("text/csv"):
        return response.content.decode("utf-8-sig")
    if kind.startswith("application/vnd.openxmlformats"):
        return _xlsx_text(response.content)
    if kind.startswith("application/pdf"):
        assert response.content.startswith(b"%PDF")
        return _pdf_text(response.content)
    return response.content.decode()


# --- the demo, with a sole trader who has something in every app -----------------


def _give_the_sole_trader_everything(firm: Company, programme: Programme) -> Demo:
    User = get_user_model()
    coach = User.objects.get(username="coach")
    today = min(timezone.localdate(), programme.end)
    engagements.engagement_start(
        company=firm, programme=programme, coaches=[coach], by=coach, on=today - timedelta(90)
    )
    make_approved_case(programme, firm)  # de minimis before support
    for days, hours in ((60, "3"), (20, "2.5")):
        activity = engagements.activity_record(
            data=engagements.ActivityInput(
                day=today - timedelta(days),
                type="coaching",
                programme=programme,
                companies=[firm],
                coach_hours={coach: Decimal(hours)},
                external_cost_sek=Decimal("4000"),
                women=1,
                participant_hours=Decimal(hours),
                note=f"Besök hos {firm.name}",
            ),
            by=coach,
        )
        # The attendance list that makes the firm an in-kind contributor (names a person).
        engagements.attendance_set(
            activity=activity,
            rows=[engagements.AttendeeInput("Kim Ek", firm, Decimal(hours), confirmed="paper")],
            by=coach,
        )
    aid_declare(
        company=firm,
        giver="Almi Företagspartner (innovationscheck)",
        amount=Decimal("50000.00"),
        currency="SEK",
        granted=today - timedelta(400),
        note="declared by the owner",
        by=coach,
    )
    for framework_id in (maturity.DEFAULT_FRAMEWORK, "dipps-siri"):
        if Assessment.objects.filter(company=firm, framework=framework_id).exists():
            continue
        framework = load_framework(framework_id)
        a = maturity.assessment_start(
            company=firm, programme=programme, stage="t0", framework=framework_id, by=coach
        )
        maturity.assessment_submit(
            assessment=a, answers=_answers(framework, 0.5, random.Random(1)), by=coach
        )
    cs = scenarios.cost_structure_save(
        company=firm, year=2024, figures=_manual(random.Random(3)), by=coach
    )
    scenarios.measure_add(cost_structure=cs, data={**MEASURES[0], "action_item": None}, by=coach)
    stress = scenarios.stress_run(
        cost_structure=cs, shocks={k: Shock(v) for k, v in PRESET_SHOCKS.items()}, by=coach
    )
    montecarlo = scenarios.montecarlo_run(
        cost_structure=cs, factor_model=DEFAULT_FACTORS, draws=500, seed=1, by=coach
    )
    study = automation.prestudy_save(
        company=firm,
        programme=programme,
        values={
            "title": f"Förstudie {firm.name}",
            "hourly_labour_cost": Decimal(400),
            "years": 5,
            "discount_rate_percent": Decimal(6),
        },
        by=coach,
    )
    automation.step_save(
        prestudy=study,
        values={"name": "Packning", "solution": "cobot", "hours_saved_per_year": Decimal(500)},
        quotes=[automation.QuoteInput("Robotbolaget AB", Decimal(400000), Decimal(0), True)],
        by=coach,
    )
    claim = PaymentClaim.objects.filter(period__programme=programme).order_by("pk").first()
    return Demo(programme, firm, claim, stress.pk, montecarlo.pk, study.pk)


@pytest.fixture
def demo(db):
    load_demo(company_count=8)
    firm = Company.objects.get(is_sole_trader=True)
    programme = Programme.objects.get(code="DIPPS")
    assert firm.participations.filter(programme=programme).exists()
    return _give_the_sole_trader_everything(firm, programme)


@pytest.fixture
def manager(client):
    client.force_login(get_user_model().objects.get(username="projektledare"))
    return client


@pytest.mark.slow
def test_no_export_of_any_app_holds_the_sole_traders_full_number(demo, manager, monkeypatch):
    html_behind_pdfs: list[str] = []
    render = pdf.render_to_string

    def recording(*args, **kwargs):
        html = render(*args, **kwargs)
        html_behind_pdfs.append(html)
        return html

    monkeypatch.setattr(pdf, "render_to_string", recording)
    forms = number_forms(demo.firm.orgnr)
    masked = orgnr.shown(demo.firm.orgnr, is_sole_trader=True)
    assert masked.endswith("-****") and len(forms) == 6
    leaks, missing, fetched = {}, {}, 0
    for urls, shows in EXPORTS.values():
        for url in urls(demo):
            html_behind_pdfs.clear()
            response = manager.get(url)
            assert response.status_code == 200, (url, response.status_code)
            fetched += 1
            body = _body_text(response)
            headers = response.get("Content-Disposition", "")
            found = _leaks("\n".join([headers, body, *html_behind_pdfs]), forms)
            if found:
                leaks[url] = found
            if "pseudonymise=1" in url:
                continue
            # What the reader sees: the file itself (the HTML only if pypdf is missing).
            seen = "\n".join([body or "", *([] if body else html_behind_pdfs)])
            if shows == "masked" and masked not in seen:
                missing[url] = masked
            if shows == "name" and demo.firm.name not in seen:
                missing[url] = demo.firm.name
    assert leaks == {}
    assert missing == {}, "exports that should name the sole trader but do not"
    assert fetched == sum(len(urls(demo)) for urls, _ in EXPORTS.values()) >= 30


def _page_urls(demo: Demo) -> dict[str, str]:
    """Pages reachable by GET from the programme alone, or from the sole trader's firm."""
    out = {}
    for name, route in _patterns():
        if name.startswith("admin:") or _is_export(name, route) or name == "set_language":
            continue
        args = set(re.findall(r"<(?:\w+:)?(\w+)>", route))
        if not args:
            out[name] = reverse(name)
        elif args == {"code"}:
            out[name] = reverse(name, kwargs=_code(demo))
        elif args == {"pk"} and ("company/<int:pk>/" in route or route == "companies/<int:pk>/"):
            out[name] = reverse(name, kwargs={"pk": demo.firm.pk})
    return out


@pytest.mark.slow
def test_only_the_firms_own_page_shows_staff_the_full_number(demo, manager):
    forms = number_forms(demo.firm.orgnr)
    pages = _page_urls(demo)
    assert {"companies:list", "companies:detail", "stateaid:register", "maturity:programme"} <= (
        set(pages)
    )
    leaks, shown = {}, set()
    for name, url in pages.items():
        response = manager.get(url)
        if response.status_code != 200:
            continue  # a view that only takes a POST, a redirect: nothing shown
        shown.add(name)
        found = _leaks(response.content.decode(), forms)
        if found and name != "companies:detail":
            leaks[name] = found
    assert leaks == {}
    assert len(shown) >= 35, sorted(shown)  # 39 when written
    detail = manager.get(pages["companies:detail"]).content.decode()
    assert orgnr.display(demo.firm.orgnr) in detail


@pytest.mark.slow
def test_the_firms_representative_sees_the_masked_number_on_the_firms_own_page(demo, client):
    owner = get_user_model().objects.create_user("owner")
    Membership.objects.create(
        user=owner, programme=demo.programme, role=Role.COMPANY, company=demo.firm
    )
    client.force_login(owner)
    page = client.get(reverse("companies:detail", kwargs={"pk": demo.firm.pk}))
    assert page.status_code == 200
    body = page.content.decode()
    assert _leaks(body, number_forms(demo.firm.orgnr)) == []
    assert orgnr.shown(demo.firm.orgnr, is_sole_trader=True) in body


def test_the_number_forms_cover_ten_and_twelve_digits_with_and_without_a_dash():
    assert number_forms("8001011231") == [
        "8001011231",
        "800101-1231",
        "800101 1231",
        "198001011231",
        "19800101-1231",
        "19800101 1231",
    ]
    forms = number_forms("8001011231")
    assert _leaks("Org.nr 19800101-\n1231", forms) == ["800101-1231", "19800101-1231"]
    assert _leaks("Org.nr 19800101-****, 556036-0793", forms) == []
