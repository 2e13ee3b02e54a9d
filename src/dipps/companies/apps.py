from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompaniesConfig(AppConfig):
    name = "dipps.companies"
    verbose_name = _("Companies")

    def ready(self) -> None:
        from . import jobs  # noqa: F401 (registers the app's job kinds)
