"""The rights procedure for a programme manager: search → person → extract, pseudonymise, erase.

Every view but the index works inside one programme (`programme_view(*MANAGERS)`):
the role is checked in that programme, and the person must belong to a firm taking
part in it (`selectors.person_get`, 404 otherwise).
"""

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from dipps.accounts.roles import MANAGERS, role_required
from dipps.core.exporters import file_name
from dipps.core.pdf import pdf_response
from dipps.programmes.access import programme_view
from dipps.programmes.selectors import programmes_visible_to

from . import core, extract, selectors, services
from . import retention as retention_list


@role_required(*MANAGERS)
def index(request):
    programmes = programmes_visible_to(request.user, MANAGERS).order_by("code")
    return render(request, "privacy/index.html", {"programmes": programmes})


@programme_view(*MANAGERS)
def search(request, programme):
    query = request.GET.get("q", "")
    hits, error = None, None
    if query.strip():
        try:
            hits = selectors.search(request.user, programme, query)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    context = {"programme": programme, "query": query, "hits": hits, "error": error}
    return render(request, "privacy/search.html", context, status=400 if error else 200)


@programme_view(*MANAGERS)
def person(request, programme, ref: str):
    subject = selectors.person_get(request.user, programme, ref)
    context = {
        "programme": programme,
        "person": subject,
        "refusals": [services.refusal_message(r) for r in services.erasure_check(subject)],
        "pseudonymised": core.tag_of(subject.name) is not None,
    }
    return render(request, "privacy/person.html", context)


def _filename(subject, ext: str) -> str:
    # The reference, never the name: a file name ends up in download folders and logs.
    return file_name(_("Register extract"), subject.ref, f"{timezone.localdate():%Y%m%d}", ext=ext)


@programme_view(*MANAGERS)
def extract_json(request, programme, ref: str):
    subject = selectors.person_get(request.user, programme, ref)
    body = json.dumps(extract.build(subject), ensure_ascii=False, indent=2, default=str)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(subject, "json")}"'
    return response


@programme_view(*MANAGERS)
def extract_pdf(request, programme, ref: str):
    subject = selectors.person_get(request.user, programme, ref)
    doc = extract.build(subject)
    context = {
        "doc": doc,
        "generated": timezone.now(),
        "audit": [(e, json.dumps(e["changes"], ensure_ascii=False)) for e in doc["audit"]],
    }
    return pdf_response(
        "privacy/extract.html", context, filename=_filename(subject, "pdf"), request=request
    )


@programme_view(*MANAGERS)
def pseudonymise(request, programme, ref: str):
    subject = selectors.person_get(request.user, programme, ref)
    if request.method == "POST":
        outcome = services.person_pseudonymise(person=subject, by=request.user)
        messages.success(
            request,
            _("The person is pseudonymised as “%(name)s”. The firms' facts are unchanged.")
            % {"name": outcome.pseudonym},
        )
        return redirect("privacy:person", code=programme.code, ref=ref)
    context = {"programme": programme, "person": subject, "action": "pseudonymise"}
    return render(request, "privacy/confirm.html", context)


@programme_view(*MANAGERS)
def erase(request, programme, ref: str):
    subject = selectors.person_get(request.user, programme, ref)
    context = {"programme": programme, "person": subject, "action": "erase"}
    if request.method == "POST":
        try:
            services.person_erase(person=subject, by=request.user)
        except services.ErasureRefused as exc:
            context["refusals"] = exc.messages
            return render(request, "privacy/confirm.html", context, status=409)
        messages.success(request, _("The person's data is erased."))
        return redirect("privacy:search", code=programme.code)
    context["refusals"] = [services.refusal_message(r) for r in services.erasure_check(subject)]
    return render(request, "privacy/confirm.html", context)


@programme_view(*MANAGERS)
def retention(request, programme):
    years = retention_list.default_years()
    firms = selectors.firms_in_scope(request.user, programme)
    rows = [
        r for r in retention_list.due_firms(firms, years) if r.contacts or r.company.is_sole_trader
    ]
    context = {
        "programme": programme,
        "years": years,
        "cutoff": core.years_before(timezone.localdate(), years),
        "rows": rows,
        "keep_until": core.erdf_keep_until(programme.end),
    }
    return render(request, "privacy/retention.html", context)
