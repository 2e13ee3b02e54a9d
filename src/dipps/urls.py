from importlib.util import find_spec

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from dipps.api.v1 import api as api_v1
from dipps.core.health import healthz

admin.site.site_header = _("DIPPS administration")
admin.site.site_title = "DIPPS"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("", include("dipps.site.urls")),
    path("", include("dipps.accounts.urls")),
    path("jobs/", include("dipps.accounts.job_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api_v1.urls),
]

# Every domain app with a urls module is mounted under its own name
# (/companies/, /maturity/, …), so adding an app needs no edit here.
for app in (
    "programmes",
    "companies",
    "maturity",
    "engagements",
    "stateaid",
    "finance",
    "indicators",
    "scenarios",
    "impact",
    "competence",
    "automation",
    "privacy",
    "notices",
    "api",
):
    if find_spec(f"dipps.{app}.urls") is not None:
        urlpatterns.append(path(f"{app}/", include(f"dipps.{app}.urls")))
