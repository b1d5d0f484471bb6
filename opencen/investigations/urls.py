"""Pages of the investigations app."""

from django.urls import path

from opencen.investigations import views

app_name = "investigations"

urlpatterns: list = [
    path("", views.investigation_list_view, name="list"),
    path("mine/", views.investigation_mine_view, name="mine"),
    path("new/", views.investigation_create_view, name="create"),
    path("<uuid:pk>/", views.investigation_detail_view, name="detail"),
    path("<uuid:pk>/edit/", views.investigation_edit_view, name="edit"),
    path("<uuid:pk>/assign/", views.investigation_assign_view, name="assign"),
    path(
        "<uuid:pk>/status/<slug:transition>/",
        views.investigation_transition_view,
        name="transition",
    ),
    path("<uuid:pk>/journal/", views.journal_add_view, name="journal-add"),
    path("<uuid:pk>/links/search/", views.link_search_view, name="link-search"),
    path("<uuid:pk>/links/add/", views.link_add_view, name="link-add"),
    path("<uuid:pk>/links/remove/", views.link_remove_view, name="link-remove"),
]
