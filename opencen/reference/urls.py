from django.urls import path

from opencen.reference import views

app_name = "reference"

urlpatterns = [
    path("", views.code_list_index, name="index"),
    path("<slug:name>/", views.code_list_detail, name="list"),
]
