from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:code>/", views.search, name="search"),
    path("<slug:code>/retention/", views.retention, name="retention"),
    path("<slug:code>/person/<str:ref>/", views.person, name="person"),
    path("<slug:code>/person/<str:ref>/extract.json", views.extract_json, name="extract_json"),
    path("<slug:code>/person/<str:ref>/extract.pdf", views.extract_pdf, name="extract_pdf"),
    path("<slug:code>/person/<str:ref>/pseudonymise/", views.pseudonymise, name="pseudonymise"),
    path("<slug:code>/person/<str:ref>/erase/", views.erase, name="erase"),
]
