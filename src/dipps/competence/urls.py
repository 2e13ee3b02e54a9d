from django.urls import path

from . import views, views_programme

app_name = "competence"

urlpatterns = [
    path("company/<int:pk>/", views.company, name="company"),
    path("company/<int:pk>/start/", views.start, name="start"),
    path("map/<int:pk>/", views.edit, name="map"),
    path("map/<int:pk>/link/", views.link, name="link"),
    path("row/<int:pk>/plan/", views.plan, name="plan"),
    path("activity/<int:pk>/", views.activity, name="activity"),
    path("s/<str:token>/", views.self_service, name="self_service"),
    path("programme/<slug:code>/", views_programme.programme, name="programme"),
    path("programme/<slug:code>/skills/", views_programme.skills, name="skills"),
    path("programme/<slug:code>/gaps.<str:fmt>", views_programme.gaps_export, name="gaps_export"),
    path(
        "programme/<slug:code>/trained.<str:fmt>",
        views_programme.trained_export,
        name="trained_export",
    ),
]
