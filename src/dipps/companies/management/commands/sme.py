"""`dipps sme classify FILE`: SME status year by year from a JSON file (docs/reference-data.md).

A thin shell over ``dipps.companies.sme_json`` (exit codes: ``core.contract_command``).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from dipps.companies import sme, sme_json
from dipps.core.contract_command import ContractCommand


class Command(ContractCommand):
    help = _("SME size class and status by Recommendation 2003/361, from a JSON file.")
    action = "classify"
    action_help = _("Aggregated figures, computed class and status after the two-year rule.")
    run = staticmethod(sme_json.classify_json)
    input_error = sme.SmeInputError
