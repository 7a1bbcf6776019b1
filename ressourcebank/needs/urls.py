from django.urls import path

from . import views

app_name = "needs"
urlpatterns = [
    path("", views.need_list, name="list"),
    path("nyt/", views.need_create, name="create"),
    path("for-borger/", views.need_register_for_citizen, name="register_for_citizen"),
    path("<int:pk>/", views.need_detail, name="detail"),
    path("<int:pk>/ret/", views.need_edit, name="edit"),
    path("<int:pk>/luk/", views.need_close, name="close"),
    path("<int:pk>/aabn/", views.need_reopen, name="reopen"),
]
