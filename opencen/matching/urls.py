"""Pages of the matching app."""

from django.urls import path

from opencen.matching import views, views_duplicates, views_screening

app_name = "matching"

urlpatterns: list = [
    # Possible matches while a new person or company is typed (htmx fragments).
    path("persons/candidates/", views.person_candidates_view, name="person-candidates"),
    path("companies/candidates/", views.company_candidates_view, name="company-candidates"),
    # Searches ranked by match score.
    path("persons/", views.person_search_view, name="person-search"),
    path("companies/", views.company_search_view, name="company-search"),
    # Screening of uploaded lists.
    path("screening/", views_screening.screening_upload, name="screening"),
    path(
        "screening/template/<str:kind>.csv",
        views_screening.screening_template,
        name="screening-template",
    ),
    path("screening/<uuid:pk>/", views_screening.screening_run_detail, name="screening-run"),
    path(
        "screening/<uuid:pk>/progress/",
        views_screening.screening_progress,
        name="screening-progress",
    ),
    path(
        "screening/<uuid:pk>/hits.<str:fmt>",
        views_screening.screening_download,
        name="screening-download",
    ),
    # Review of likely duplicates.
    path("duplicates/persons/", views_duplicates.person_duplicates, name="duplicates-persons"),
    path(
        "duplicates/persons/<int:pk>/dismiss/",
        views_duplicates.person_duplicate_dismiss,
        name="duplicates-persons-dismiss",
    ),
    path("duplicates/companies/", views_duplicates.company_duplicates, name="duplicates-companies"),
    path(
        "duplicates/companies/<int:pk>/dismiss/",
        views_duplicates.company_duplicate_dismiss,
        name="duplicates-companies-dismiss",
    ),
]
