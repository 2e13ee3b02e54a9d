"""The evaluation plan and reports, and the final report of the last claim.

READERS read (the observer too, without the evaluator's contact person); the programme
manager and the finance officer write.
"""

from datetime import date

from django.urls import reverse

from . import Case, expect
from .finance import _setup as _finance_setup

READ = expect(observer=200)
WRITE = expect(manager=302, finance=302, coach=403)


def docx() -> bytes:
    """The smallest archive the upload accepts as a Word document (a DOCX, so that the
    download is not a PDF: the matrix keeps PDF views in its slow profile)."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        # A fixed time, not the clock's: two calls must give the same bytes.
        for name, text in (
            ("[Content_Types].xml", "<Types/>"),
            ("word/document.xml", "<w:document/>"),
        ):
            archive.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), text)
    return buffer.getvalue()


def _setup(w):
    """The finance world, a draft claim on the last period, one evaluation report."""
    _finance_setup(w)
    if "final_claim" in w.extra:
        return
    from django.core.files.uploadedfile import SimpleUploadedFile

    from dipps.finance import services

    w.extra["final_claim"] = services.claim_open(period=w.extra["period"])
    w.extra["evaluation_report"] = services.evaluation_report_add(
        programme=w.programme,
        when=date(2024, 6, 1),
        title="Halvtidsutvärdering",
        summary="Arbetssättet fungerar.",
        upload=SimpleUploadedFile("halvtid.docx", docx()),
    )


def _code(w):
    return w.programme.code


def _pk(key):
    return lambda w: w.extra[key].pk


CASES = [
    Case(
        "finance:evaluation",
        lambda w: reverse("finance:evaluation", args=[_code(w)]),
        READ,
        setup=_setup,
    ),
    Case(
        "finance:evaluation",
        lambda w: reverse("finance:evaluation", args=[_code(w)]),
        WRITE,
        method="post",
        data=lambda w: {"evaluator_organisation": "Utvärdering AB", "questions": "Fråga?"},
        label="save the plan",
    ),
    Case(
        "finance:evaluation_report_add",
        lambda w: reverse("finance:evaluation_report_add", args=[_code(w)]),
        WRITE,  # without a file: refused with a message, back to the page
        method="post",
        setup=_setup,
    ),
    Case(
        "finance:evaluation_file",
        lambda w: reverse("finance:evaluation_file", args=[_pk("evaluation_report")(w)]),
        READ,
        setup=_setup,
    ),
    Case(
        "finance:final_report_page",
        lambda w: reverse("finance:final_report_page", args=[_pk("final_claim")(w)]),
        READ,
        setup=_setup,
    ),
    Case(
        "finance:final_report_page",
        lambda w: reverse("finance:final_report_page", args=[_pk("claim")(w)]),
        expect(manager=404, coach=404, finance=404, observer=404),
        setup=_setup,
        label="not the last claim",
    ),
    Case(
        "finance:final_report_page",
        lambda w: reverse("finance:final_report_page", args=[_pk("final_claim")(w)]),
        WRITE,
        method="post",
        data=lambda w: {"summary": "Sammanfattning"},
        setup=_setup,
        label="save",
    ),
    Case(
        "finance:final_report_page",
        lambda w: reverse("finance:final_report_page", args=[_pk("other_claim")(w)]),
        # OTHER's readers: observer_finance (its finance officer) and coach_rep (its coach).
        expect(
            manager=404, coach=404, finance=404, observer=404, observer_finance=200, coach_rep=200
        ),
        setup=_setup,
        label="other programme",
    ),
    Case(
        "finance:final_report_pdf",
        lambda w: reverse("finance:final_report_pdf", args=[_pk("final_claim")(w)]),
        READ,
        setup=_setup,
    ),
]
