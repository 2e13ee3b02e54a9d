from django.urls import path

from . import views, views_programme, views_runs

app_name = "scenarios"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("sie/", views.sie_fill, name="sie_fill"),
    path("sie/confirm/", views.sie_confirm, name="sie_confirm"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/measures/", views.measure_add, name="measure_add"),
    path(
        "<int:pk>/measures/<int:measure_pk>/edit/",
        views.measure_edit,
        name="measure_edit",
    ),
    path(
        "<int:pk>/measures/<int:measure_pk>/delete/",
        views.measure_delete,
        name="measure_delete",
    ),
    path("<int:pk>/stress/", views_runs.stress, name="stress"),
    path("<int:pk>/montecarlo/", views_runs.montecarlo, name="montecarlo"),
    path("runs/<int:pk>/", views_runs.run_detail, name="run"),
    path("runs/<int:pk>/report.pdf", views_runs.run_pdf, name="run_pdf"),
    path("runs/<int:pk>/export.<str:fmt>", views_runs.run_export, name="run_export"),
    path("programme/", views_runs.programme, name="programme"),
    path("programme/export.<str:fmt>", views_runs.programme_export, name="programme_export"),
    path(
        "programme/<slug:code>/montecarlo/",
        views_programme.montecarlo_start,
        name="programme_montecarlo",
    ),
    path("prices/", views_runs.series, name="series"),
    path("prices/confirm/", views_runs.series_confirm, name="series_confirm"),
    path("prices/<int:pk>/factor/", views_runs.series_factor, name="series_factor"),
]
