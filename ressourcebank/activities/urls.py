from django.urls import path

from . import views

app_name = "activities"
urlpatterns = [
    path("", views.activity_list, name="list"),
    path("ny/", views.activity_create, name="create"),
    path("mine/", views.my_activities, name="mine"),
    path("<int:pk>/", views.activity_detail, name="detail"),
    path("<int:pk>/ret/", views.activity_edit, name="edit"),
    path("<int:pk>/stop/", views.activity_end, name="end"),
    path("<int:pk>/kalender.ics", views.activity_calendar, name="activity_calendar"),
    path("omraade/<slug:slug>/kalender.ics", views.area_calendar, name="area_calendar"),
    path("gang/<int:pk>/", views.occurrence_detail, name="occurrence"),
    path("gang/<int:pk>/giv-pladsen-tilbage/", views.give_back, name="give_back"),
    path("gang/<int:pk>/tilmeld-en-anden/", views.sign_up_other, name="sign_up_other"),
    path("gang/<int:pk>/deltagere/", views.participants, name="participants"),
    path("gang/<int:pk>/aflys/", views.occurrence_cancel, name="occurrence_cancel"),
    path("gang/<int:pk>/flyt/", views.occurrence_move, name="occurrence_move"),
    # The mailed links (links.py): a signed random key, no name, address or id.
    path("bekraeft/<str:token>/", views.confirm_signup, name="confirm_signup"),
    path("tilmelding/<str:token>/", views.signup_detail, name="signup"),
    path("tilmelding/<str:token>/giv-pladsen-tilbage/", views.signup_give_back, name="signup_give_back"),
]
