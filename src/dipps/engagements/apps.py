from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementsConfig(AppConfig):
    name = "dipps.engagements"
    verbose_name = _("Working method")

    def ready(self) -> None:
        from dipps.maturity.signals import first_support_asked, suggestion_accepted

        from .receivers import first_support_days, suggestion_into_plan

        suggestion_accepted.connect(suggestion_into_plan, dispatch_uid="engagements-plan")
        first_support_asked.connect(first_support_days, dispatch_uid="engagements-first-support")
