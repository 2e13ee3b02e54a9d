"""`dipps deminimis check FILE`: may a de minimis grant be made? (docs/de-minimis.md)

A thin shell over ``dipps.stateaid.deminimis`` (exit codes: ``core.contract_command``).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from dipps.core.contract_command import ContractCommand
from dipps.stateaid import deminimis


class Command(ContractCommand):
    help = _("De minimis checks by the regulation of each grant's date, from a JSON file.")
    action = "check"
    action_help = _(
        "Regulation, ceiling, window, aid in the window, headroom and later grants "
        "breached for a new grant."
    )
    run = staticmethod(deminimis.check_json)
    input_error = deminimis.DeminimisInputError
