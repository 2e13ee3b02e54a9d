from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    name = "dipps.impact"
    verbose_name = _("Impact")

    def ready(self) -> None:
        # Indicators sits below impact and may not import it: impact hands it the effect
        # figures (RCR25, RCR29, the programme's effect indicators) through its registry.
        from dipps.indicators.providers import register

        from . import jobs  # noqa: F401 (registers the app's job kinds)
        from .selectors_effect import provider

        register(provider)
