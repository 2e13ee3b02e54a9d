from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("DIPPS administration")
admin.site.site_title = "DIPPS"

urlpatterns = [
    path("", include("dipps.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("programmes/", include("dipps.programmes.urls")),
    path("companies/", include("dipps.companies.urls")),
    path("admin/", admin.site.urls),
]
