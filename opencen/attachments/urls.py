from django.urls import path

from opencen.attachments import views

app_name = "attachments"

urlpatterns = [
    path("<uuid:attachment_id>/original/", views.attachment_original, name="original"),
    path("<uuid:attachment_id>/thumbnail/", views.attachment_thumbnail, name="thumbnail"),
    path("<uuid:attachment_id>/display/", views.attachment_display, name="display"),
    path("<uuid:attachment_id>/withdraw/", views.attachment_withdraw, name="withdraw"),
    path("add/<str:owner_type>/<str:owner_id>/", views.attachment_upload, name="upload"),
]
