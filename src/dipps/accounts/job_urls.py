from django.urls import path

from . import job_views

app_name = "jobs"
urlpatterns = [
    path("", job_views.mine, name="mine"),
    path("<int:pk>/", job_views.detail, name="detail"),
    path("<int:pk>/status.json", job_views.status, name="status"),
    path("<int:pk>/retry/", job_views.retry, name="retry"),
]
