from django.urls import path

from . import views

app_name = "appointments"
urlpatterns = [
    path("raadgivning/", views.counselling_list, name="counselling_list"),
    path("raadgivning/<slug:slug>/kalender.ics", views.counselling_calendar, name="counselling_calendar"),
    path("raadgivning/tid/<int:pk>/", views.counselling_book, name="counselling_book"),
    path("ring-mig-op/", views.callback_start, name="callback_start"),
    path("ring-mig-op/<slug:slug>/", views.callback_book, name="callback_book"),
    # The signed link from the receipt and the SMS (links.py): no name, number or id in it.
    path("min-tid/<str:token>/", views.booking_detail, name="booking"),
    path("min-tid/<str:token>/flyt/", views.booking_move, name="booking_move"),
    path("min-tid/<str:token>/aflys/", views.booking_cancel, name="booking_cancel"),
]
