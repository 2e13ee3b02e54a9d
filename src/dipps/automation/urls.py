from django.urls import path

from . import views, views_pipeline

app_name = "automation"

urlpatterns = [
    path("company/<int:pk>/", views.company, name="company"),
    path("company/<int:pk>/new/", views.create, name="create"),
    path("prestudy/<int:pk>/", views.prestudy, name="prestudy"),
    path("prestudy/<int:pk>/edit/", views.edit, name="edit"),
    path("prestudy/<int:pk>/steps/new/", views.step_add, name="step_add"),
    path("prestudy/<int:pk>/pdf/", views.prestudy_pdf, name="prestudy_pdf"),
    path("step/<int:pk>/edit/", views.step_edit, name="step_edit"),
    path("step/<int:pk>/delete/", views.step_delete, name="step_delete"),
    path("step/<int:pk>/to-scenario/", views.step_to_scenario, name="step_to_scenario"),
    path("programme/<str:code>/", views_pipeline.pipeline, name="pipeline"),
    path(
        "programme/<str:code>/export.<str:fmt>",
        views_pipeline.pipeline_export,
        name="pipeline_export",
    ),
]
