from django.urls import path

from . import views

app_name = "inbox"
urlpatterns = [
    path("", views.write, name="write"),
    path("udlejer/", views.housing_warning, name="housing_warning"),
    path("udlejer/tak/", views.housing_warning_receipt, name="housing_warning_receipt"),
    path("kvittering/<str:token>/", views.receipt, name="receipt"),
    path("status/<str:token>/", views.status, name="status"),
    path("mine/", views.mine, name="mine"),
    path("mine/<str:reference>/", views.mine_detail, name="mine_detail"),
]
