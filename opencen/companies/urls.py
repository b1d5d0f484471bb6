"""Pages of the companies app."""

from django.urls import path

from opencen.companies import views

app_name = "companies"

urlpatterns: list = [
    path("", views.company_list_view, name="list"),
    path("new/", views.company_create_view, name="create"),
    path("form/rows/<slug:kind>/", views.form_row_view, name="form-row"),
    path("<uuid:pk>/", views.company_detail_view, name="detail"),
    path("<uuid:pk>/edit/", views.company_edit_view, name="edit"),
    path("<uuid:pk>/history/", views.company_history_view, name="history"),
    path("<uuid:pk>/merge/", views.company_merge_view, name="merge"),
    path("<uuid:pk>/people/options/", views.person_options_view, name="person-options"),
    path("<uuid:pk>/people/add/", views.company_person_add_view, name="person-add"),
    path(
        "<uuid:pk>/people/<int:link>/remove/",
        views.company_person_remove_view,
        name="person-remove",
    ),
]
