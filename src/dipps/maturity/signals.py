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
