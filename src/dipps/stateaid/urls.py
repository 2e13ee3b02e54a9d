from django.urls import path

from . import views, views_case

app_name = "stateaid"
urlpatterns = [
    path("company/<int:pk>/", views.company, name="company"),
    path("company/<int:pk>/headroom/", views.headroom, name="headroom"),
    path("company/<int:pk>/declare/", views.declare, name="declare"),
    path("company/<int:pk>/link/", views.link, name="link"),
    path("company/<int:pk>/unlink/", views.unlink, name="unlink"),
    path("company/<int:pk>/certificate/<slug:code>/", views.certificate, name="certificate"),
    path("company/<int:pk>/case/new/", views_case.case_new, name="case_new"),
    path("case/<int:pk>/", views_case.case, name="case"),
    path("case/<int:pk>/declaration/", views_case.case_declaration, name="case_declaration"),
    path("case/<int:pk>/sign/", views_case.case_sign, name="case_sign"),
    path("case/<int:pk>/upload/", views_case.case_upload, name="case_upload"),
    path("case/<int:pk>/declaration/file/", views_case.case_file, name="case_file"),
    path("case/<int:pk>/plan/", views_case.case_plan, name="case_plan"),
    path("case/<int:pk>/check/", views_case.case_check, name="case_check"),
    path("case/<int:pk>/decide/", views_case.case_decide, name="case_decide"),
    path("register/", views.register, name="register"),
    path("register.<str:fmt>", views.register_export, name="register_export"),
    path(
        "programme/<slug:code>/certificates/",
        views.certificates_start,
        name="certificates_start",
    ),
    path(
        "programme/<slug:code>/certificates/<int:job>.zip",
        views.certificates_download,
        name="certificates_download",
    ),
    path(
        "programme/<str:code>/central-register.<str:fmt>",
        views.central_register_export,
        name="central_register_export",
    ),
]
