from django.urls import path

from . import views

app_name = "connections"
urlpatterns = [
    path("", views.connection_list, name="list"),
    path("spoerg/<int:offer_pk>/", views.ask, name="ask"),
    path("hjaelp/<int:need_pk>/", views.offer_help, name="offer_help"),
    path("tavshedspligt/", views.declaration, name="declaration"),
    path("<int:pk>/", views.connection_detail, name="detail"),
    path("<int:pk>/ja/", views.accept, name="accept"),
    path("<int:pk>/nej/", views.decline, name="decline"),
    path("<int:pk>/afbryd/", views.cancel, name="cancel"),
    path("<int:pk>/afslut/", views.complete, name="complete"),
    path("<int:pk>/besked/", views.message_post, name="message"),
    path("<int:pk>/timer/", views.hours_record, name="hours"),
    path("<int:pk>/timer/<int:entry_pk>/bekraeft/", views.hours_confirm, name="hours_confirm"),
    path("<int:pk>/timer/<int:entry_pk>/ret/", views.hours_correct, name="hours_correct"),
    path("<int:pk>/tak/", views.thanks, name="thanks"),
]
