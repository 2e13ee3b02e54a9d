from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "dipps.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # The task the worker runs (dipps.core.jobs.run_job) and the floor's own job kinds.
        from . import jobs  # noqa: F401
