"""`dipps automation payback FILE`: payback, NPV and IRR of an automation investment from a
JSON file (docs/competence.md).

A thin shell over ``dipps.automation.payback_json`` (exit codes: ``core.contract_command``:
2 with the field named, 3 over the size limit).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from dipps.automation import payback, payback_json
from dipps.core.contract_command import ContractCommand


class Command(ContractCommand):
    help = _("Payback, net present value and internal rate of return of an automation.")
    action = "payback"
    action_help = _("Annual saving, payback years, NPV and IRR from a JSON file.")
    run = staticmethod(payback_json.compute_json)
    input_error = payback.PaybackInputError
