from django.urls import path

from . import attendance_views, reference_views, views, views_totals

app_name = "engagements"
urlpatterns = [
    path("", views.desk, name="desk"),
    path("company/<int:pk>/", views.company, name="company"),
    path("company/<int:pk>/start/", views.start, name="start"),
    path("<int:pk>/stage/", views.stage, name="stage"),
    path("<int:pk>/items/new/", views.item_new, name="item_new"),
    path("items/<int:pk>/", views.item_edit, name="item_edit"),
    path("activities/new/", views.activity_new, name="activity_new"),
    path("activities/<int:pk>/", views.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/delete/", views.activity_delete, name="activity_delete"),
    path("activities/<int:pk>/attendance/", attendance_views.attendance, name="attendance"),
    path(
        "activities/<int:pk>/attendance.pdf",
        attendance_views.attendance_pdf,
        name="attendance_pdf",
    ),
    path("sign-in/<str:token>/", attendance_views.sign_in, name="sign_in"),
    path("employment-costs/", reference_views.employment_costs, name="employment_costs"),
    path("timesheet/", views.timesheet, name="timesheet"),
    path("timesheet/months/", views.months, name="months"),
    path("timesheet/months.<str:fmt>", views.months_export, name="months_export"),
    path("programme/<slug:code>/", views_totals.totals, name="totals"),
    path("programme/<slug:code>/rates/", reference_views.rates, name="rates"),
    path(
        "programme/<slug:code>/totals.<str:fmt>", views_totals.totals_export, name="totals_export"
    ),
    path(
        "programme/<slug:code>/in-kind.<str:fmt>",
        views_totals.in_kind_export,
        name="in_kind_export",
    ),
]
