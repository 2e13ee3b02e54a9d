from django.urls import path

from . import views

app_name = "notices"
urlpatterns = [
    path("mail/", views.mail_list, name="mail_list"),
    path("mail/<str:ref>/", views.mail_detail, name="mail_detail"),
]
