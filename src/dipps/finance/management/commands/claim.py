"""`dipps claim compute FILE`: a payment claim's figures from a JSON file (docs/finance.md).

A thin shell over ``dipps.finance.claim_model`` (exit codes: ``core.contract_command``).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from dipps.core.contract_command import ContractCommand
from dipps.finance import claim_model


class Command(ContractCommand):
    help = _("Payment claim figures the funder's way, from a JSON file.")
    action = "compute"
    action_help = _("Staff unit costs, flat rate, eligible costs and EU support.")
    run = staticmethod(claim_model.compute_json)
    input_error = claim_model.ClaimInputError
