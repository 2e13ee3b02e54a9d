"""The firm's one-page impact PDF for the follow-up meeting (docs/impact.md, "The impact
PDF"): the same readers as the firm's impact page, in the user's language."""

from __future__ import annotations

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from dipps.accounts.roles import role_required
from dipps.companies import orgnr
from dipps.core.exporters import file_name
from dipps.core.pdf import pdf_response

from . import pictures
from .emissions import Method
from .selectors import IMPACT_READERS
from .selectors_report import impact_report
from .views_energy import METHOD_LABELS, _method


@role_required(*IMPACT_READERS)
def report(request, pk: int):
    method = _method(request)
    data = impact_report(request.user, pk, method)
    label = METHOD_LABELS[method]
    firm = data.company
    context = {
        "report": data,
        "company": firm,
        "number_shown": orgnr.shown(firm.orgnr, is_sole_trader=firm.is_sole_trader),
        "method_label": label,
        "productivity_chart": pictures.productivity_chart(
            [r for r, _c in data.compared_rows],
            data.page.comparisons,
            ident="report-productivity",
        ),
        "energy_chart": pictures.energy_chart(data.energy_years, ident="report-kwh", width=320),
        "co2e_chart": pictures.co2e_chart(data.energy_years, label, ident="report-co2e", width=320),
        "method": method,
        "location": method == Method.LOCATION,
    }
    return pdf_response(
        "impact/report.html",
        context,
        filename=file_name(_("impact report"), firm.pk, get_language(), ext="pdf"),
        request=request,
    )
