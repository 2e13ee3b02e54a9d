"""Security headers on every page, and templates that a strict CSP can serve."""

import re
from pathlib import Path

import pytest
from django.test import override_settings

import dipps
from dipps.maturity.charts import Series, radar

SRC = Path(dipps.__file__).resolve().parent
TEMPLATES = sorted(SRC.glob("*/templates/**/*.html"))

# WeasyPrint documents: rendered to PDF on the server, never served as HTML to a
# browser, so their <style> blocks are outside the Content-Security-Policy.
PDF_TEMPLATES = {
    "automation/templates/automation/prestudy_pdf.html",
    "engagements/templates/engagements/attendance_pdf.html",
    "finance/templates/finance/claim_pdf.html",
    "finance/templates/finance/demo_evaluation_report.html",
    "finance/templates/finance/final_report_pdf.html",
    "impact/templates/impact/report.html",
    "maturity/templates/maturity/report.html",
    "privacy/templates/privacy/extract.html",
    "scenarios/templates/scenarios/report.html",
    "stateaid/templates/stateaid/certificate.html",
}

# A <script> element with anything between its tags (an external one is `<script src=…></script>`).
INLINE_SCRIPT = re.compile(r"<script\b[^>]*>\s*[^\s<]", re.IGNORECASE)
SCRIPT_WITHOUT_SRC = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
# onclick=, onload=, … inside a tag; `javascript:` URLs do the same job.
EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"javascript:", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[^>]*\sstyle\s*=", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)

EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def directives(header: str) -> dict[str, str]:
    parts = (part.strip().split(None, 1) for part in header.split(";") if part.strip())
    return {name: value for name, value in parts}


def problems(pattern: re.Pattern, *, skip=frozenset()) -> list[str]:
    found = []
    for template in TEMPLATES:
        name = template.relative_to(SRC).as_posix()
        if name in skip:
            continue
        text = template.read_text(encoding="utf-8")
        for match in pattern.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"{name}:{line}: {match.group(0)[:60]!r}")
    return found


def test_the_scan_sees_the_templates_of_every_app():
    apps = {t.relative_to(SRC).parts[0] for t in TEMPLATES}
    assert {"core", "accounts", "companies", "maturity", "finance", "scenarios"} <= apps
    assert len(TEMPLATES) > 60


def test_no_template_has_an_inline_script():
    assert problems(INLINE_SCRIPT) == []
    assert problems(SCRIPT_WITHOUT_SRC) == []


def test_no_template_has_an_event_handler_attribute_or_a_javascript_url():
    assert problems(EVENT_HANDLER) == []
    assert problems(JAVASCRIPT_URL) == []


def test_no_served_template_has_inline_styles():
    assert problems(STYLE_ATTRIBUTE, skip=PDF_TEMPLATES) == []
    assert problems(STYLE_ELEMENT, skip=PDF_TEMPLATES) == []


def test_the_pdf_exemption_names_only_templates_that_exist():
    names = {t.relative_to(SRC).as_posix() for t in TEMPLATES}
    assert names >= PDF_TEMPLATES


@pytest.mark.parametrize(
    "text",
    [
        '<button onclick="go()">',
        "<body\n  onload='x()'>",
        "<script>alert(1)</script>",
        '<script type="module">',
        '<div style="color:red">',
    ],
)
def test_the_scan_catches_what_it_looks_for(text):
    patterns = [
        INLINE_SCRIPT,
        SCRIPT_WITHOUT_SRC,
        EVENT_HANDLER,
        JAVASCRIPT_URL,
        STYLE_ATTRIBUTE,
        STYLE_ELEMENT,
    ]
    assert any(p.search(text) for p in patterns)


def test_the_scan_lets_an_external_script_and_ordinary_words_through():
    text = '<script src="/static/x.js"></script><p data-one="1">online only</p>'
    for pattern in (INLINE_SCRIPT, SCRIPT_WITHOUT_SRC, EVENT_HANDLER, STYLE_ATTRIBUTE):
        assert pattern.search(text) is None


def test_the_radar_chart_carries_no_style_attribute():
    svg = radar(title="t", desc="d", axes=["a", "b", "c"], series=[Series("T0", [1, 2, 3])])
    assert STYLE_ATTRIBUTE.search(svg) is None
    assert svg.startswith('<svg class="chart radar" viewBox="')


@pytest.mark.django_db
def test_a_page_carries_the_content_security_policy(client):
    response = client.get("/login/")
    assert response.status_code == 200
    assert directives(response["Content-Security-Policy"]) == EXPECTED_CSP


@pytest.mark.django_db
def test_a_page_denies_powerful_browser_features(client):
    policy = client.get("/login/")["Permissions-Policy"]
    features = dict(item.split("=") for item in policy.split(", "))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()"
    assert set(features.values()) == {"()"}


@pytest.mark.django_db
def test_a_signed_in_page_carries_both_headers_and_refuses_framing(client_as):
    response = client_as("coach").get("/companies/")
    assert response.status_code == 200
    assert directives(response["Content-Security-Policy"])["frame-ancestors"] == "'none'"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_an_error_page_carries_the_headers_too(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert directives(response["Content-Security-Policy"]) == EXPECTED_CSP
    assert "microphone=()" in response["Permissions-Policy"]
