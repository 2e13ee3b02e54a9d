from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The top layer: what needs every app below it (landing pages, the main menu,
    demo data, the umbrella `import` command). No other app imports it."""

    name = "dipps.site"
    verbose_name = _("Site")
