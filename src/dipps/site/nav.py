"""The main menu: one list for the whole site, filtered by role and by what is installed.

An entry is shown when the user holds one of its roles in *some* programme (the
context processor passes the set of roles the user holds); the page itself then
checks the role in the programme it is about. Two entries with one label (the
scenarios pages for staff and for observers) give one menu item, the first that
fits. An entry whose URL does not resolve (its app is not mounted) is left out, so
the menu never breaks a page.

The menu names pages of every app, so it lives in `site`, the top layer, and takes
its role groups from `accounts.roles`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from dipps.accounts import roles
from dipps.accounts.models import Role
from dipps.core.mail import file_backend_dir

STAFF = frozenset(roles.STAFF)
FINANCE = frozenset(roles.FINANCE)
WRITERS = frozenset(roles.WRITERS)
READERS = frozenset(roles.READERS)
FIRM_READERS = frozenset(roles.FIRM_READERS)
EVERY_ROLE = frozenset(roles.EVERY_ROLE)


@dataclass(frozen=True)
class Entry:
    url_name: str
    label: str
    roles: frozenset[str]
    # Shown only while this holds (a page that exists only with some settings).
    when: Callable[[], bool] | None = None


ENTRIES = [
    Entry("site:home", _("Start"), EVERY_ROLE),
    Entry("companies:list", _("Companies"), STAFF),
    # A finance officer coaches no firm: "My companies" would only say so.
    Entry("engagements:desk", _("My companies"), WRITERS),
    Entry("maturity:index", _("Maturity"), READERS),
    Entry("stateaid:register", _("De minimis"), STAFF),
    Entry("programmes:list", _("Programmes"), READERS),
    Entry("finance:index", _("Finance"), FINANCE),
    Entry("indicators:index", _("Indicators"), READERS),
    Entry("scenarios:index", _("Scenarios"), FIRM_READERS),
    Entry("scenarios:programme", _("Scenarios"), frozenset({Role.OBSERVER})),
    Entry("privacy:index", _("Personal data"), frozenset({Role.MANAGER})),
    # The mails the file backend wrote (the demo's var/mail); no page with SMTP.
    Entry(
        "notices:mail_list",
        _("Sent e-mail"),
        frozenset({Role.MANAGER}),
        when=lambda: file_backend_dir() is not None,
    ),
]


def menu_for(roles: Iterable[str]) -> list[tuple[str, str]]:
    """(url, label) for each entry one of `roles` may open, one item per label."""
    held = set(roles)
    items: list[tuple[str, str]] = []
    labels: set[str] = set()
    for entry in ENTRIES:
        label = str(entry.label)
        if not held & entry.roles or label in labels:
            continue
        if entry.when is not None and not entry.when():
            continue
        try:
            items.append((reverse(entry.url_name), label))
        except NoReverseMatch:
            continue
        labels.add(label)
    return items
