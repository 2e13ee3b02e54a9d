"""The working method's answers to what the apps below it announce.

An accepted maturity suggestion belongs in the company's action plan. Maturity sits
a layer below engagements and may not import it, so it only announces the
acceptance (`maturity.signals.suggestion_accepted`) and this app, which owns action
plans, makes the item; `EngagementsConfig.ready` connects the two. A signal rather
than moving the action here: the maturity page keeps posting to its own URL and
service, and the acceptance is still recorded where no working method is installed.
Likewise maturity asks when a firm was first supported (`first_support_asked`) to
flag a T0 answered after it; the answer comes from here.
"""

from . import services
from .models import CompanySupport


def suggestion_into_plan(sender, *, suggestion, by, **kwargs) -> None:
    """Make the accepted suggestion a planned item of the company's engagement (started
    when there is none yet) and remember the item on the suggestion. Runs inside the
    accepting transaction: the suggestion and its item are saved together or not at all."""
    item = services.action_item_from_suggestion(
        company=suggestion.company,
        programme=suggestion.programme,
        intervention_id=suggestion.intervention,
        dimension_ids=suggestion.dimensions,
        title=suggestion.title,
        by=by,
    )
    suggestion.action_item_id = item.pk
    suggestion.save(update_fields=["action_item_id"])


def first_support_days(sender, *, programme, companies, **kwargs) -> dict:
    """Answers `maturity.signals.first_support_asked`: the first activity day of each of
    the firms in the programme (from `CompanySupport`, kept in step by the activity
    services)."""
    return dict(
        CompanySupport.objects.filter(programme_id=programme, company_id__in=companies).values_list(
            "company_id", "first_date"
        )
    )
