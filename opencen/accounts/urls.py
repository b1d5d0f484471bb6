from django.contrib.auth import views as auth_views
from django.urls import path

from opencen.accounts import views, views_mfa

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password-change"),
    # Two-factor authentication
    path("mfa/", views_mfa.mfa_setup, name="mfa"),
    path("mfa/verify/", views_mfa.mfa_verify, name="mfa-verify"),
    path("mfa/backup-codes/", views_mfa.mfa_backup_codes, name="mfa-backup-codes"),
    path("mfa/reset/", views_mfa.mfa_reset, name="mfa-reset"),
    # Administration (Permission.USER_MANAGE)
    path("admin/", views.admin_index, name="admin-index"),
    path("admin/users/", views.user_list, name="user-list"),
    path("admin/users/new/", views.user_create, name="user-create"),
    path("admin/users/<int:pk>/", views.user_edit, name="user-edit"),
    path("admin/users/<int:pk>/password/", views.user_set_password, name="user-password"),
    path("admin/users/<int:pk>/deactivate/", views.user_deactivate, name="user-deactivate"),
    path("admin/users/<int:pk>/reactivate/", views.user_reactivate, name="user-reactivate"),
    path("admin/users/<int:pk>/mfa-reset/", views_mfa.user_mfa_reset, name="user-mfa-reset"),
    path("admin/units/", views.unit_list, name="unit-list"),
    path("admin/units/new/", views.unit_create, name="unit-create"),
    path("admin/units/<int:pk>/", views.unit_edit, name="unit-edit"),
]
