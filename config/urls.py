from django.contrib import admin
from django.urls import include, path

from ressourcebank.api.api import api

admin.site.site_header = "Ressourcebanken · administration"

urlpatterns = [
    path("", include("ressourcebank.pages.urls")),
    path("konto/", include("ressourcebank.accounts.urls")),
    path("tilbud/", include("ressourcebank.offers.urls")),
    path("behov/", include("ressourcebank.needs.urls")),
    path("forbindelser/", include("ressourcebank.connections.urls")),
    path("forloeb/", include("ressourcebank.cases.urls")),
    path("pladser/", include("ressourcebank.placements.urls")),
    path("nyt/", include("ressourcebank.notifications.urls")),
    path("skriv-til-kommunen/", include("ressourcebank.inbox.urls")),
    path("saadan-hjaelper-du/", include("ressourcebank.guide.urls")),
    path("", include("ressourcebank.appointments.urls")),
    path("faellesskaber/", include("ressourcebank.activities.urls")),
    path("staff/", include("ressourcebank.staff.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
