"""The main menu: one list for the whole site, filtered by role and by what is installed.

An entry whose URL does not resolve (its app is not mounted) is left out, so
the menu never breaks a page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

STAFF = {"manager", "coach", "finance"}
READERS = STAFF | {"observer"}
EVERYONE = READERS | {"company"}


@dataclass(frozen=True)
class Entry:
    url_name: str
    label: str
    roles: frozenset[str]


ENTRIES = [
    Entry("accounts:home", _("Start"), frozenset(EVERYONE)),
    Entry("companies:list", _("Companies"), frozenset(STAFF)),
    Entry("engagements:desk", _("My companies"), frozenset(STAFF)),
    Entry("maturity:index", _("Maturity"), frozenset(READERS)),
    Entry("stateaid:register", _("De minimis"), frozenset(STAFF)),
    Entry("programmes:list", _("Programmes"), frozenset(READERS)),
    Entry("finance:index", _("Finance"), frozenset({"manager", "finance"})),
    Entry("indicators:index", _("Indicators"), frozenset(READERS)),
    Entry("scenarios:index", _("Scenarios"), frozenset(STAFF | {"company"})),
    Entry("scenarios:programme", _("Scenarios"), frozenset({"observer"})),
    Entry("privacy:index", _("Personal data"), frozenset({"manager"})),
]


def menu_for(role: str | None) -> list[tuple[str, str]]:
    items = []
    for entry in ENTRIES:
        if role not in entry.roles:
            continue
        try:
            items.append((reverse(entry.url_name), str(entry.label)))
        except NoReverseMatch:
            continue
    return items
