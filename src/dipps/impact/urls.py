from django.urls import path

from . import views

app_name = "impact"

urlpatterns = [
    path("company/<int:pk>/", views.company, name="company"),
    path("company/<int:pk>/year/", views.enter, name="enter"),
    path("company/<int:pk>/sie/", views.sie, name="sie"),
]
