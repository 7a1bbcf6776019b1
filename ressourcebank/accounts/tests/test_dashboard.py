from django.urls import reverse

from ressourcebank.needs.models import Need
from ressourcebank.offers.models import Offer
from ressourcebank.taxonomy.models import Area, Category

DASHBOARD = reverse("accounts:dashboard")


def offer(**fields) -> Offer:
    # Straight into the database: this page only lists offers, whatever their status.
    return Offer.objects.create(
        description="Tekst",
        category=Category.objects.get(slug="besoegsven"),
        area=Area.objects.get(slug="assentoft"),
        status=Offer.Status.PENDING,
        **fields,
    )


def test_min_side_lists_the_persons_offers_needs_organisations_and_role(client, bent, business):
    own = offer(title="Fem gratis timer med regnskab", owner=bent, organisation=business, provider="virksomhed")
    need = Need.objects.create(
        description="Jeg har brug for hjælp til at slå græs", area=Area.objects.get(slug="assentoft"), owner=bent
    )
    client.force_login(bent)
    content = client.get(DASHBOARD).content.decode()
    assert "Fem gratis timer med regnskab" in content
    assert reverse("offers:detail", args=[own.pk]) in content
    assert reverse("needs:detail", args=[need.pk]) in content
    assert business.name.replace("&", "&amp;") in content
    assert "Borger" in content
    assert "Venter på godkendelse" in content


def test_min_side_does_not_show_other_peoples_offers_or_needs(client, alice, olga):
    offer(title="Olgas hemmelige tilbud", owner=olga, provider="borger")
    client.force_login(alice)
    content = client.get(DASHBOARD).content.decode()
    assert "Olgas hemmelige tilbud" not in content
    assert "Du har ikke tilbudt noget endnu." in content


def test_min_side_needs_a_logged_in_person(client, db):
    response = client.get(DASHBOARD)
    assert response["Location"].startswith(reverse("accounts:login"))
