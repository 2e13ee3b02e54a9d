from django.urls import reverse

from . import STAFF_ONLY, Case, expect


def _linked(w):
    from dipps.stateaid.services import undertaking_link

    undertaking_link(company=w.company, other=w.other_company, by=None)


CASES = [
    Case(
        "stateaid:company",
        lambda w: reverse("stateaid:company", args=[w.company.pk]),
        expect(company=200),
        label="own company",
    ),
    Case(
        "stateaid:company",
        lambda w: reverse("stateaid:company", args=[w.other_company.pk]),
        expect(company=404),
    ),
    Case(
        "stateaid:headroom",
        lambda w: reverse("stateaid:headroom", args=[w.company.pk]),
        expect(company=200),
        label="own company",
    ),
    Case(
        "stateaid:headroom",
        lambda w: reverse("stateaid:headroom", args=[w.other_company.pk]),
        expect(company=404),
    ),
    Case(
        "stateaid:declare",
        lambda w: reverse("stateaid:declare", args=[w.company.pk]),
        expect(finance=403),
    ),
    Case(
        "stateaid:link",
        lambda w: reverse("stateaid:link", args=[w.company.pk]),
        expect(manager=302, coach=302, finance=403),
        method="post",
        data=lambda w: {"orgnr": w.other_company.orgnr},
    ),
    Case(
        "stateaid:certificate",
        lambda w: reverse("stateaid:certificate", args=[w.company.pk, w.programme.code]),
        expect(company=200),
        label="own company",
    ),
    Case(
        "stateaid:certificate",
        lambda w: reverse("stateaid:certificate", args=[w.other_company.pk, w.programme.code]),
        expect(company=404),
    ),
    Case("stateaid:register", lambda w: reverse("stateaid:register"), STAFF_ONLY),
    Case(
        "stateaid:register_export",
        lambda w: reverse("stateaid:register_export", args=["csv"]),
        STAFF_ONLY,
    ),
    Case(
        "stateaid:register_export",
        lambda w: reverse("stateaid:register_export", args=["xlsx"]),
        STAFF_ONLY,
        label="xlsx",
    ),
    Case(
        "stateaid:unlink",
        lambda w: reverse("stateaid:unlink", args=[w.company.pk]),
        expect(manager=302, coach=302, finance=403),
        method="post",
        setup=_linked,
    ),
    Case(
        "stateaid:unlink",
        lambda w: reverse("stateaid:unlink", args=[999999]),
        expect(manager=404, coach=404, finance=403),
        method="post",
        label="unknown company",
    ),
]
