from django.urls import path

from . import views

app_name = "stateaid"
urlpatterns = [
    path("company/<int:pk>/", views.company, name="company"),
    path("company/<int:pk>/headroom/", views.headroom, name="headroom"),
    path("company/<int:pk>/declare/", views.declare, name="declare"),
    path("company/<int:pk>/link/", views.link, name="link"),
    path("company/<int:pk>/unlink/", views.unlink, name="unlink"),
    path("company/<int:pk>/certificate/<slug:code>/", views.certificate, name="certificate"),
    path("register/", views.register, name="register"),
    path("register.<str:fmt>", views.register_export, name="register_export"),
    path(
        "programme/<str:code>/central-register.<str:fmt>",
        views.central_register_export,
        name="central_register_export",
    ),
]
