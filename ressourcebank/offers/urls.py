from django.urls import path

from . import views

app_name = "offers"
urlpatterns = [
    path("", views.offer_list, name="list"),
    path("nyt/", views.offer_create, name="create"),
    path("<int:pk>/", views.offer_detail, name="detail"),
    path("<int:pk>/ret/", views.offer_edit, name="edit"),
    path("<int:pk>/pause/", views.offer_pause, name="pause"),
    path("<int:pk>/start/", views.offer_resume, name="resume"),
    path("<int:pk>/arkiver/", views.offer_archive, name="archive"),
    path("<int:pk>/boerneattest/", views.offer_child_check, name="child_check"),
]
