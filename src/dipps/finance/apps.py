from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "dipps.finance"
    verbose_name = _("Finance")

    def ready(self) -> None:
        # The SIE jobs (finance.sie_stage, finance.sie_confirm), for the web and the worker.
        from . import jobs  # noqa: F401
