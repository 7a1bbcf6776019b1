from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.urls import path

app_name = "accounts"
urlpatterns = [
    path("log-ind/", auth_views.LoginView.as_view(), name="login"),
    path("log-ud/", auth_views.LogoutView.as_view(), name="logout"),
    path("", lambda r: HttpResponse("TODO"), name="dashboard"),
    path("organisation/ny/", lambda r: HttpResponse("TODO"), name="organisation_create"),
]
