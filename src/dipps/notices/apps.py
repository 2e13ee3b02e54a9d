from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "dipps.notices"
    verbose_name = _("E-mail and reminders")
