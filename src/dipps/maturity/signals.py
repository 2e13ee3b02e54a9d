"""What the maturity app tells the apps above it.

`suggestion_accepted` is sent (inside the accepting transaction) when a suggested
intervention is accepted for a company, with `suggestion` (the `AcceptedSuggestion`
just recorded) and `by` (the user). Maturity sits below the working method
(engagements) and may not import it, yet an accepted suggestion belongs in the
company's action plan: the higher app owns that step and listens here (see
`engagements.apps`). Without a listener the acceptance is simply recorded.
"""

from django.dispatch import Signal

suggestion_accepted = Signal()

first_support_asked = Signal()
"""Asked (not announced): "when was each of these firms first supported?".

Sent with `programme` (a programme id) and `companies` (company ids); a receiver returns
`{company_id: first support date}` for the firms supported there. The T0 rule
(`followup.t0_after_support`) needs the date of a firm's first activity, which the
working method (engagements, a layer above) keeps; engagements answers in
`EngagementsConfig.ready`. Without a receiver no T0 is flagged. Read it through
`first_support_days`.
"""


def first_support_days(programme: int, companies) -> dict:
    """The first support day of each firm in the programme, from whoever answers."""
    days: dict = {}
    for _receiver, answer in first_support_asked.send(
        sender=None, programme=programme, companies=list(companies)
    ):
        days.update(answer or {})
    return days
