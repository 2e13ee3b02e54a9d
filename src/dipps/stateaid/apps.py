from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StateaidConfig(AppConfig):
    name = "dipps.stateaid"
    verbose_name = _("State aid")

    def ready(self) -> None:
        from . import jobs  # noqa: F401 (registers the app's job kinds)
