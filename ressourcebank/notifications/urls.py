from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.event_list, name="events"),
    path("<int:pk>/laest/", views.event_read, name="event_read"),
    path("alle-laest/", views.event_read_all, name="event_read_all"),
    path("indstillinger/", views.preferences, name="preferences"),
]
