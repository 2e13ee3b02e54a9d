from django.urls import path

from . import views, views_claims, views_evaluation, views_imports, views_plan

app_name = "finance"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:code>/", views.overview, name="overview"),
    path("<slug:code>/budget/", views.budget_view, name="budget"),
    path("<slug:code>/budget.<str:fmt>", views.budget_export, name="budget_export"),
    path("<slug:code>/budget/edit/", views_plan.budget_edit, name="budget_edit"),
    path(
        "<slug:code>/budget/versions/<int:number>/submit/",
        views_plan.budget_version_submit,
        name="budget_version_submit",
    ),
    path(
        "<slug:code>/budget/versions/<int:number>/decide/",
        views_plan.budget_version_decide,
        name="budget_version_decide",
    ),
    path("<slug:code>/partners/", views_plan.partners_edit, name="partners"),
    path("<slug:code>/periods/", views_plan.periods_edit, name="periods"),
    path("<slug:code>/salaries/", views_plan.salaries_edit, name="salaries"),
    path("<slug:code>/ledger/", views.ledger_view, name="ledger"),
    path("<slug:code>/ledger.<str:fmt>", views.ledger_export, name="ledger_export"),
    path("<slug:code>/ledger/add/", views.entry_add, name="entry_add"),
    path("<slug:code>/ledger/staff-costs/", views.staff_costs, name="staff_costs"),
    path("<slug:code>/import/", views_imports.upload, name="import"),
    path("entry/<int:pk>/delete/", views.entry_delete, name="entry_delete"),
    path("import/<int:pk>/", views_imports.review, name="import_review"),
    path("import/<int:pk>/exclude/", views_imports.exclude, name="import_exclude"),
    path("import/<int:pk>/confirm/", views_imports.confirm, name="import_confirm"),
    path("import/<int:pk>/discard/", views_imports.discard, name="import_discard"),
    path("period/<int:pk>/claim/", views_claims.claim_open, name="claim_open"),
    path("claim/<int:pk>/", views_claims.claim_detail, name="claim"),
    path("claim/<int:pk>/submit/", views_claims.claim_submit, name="claim_submit"),
    path("claim/<int:pk>/pdf/", views_claims.claim_pdf, name="claim_pdf"),
    path("<slug:code>/evaluation/", views_evaluation.evaluation_page, name="evaluation"),
    path(
        "<slug:code>/evaluation/reports/add/",
        views_evaluation.evaluation_report_add,
        name="evaluation_report_add",
    ),
    path("evaluation/<int:pk>/file/", views_evaluation.evaluation_file, name="evaluation_file"),
    path(
        "claim/<int:pk>/final-report/",
        views_evaluation.final_report_page,
        name="final_report_page",
    ),
    path(
        "claim/<int:pk>/final-report/pdf/",
        views_evaluation.final_report_pdf,
        name="final_report_pdf",
    ),
    path("claim/<int:pk>/export.<str:fmt>", views_claims.claim_export, name="claim_export"),
    path(
        "claim/<int:pk>/verification.<str:fmt>",
        views_claims.claim_verification,
        name="claim_verification",
    ),
]
