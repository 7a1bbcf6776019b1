from django.urls import path

from . import views

app_name = "placements"
urlpatterns = [
    path("", views.place_list, name="place_list"),
    path("ny/", views.place_create, name="place_create"),
    path("ny/tjek/", views.place_check, name="place_check"),
    path("<int:pk>/", views.place_detail, name="place_detail"),
    path("arbejdssted/ny/", views.workplace_create, name="workplace_create"),
    path("ledige/", views.open_places, name="open_places"),
    path("<int:pk>/foreslaa/", views.place_propose, name="propose"),
    path("forslag/<int:pk>/", views.proposal_detail, name="proposal"),
    path("forslag/<int:pk>/svar/", views.proposal_answer, name="proposal_answer"),
    path("aftaler/<int:pk>/", views.agreement_detail, name="agreement"),
    path("aftaler/<int:pk>/opfoelgning/<slug:kind>/", views.follow_up, name="follow_up"),
    path("virksomhed/<int:pk>/", views.business_page, name="business"),
]
