"""Pages of the persons app."""

from django.urls import path

from opencen.persons import views, views_review

app_name = "persons"

urlpatterns: list = [
    path("", views.person_list_view, name="list"),
    path("new/", views.person_create_view, name="create"),
    path("lookup/", views.person_lookup_view, name="lookup"),
    # --- data-protection review (views_review.py) ---
    path("review/", views_review.review_queue_view, name="review"),
    path("review/<uuid:pk>/retain/", views_review.review_retain_view, name="review-retain"),
    path("review/<uuid:pk>/erase/", views_review.review_erase_view, name="review-erase"),
    path("form/rows/<slug:kind>/", views.form_row_view, name="form-row"),
    path("<uuid:pk>/", views.person_detail_view, name="detail"),
    path("<uuid:pk>/edit/", views.person_edit_view, name="edit"),
    path("<uuid:pk>/history/", views.person_history_view, name="history"),
    path("<uuid:pk>/merge/", views.person_merge_view, name="merge"),
    path("<uuid:pk>/photo/", views.person_photo_view, name="photo"),
    path("<uuid:pk>/seizures/", views.person_seizure_add_view, name="seizure-add"),
    path(
        "<uuid:pk>/seizures/<int:link>/remove/",
        views.person_seizure_remove_view,
        name="seizure-remove",
    ),
    path("<uuid:pk>/links/", views.person_link_add_view, name="link-add"),
    path("<uuid:pk>/links/<int:link>/remove/", views.person_link_remove_view, name="link-remove"),
]
