from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("oplysninger/", views.profile, name="profile"),
    path("det-ved-vi-om-dig/", views.personal_data, name="personal_data"),
    path("det-ved-vi-om-dig/fil/", views.personal_data_download, name="personal_data_download"),
    path("opret/", views.signup, name="signup"),
    path("log-ind/", views.LoginView.as_view(), name="login"),
    path("log-ud/", views.auth_views.LogoutView.as_view(), name="logout"),
    path("bekraeft/send-igen/", views.resend_confirmation, name="resend_confirmation"),
    path("bekraeft/<str:uidb64>/<str:token>/", views.confirm_email, name="confirm_email"),
    path("glemt-adgangskode/", views.PasswordResetView.as_view(), name="password_reset"),
    path("glemt-adgangskode/sendt/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "ny-adgangskode/<str:uidb64>/<str:token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("ny-adgangskode/gemt/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("skift-adgangskode/", views.PasswordChangeView.as_view(), name="password_change"),
    path("skift-adgangskode/gemt/", views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("to-trin/opsaet/", views.otp_setup, name="otp_setup"),
    path("to-trin/", views.otp_verify, name="otp_verify"),
    path("api-noegler/", views.api_tokens, name="api_tokens"),
    path("api-noegler/<int:pk>/tilbagekald/", views.api_token_revoke, name="api_token_revoke"),
    path("invitation/<int:pk>/<str:answer>/", views.invitation_answer, name="invitation_answer"),
    path("organisation/ny/", views.organisation_create, name="organisation_create"),
    path("organisation/<int:pk>/", views.organisation_detail, name="organisation_detail"),
]
