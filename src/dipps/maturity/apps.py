from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


class MaturityConfig(AppConfig):
    name = "dipps.maturity"
    verbose_name = _("Digital maturity")

    def ready(self) -> None:
        from . import jobs  # noqa: F401 (registers the app's job kinds)
        from .models import Assessment
        from .services import assessment_deleted

        post_delete.connect(assessment_deleted, sender=Assessment, dispatch_uid="maturity-peers")
