from django.urls import path

from . import views, views_energy, views_programme, views_report

app_name = "impact"

urlpatterns = [
    path("company/<int:pk>/", views.company, name="company"),
    path("company/<int:pk>/year/", views.enter, name="enter"),
    path("company/<int:pk>/sie/", views.sie, name="sie"),
    path("company/<int:company_pk>/energy/", views_energy.energy, name="energy"),
    path("company/<int:company_pk>/energy/save/", views_energy.energy_save, name="energy_save"),
]

urlpatterns += [
    path("company/<int:pk>/pdf/", views_report.report, name="report_pdf"),
]

urlpatterns += [
    path("programme/<slug:code>/", views_programme.programme, name="programme"),
]
