from django.http import HttpResponse
from django.urls import path

app_name = "needs"
urlpatterns = [
    path("", lambda r: HttpResponse("TODO"), name="list"),
    path("nyt/", lambda r: HttpResponse("TODO"), name="create"),
    path("<int:pk>/", lambda r, pk: HttpResponse("TODO"), name="detail"),
]
