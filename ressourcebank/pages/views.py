from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ressourcebank.taxonomy.models import Area, Category

from .models import Page


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "pages/home.html",
        {"categories": Category.objects.filter(is_active=True), "areas": Area.objects.all()},
    )


def contact(request: HttpRequest) -> HttpResponse:
    page = Page.objects.filter(slug=Page.Slug.CONTACT).first()
    return render(request, "pages/contact.html", {"page": page})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/accessibility.html")
