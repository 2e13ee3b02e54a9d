"""What a restore must give back, computed the same way before the backup (in the test) and
after the restore (in a subprocess on the restored database): the rows of every model, each
payment claim's figures computed afresh from the ledger, and every programme's indicators."""

import json

from django.apps import apps

from dipps.finance.models import PaymentClaim
from dipps.finance.services.claims import claim_figures_live
from dipps.indicators.selectors import indicator_page
from dipps.programmes.models import Programme


def figures() -> dict:
    rows = {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }
    claims = []
    for claim in PaymentClaim.objects.select_related("period__programme").order_by("pk"):
        live = claim_figures_live(claim)
        claims.append(
            [
                claim.period.programme.code,
                claim.period.number,
                claim.status,
                str(live.total),
                str(live.net_total),
                str(live.cumulative_total),
                json.dumps(claim.snapshot, sort_keys=True, default=str),
            ]
        )
    indicators = {}
    for programme in Programme.objects.order_by("code"):
        _values, page = indicator_page(programme)
        indicators[programme.code] = [
            [row.indicator.code, str(row.value), str(row.target), str(row.cumulative)]
            for row in page
        ]
    return {"rows": rows, "claims": claims, "indicators": indicators}
