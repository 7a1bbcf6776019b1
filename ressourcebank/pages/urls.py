from django.urls import path

from . import views

app_name = "pages"
urlpatterns = [
    path("", views.home, name="home"),
    path("hvor-kan-jeg-henvende-mig/", views.contact, name="contact"),
    path("tilgaengelighed/", views.accessibility, name="accessibility"),
    path("omraader/<slug:slug>/", views.area, name="area"),
    path("sprog/<str:code>/", views.choose_language, name="language"),
]
