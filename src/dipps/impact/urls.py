from django.urls import path

from . import views, views_comparison, views_energy, views_programme, views_report

app_name = "impact"

urlpatterns = [
    path("company/<int:pk>/", views.company, name="company"),
    path("company/<int:pk>/year/", views.enter, name="enter"),
    path("company/<int:pk>/sie/", views.sie, name="sie"),
    path("company/<int:company_pk>/energy/", views_energy.energy, name="energy"),
    path("company/<int:company_pk>/energy/save/", views_energy.energy_save, name="energy_save"),
    path(
        "programme/<slug:code>/comparison/",
        views_comparison.comparison,
        name="comparison",
    ),
    path(
        "programme/<slug:code>/comparison/import/",
        views_comparison.comparison_upload,
        name="comparison_import",
    ),
    path(
        "programme/<slug:code>/comparison/estimate/",
        views_comparison.estimate_start,
        name="comparison_estimate",
    ),
    path(
        "programme/<slug:code>/comparison/export.<str:fmt>",
        views_comparison.comparison_export,
        name="comparison_export",
    ),
    path("company/<int:pk>/pdf/", views_report.report, name="report_pdf"),
    path("programme/<slug:code>/", views_programme.programme, name="programme"),
]
