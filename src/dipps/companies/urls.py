from django.urls import path

from . import views

app_name = "companies"
urlpatterns = [
    path("", views.company_list_view, name="list"),
    path("export.<str:fmt>", views.company_export, name="export"),
    path("import/", views.company_import, name="import"),
    path("import/confirm/", views.company_import_confirm, name="import_confirm"),
    path("<int:pk>/", views.company_detail, name="detail"),
    path("<int:pk>/eligibility/override/", views.eligibility_override, name="override"),
    path(
        "<int:pk>/eligibility/override/<int:override_pk>/remove/",
        views.eligibility_override_delete,
        name="override_remove",
    ),
    path("<int:pk>/sme/", views.company_sme, name="sme"),
    path("<int:pk>/contacts/new/", views.contact_edit, name="contact_add"),
    path("<int:pk>/contacts/<int:contact_pk>/", views.contact_edit, name="contact_edit"),
    path("<int:pk>/contacts/<int:contact_pk>/remove/", views.contact_remove, name="contact_remove"),
]
