from django.urls import path

from . import views_energy

app_name = "impact"
urlpatterns = [
    path("firms/<int:company_pk>/energy/", views_energy.energy, name="energy"),
    path("firms/<int:company_pk>/energy/save/", views_energy.energy_save, name="energy_save"),
]
