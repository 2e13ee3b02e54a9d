"""The programme's totals page and its exports (activities, hours, participants, in kind)."""

from django.shortcuts import render
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from dipps.accounts.roles import (
    MANAGERS,
    READERS,
    STAFF,
    has_role_in,
)
from dipps.core.exporters import Table, table_response
from dipps.programmes.access import programme_view

from . import selectors


def _period(request):
    return parse_date(request.GET.get("start") or ""), parse_date(request.GET.get("end") or "")


@programme_view(*READERS)
def totals(request, programme):
    start, end = _period(request)
    context = {
        "t": selectors.programme_totals(programme, start, end),
        "can_set_rates": has_role_in(request.user, programme.pk, MANAGERS),
    }
    # Per-company in-kind value is an export only: the page stays on the daily totals.
    return render(request, "engagements/totals.html", context)


@programme_view(*READERS)
def totals_export(request, programme, fmt: str):
    start, end = _period(request)
    t = selectors.programme_totals(programme, start, end)
    headers = [
        _("Activity type"),
        _("Activities"),
        _("Staff hours"),
        _("External cost (SEK)"),
        _("Women"),
        _("Men"),
        _("Other or not stated"),
        _("Participants' hours"),
    ]
    rows = [
        [
            r["label"],
            r["activities"],
            r["staff_hours"],
            r["external_cost_sek"],
            r["women"],
            r["men"],
            r["other"],
            r["participant_hours"],
        ]
        for r in t.by_type
    ]
    rows.append(
        [
            _("Total"),
            t.activities,
            t.staff_hours,
            t.external_cost_sek,
            t.women,
            t.men,
            t.other,
            t.participant_hours,
        ]
    )
    return table_response(Table(_("totals") + f" {t.programme.code}", headers, rows), fmt)


@programme_view(*STAFF)
def in_kind_export(request, programme, fmt: str):
    start, end = _period(request)
    rows = selectors.in_kind_by_company(
        request.user, programme, start or programme.start, end or programme.end
    )
    headers = [
        _("Contributor"),
        _("Organisation number"),
        _("Public or private"),
        _("Attended hours"),
        _("Persons"),
        _("In-kind value (SEK)"),
    ]
    table = Table(
        f"{programme.code} {_('in kind')}",
        headers,
        (
            [
                r["name"],
                r["orgnr_display"],
                _("public") if r["public"] else _("private"),
                r["hours"],
                r["persons"],
                r["value"],
            ]
            for r in rows
        ),
    )
    return table_response(table, fmt)
