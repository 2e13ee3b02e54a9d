from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:code>/", views.page, name="page"),
    path("<slug:code>/targets/", views.targets, name="targets"),
    path("<slug:code>/set/", views.indicator_set_page, name="set"),
    path("<slug:code>/export.<str:fmt>", views.export, name="export"),
]
