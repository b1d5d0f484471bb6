"""Seizure pages. Each section belongs to one part of the app; add lines in yours."""

from django.urls import path

from opencen.seizures import involvements, views, views_gallery, views_import

app_name = "seizures"

urlpatterns: list = [
    # --- list, detail, forms, history, workflow (views.py) ---
    path("", views.seizure_list_view, name="list"),
    path("count/", views.seizure_count_view, name="count"),
    path("new/", views.seizure_create_view, name="create"),
    path("new/quick/", views.seizure_create_quick_view, name="create-quick"),
    path("form/rows/<slug:kind>/", views.form_row_view, name="form-row"),
    path("form/units/", views.unit_options_view, name="unit-options"),
    path("form/places/", views.place_options_view, name="place-options"),
    path("<uuid:pk>/", views.seizure_detail_view, name="detail"),
    path("<uuid:pk>/edit/", views.seizure_edit_view, name="edit"),
    path("<uuid:pk>/history/", views.seizure_history_view, name="history"),
    path("<uuid:pk>/status/<slug:transition>/", views.seizure_transition_view, name="transition"),
    path("<uuid:pk>/attachments/", views.seizure_attachments_view, name="attachments"),
    # --- persons and companies involved (involvements.py) ---
    path(
        "<uuid:pk>/involvements/<slug:kind>/options/",
        involvements.involvement_options_view,
        name="involvement-options",
    ),
    path(
        "<uuid:pk>/involvements/<slug:kind>/add/",
        involvements.involvement_add_view,
        name="involvement-add",
    ),
    path(
        "<uuid:pk>/involvements/<slug:kind>/remove/",
        involvements.involvement_remove_view,
        name="involvement-remove",
    ),
    # --- gallery (views_gallery.py) ---
    path("gallery/", views_gallery.concealment_gallery_view, name="gallery"),
    # --- import and export (views_import.py) ---
    path(
        "import/template.csv",
        views_import.import_template,
        {"fmt": "csv"},
        name="import-template-csv",
    ),
    path(
        "import/template.xlsx",
        views_import.import_template,
        {"fmt": "xlsx"},
        name="import-template-xlsx",
    ),
    path("import/", views_import.import_upload, name="import"),
    path("import/<uuid:pk>/", views_import.import_preview, name="import-preview"),
    path("import/<uuid:pk>/progress/", views_import.import_progress, name="import-progress"),
    path("import/<uuid:pk>/confirm/", views_import.import_confirm, name="import-confirm"),
    path("import/<uuid:pk>/cancel/", views_import.import_cancel, name="import-cancel"),
    path(
        "import/<uuid:pk>/rejected.csv",
        views_import.import_rejected,
        {"fmt": "csv"},
        name="import-rejected-csv",
    ),
    path(
        "import/<uuid:pk>/rejected.xlsx",
        views_import.import_rejected,
        {"fmt": "xlsx"},
        name="import-rejected-xlsx",
    ),
    path("export.csv", views_import.seizure_export, {"fmt": "csv"}, name="export-csv"),
    path("export.xlsx", views_import.seizure_export, {"fmt": "xlsx"}, name="export-xlsx"),
]
