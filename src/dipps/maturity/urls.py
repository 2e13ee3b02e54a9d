from django.urls import path

from . import views

app_name = "maturity"
urlpatterns = [
    path("", views.index, name="index"),
    path("company/<int:pk>/", views.company, name="company"),
    path("company/<int:pk>/report.pdf", views.report, name="report"),
    path("company/<int:pk>/start/", views.start, name="start"),
    path("company/<int:pk>/accept/", views.accept, name="accept"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/answer/", views.answer, name="answer"),
    path("<int:pk>/correct/", views.correct, name="correct"),
    path("<int:pk>/link/", views.link, name="link"),
    path("s/<str:token>/", views.self_service, name="self_service"),
    path("programme/<slug:code>/", views.programme, name="programme"),
    path("programme/<slug:code>/assessments.<str:fmt>", views.export, name="export"),
    path("programme/<slug:code>/reports/", views.reports_start, name="reports_start"),
    path(
        "programme/<slug:code>/reports/<int:job>.zip",
        views.reports_download,
        name="reports_download",
    ),
]
