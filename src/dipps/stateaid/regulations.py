"""The names of the de minimis regulations, in the page's language.

The pure core (`deminimis.py`) knows a regulation by its number ("1407/2013",
"2023/2831"); this is where the number becomes words for a person.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from . import deminimis

NAMES: dict[str, Promise] = {
    deminimis.R1407: _("Commission Regulation (EU) No 1407/2013"),
    deminimis.R2831: _("Commission Regulation (EU) 2023/2831"),
}

TITLES: dict[str, Promise] = {
    deminimis.R1407: _(
        "Commission Regulation (EU) No 1407/2013 of 18 December 2013 on the application of "
        "Articles 107 and 108 of the Treaty on the Functioning of the European Union to de "
        "minimis aid (OJ L 352, 24.12.2013, p. 1)."
    ),
    deminimis.R2831: _(
        "Commission Regulation (EU) 2023/2831 of 13 December 2023 on the application of "
        "Articles 107 and 108 of the Treaty on the Functioning of the European Union to de "
        "minimis aid (OJ L, 2023/2831, 15.12.2023)."
    ),
}

PERIODS: dict[str, Promise] = {
    deminimis.R1407: _("the current and the two previous fiscal years"),
    deminimis.R2831: _("the three years ending on the grant date"),
}


def name_on(granted: date) -> str:
    """The short name of the regulation that applies to aid granted on `granted`."""
    return str(NAMES[deminimis.regulation_of(granted)])


def titles_for(days: Iterable[date]) -> list[str]:
    """The full titles of the regulations that apply on `days`, oldest first; today's
    regulation when there are no days."""
    found = {deminimis.regulation_of(d) for d in days}
    codes = [code for code in TITLES if code in found]
    if not codes:
        codes = [deminimis.regulation_of(timezone.localdate())]
    return [str(TITLES[c]) for c in codes]
