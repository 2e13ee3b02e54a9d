from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScenariosConfig(AppConfig):
    name = "dipps.scenarios"
    verbose_name = _("Scenarios")

    def ready(self) -> None:
        from . import jobs  # noqa: F401 (registers the app's job kinds)
