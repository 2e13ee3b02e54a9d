"""The OpenAPI document validates, names every endpoint and its token; the browsable page
runs under the Content-Security-Policy with files served from here."""

import re

from django.urls import reverse
from openapi_spec_validator import validate

from dipps.api.v1 import api

PATHS = {
    "/api/v1/programmes",
    "/api/v1/programmes/{code}/indicators",
    "/api/v1/companies",
    "/api/v1/assessments",
    "/api/v1/activities",
    "/api/v1/programmes/{code}/claims",
}


def test_the_openapi_document_validates(client, db):
    response = client.get(reverse("api_v1:openapi-json"))
    assert response.status_code == 200
    document = response.json()
    validate(document)
    assert set(document["paths"]) == PATHS
    assert document["info"]["version"] == "1"


def test_the_documented_fields_are_the_fields_sent(world, client):
    from dipps.api.services import token_create

    _token, raw = token_create(user=world.users["manager"], name="t")
    document = client.get(reverse("api_v1:openapi-json")).json()
    schemas = document["components"]["schemas"]
    for url, name in (
        ("/api/v1/programmes/DIPPS/indicators", "Indicators"),
        ("/api/v1/companies", "CompanyPage"),
        ("/api/v1/programmes", "ProgrammePage"),
    ):
        body = client.get(url, HTTP_AUTHORIZATION=f"Bearer {raw}").json()
        assert set(body) == set(schemas[name]["properties"]), url


def test_every_operation_is_a_get_behind_the_bearer_token(client, db):
    document = client.get(reverse("api_v1:openapi-json")).json()
    schemes = document["components"]["securitySchemes"]
    assert [s["scheme"] for s in schemes.values()] == ["bearer"]
    for path, operations in document["paths"].items():
        assert set(operations) == {"get"}, path
        assert operations["get"]["security"], path
        assert {"200", "401", "403"} <= set(operations["get"]["responses"]), path


def test_the_api_has_no_writing_route():
    methods = {
        m
        for _prefix, router in api._routers
        for o in router.path_operations.values()
        for op in o.operations
        for m in op.methods
    }
    assert methods == {"GET"}


def test_the_browsable_page_uses_local_files_and_no_inline_script(client, db):
    response = client.get(reverse("api_v1:openapi-view"))
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'<(?:script|link)[^>]*(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith("/") for s in sources), sources
    assert not re.search(r"<script\b(?![^>]*\bsrc=)", html)
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "img-src 'self' data:" in csp
    assert reverse("api_v1:openapi-json") in html
