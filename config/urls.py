from django.contrib import admin
from django.urls import include, path

from ressourcebank.api.api import api
from ressourcebank.connections import views as connections_views
from ressourcebank.notifications import views as notifications_views

admin.site.site_header = "Ressourcebanken · administration"

urlpatterns = [
    path("", include("ressourcebank.pages.urls")),
    path("konto/", include("ressourcebank.accounts.urls")),
    path("tilbud/", include("ressourcebank.offers.urls")),
    path("behov/", include("ressourcebank.needs.urls")),
    path("forbindelser/", include("ressourcebank.connections.urls")),
    path("staff/timer/", connections_views.staff_hours, name="staff_hours"),
    path("staff/mail/", notifications_views.staff_failed_mail, name="staff_mail"),
    path("staff/mail/<int:pk>/igen/", notifications_views.staff_retry_mail, name="staff_mail_retry"),
    path("nyt/", include("ressourcebank.notifications.urls")),
    path("staff/", include("ressourcebank.staff.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
