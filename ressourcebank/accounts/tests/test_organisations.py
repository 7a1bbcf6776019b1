import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from ressourcebank.accounts import actions
from ressourcebank.accounts.forms import OrganisationForm
from ressourcebank.accounts.models import Membership, Organisation, is_valid_cvr
from ressourcebank.audit.models import AuditEvent

CREATE = reverse("accounts:organisation_create")


def org_data(**overrides: str) -> dict[str, str]:
    data = {
        "name": "Assentoft Kor",
        "kind": "forening",
        "cvr": "",
        "description": "Vi synger hver tirsdag.",
        "website": "https://kor.example.dk",
    }
    data.update(overrides)
    return data


def test_anonymous_visitor_from_the_front_door_gets_an_explanation_with_signup_and_login(client, db):
    response = client.get(CREATE)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Virksomhed eller forening" in content
    assert f"{reverse('accounts:signup')}?next={CREATE}" in content
    assert f"{reverse('accounts:login')}?next={CREATE}" in content
    assert '<form method="post" action="' + CREATE not in content


def test_anonymous_post_creates_nothing(client, db):
    client.post(CREATE, org_data())
    assert not Organisation.objects.exists()


def test_citizen_registers_an_association_and_becomes_its_admin_awaiting_approval(client, alice):
    client.force_login(alice)
    assert 'name="cvr"' in client.get(CREATE).content.decode()
    response = client.post(CREATE, org_data(cvr="12 34 56 74"))
    organisation = Organisation.objects.get()
    assert response["Location"] == reverse("accounts:organisation_detail", args=[organisation.pk])
    assert organisation.kind == Organisation.Kind.ASSOCIATION
    assert organisation.cvr == "12345674"
    assert not organisation.is_approved
    assert Membership.objects.get(organisation=organisation).user == alice
    assert Membership.objects.get(organisation=organisation).is_admin
    page = client.get(response["Location"]).content.decode()
    assert "Venter på, at kommunen godkender jer" in page


@pytest.mark.parametrize("cvr", ["12345674", "29189668", "DK-29 18 96 68"])
def test_a_cvr_number_passing_the_modulus_11_check_is_accepted(cvr):
    form = OrganisationForm(org_data(kind="virksomhed", cvr=cvr))
    assert form.is_valid(), form.errors
    assert is_valid_cvr(form.cleaned_data["cvr"])


@pytest.mark.parametrize(
    ("cvr", "message"),
    [
        ("12345678", "Det CVR-nummer findes ikke"),  # weighted sum 114, not divisible by 11
        ("21345674", "Det CVR-nummer findes ikke"),  # two digits swapped
        ("1234567", "Et CVR-nummer er 8 cifre."),
        ("1234567a", "Et CVR-nummer er 8 cifre."),
        ("", "Skriv virksomhedens CVR-nummer."),
    ],
)
def test_a_business_without_a_valid_cvr_number_is_told_what_is_wrong(client, alice, cvr, message):
    client.force_login(alice)
    response = client.post(CREATE, org_data(kind="virksomhed", cvr=cvr))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Organisation.objects.exists()


def test_the_model_refuses_a_cvr_number_failing_the_check():
    with pytest.raises(ValidationError):
        Organisation(name="X", kind="virksomhed", cvr="12345678").full_clean()
    assert not is_valid_cvr("１２３４５６７４")  # digits, but not ASCII ones


def test_a_business_names_its_contact_person_and_is_sent_on_to_where_it_was_going(client, alice):
    client.force_login(alice)
    form = client.get(CREATE + "?slags=virksomhed&next=/pladser/ny/").content.decode()
    assert 'value="Alice Andersen"' in form
    assert 'name="next" value="/pladser/ny/"' in form

    response = client.post(
        CREATE,
        org_data(kind="virksomhed", cvr="12345674", contact_name="Anna Kontakt", contact_phone="12 34 56 78")
        | {"next": "/pladser/ny/"},
    )

    assert response["Location"] == "/pladser/ny/"
    organisation = Organisation.objects.get()
    assert (organisation.contact_name, organisation.contact_phone) == ("Anna Kontakt", "12 34 56 78")


def test_the_organisation_form_does_not_send_anyone_to_another_site(client, alice):
    client.force_login(alice)
    response = client.post(CREATE, org_data() | {"next": "https://evil.example/"})
    assert response["Location"] == reverse("accounts:organisation_detail", args=[Organisation.objects.get().pk])


def test_submitting_the_organisation_form_twice_creates_one_organisation(client, alice):
    client.force_login(alice)
    client.post(CREATE, org_data())
    client.post(CREATE, org_data())
    assert Organisation.objects.count() == 1


def test_organisation_form_answers_bad_input_beside_the_fields_and_keeps_it(client, alice):
    client.force_login(alice)
    content = client.post(
        CREATE, org_data(name="", kind="", cvr="1234", website="ikke en adresse", description="x" * 2001)
    ).content.decode()
    assert "Skriv navnet på virksomheden eller foreningen." in content
    assert "Vælg virksomhed eller forening." in content
    assert "Et CVR-nummer er 8 cifre." in content
    assert "Skriv en hel adresse" in content
    assert "Skriv højst 2000 tegn" in content or "2000" in content
    assert 'value="ikke en adresse"' in content
    assert not Organisation.objects.exists()


def test_html_in_the_description_is_shown_as_text(client, alice):
    client.force_login(alice)
    response = client.post(CREATE, org_data(description="<script>alert(1)</script>"), follow=True)
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert "&lt;script&gt;" in response.content.decode()


def test_outsider_cannot_see_or_add_members_to_an_organisation(client, olga, alice, association, carla):
    client.force_login(olga)
    url = reverse("accounts:organisation_detail", args=[association.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"email": alice.email}).status_code == 404
    assert not Membership.objects.filter(user=alice).exists()


def test_member_who_is_not_admin_sees_the_organisation_but_cannot_add_members(client, alice, olga, association):
    Membership.objects.create(user=alice, organisation=association, is_admin=False)
    client.force_login(alice)
    url = reverse("accounts:organisation_detail", args=[association.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"email": olga.email}).status_code == 403
    assert not Membership.objects.filter(user=olga).exists()


def test_organisation_page_needs_a_logged_in_person(client, association):
    response = client.get(reverse("accounts:organisation_detail", args=[association.pk]))
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.fixture
def pending(alice) -> Organisation:
    return actions.create_organisation(by=alice, name="Nyt Firma", kind="virksomhed")


def test_staff_approve_an_organisation_with_an_audit_row(erik, pending):
    pytest.importorskip("ressourcebank.search.index")
    actions.approve_organisation(pending, by=erik)
    pending.refresh_from_db()
    assert pending.is_approved
    assert pending.approved_by == erik
    assert AuditEvent.objects.filter(verb="approve", target_id=str(pending.pk)).exists()
    assert [m.to for m in mail.outbox] == [["alice@example.dk"]]
    assert "er godkendt" in mail.outbox[0].subject


def test_approving_makes_the_organisations_offers_public_and_searchable(erik, alice, pending, make_offer):
    query = pytest.importorskip("ressourcebank.search.query")
    offer = make_offer(title="Gratis regnskabshjælp", provider="virksomhed", organisation=pending, owner=alice)
    assert query.search_offers("regnskabshjælp").ids == []
    actions.approve_organisation(pending, by=erik)
    assert query.search_offers("regnskabshjælp").ids == [offer.pk]


def test_staff_reject_an_organisation_with_a_reason_its_members_see(client, erik, alice, pending):
    pytest.importorskip("ressourcebank.search.index")
    actions.reject_organisation(pending, "Vi kan ikke finde virksomheden i CVR.", by=erik)
    pending.refresh_from_db()
    assert pending.rejected_at is not None
    assert not pending.is_approved
    assert "Vi kan ikke finde virksomheden i CVR." in mail.outbox[-1].body
    client.force_login(alice)
    page = client.get(reverse("accounts:organisation_detail", args=[pending.pk])).content.decode()
    assert "Vi kan ikke finde virksomheden i CVR." in page


def test_rejecting_needs_a_reason(erik, pending):
    with pytest.raises(ValidationError):
        actions.reject_organisation(pending, "  ", by=erik)


def test_citizen_and_coordinator_cannot_approve_or_reject(alice, dorte, pending):
    for person in (alice, dorte):
        with pytest.raises(PermissionDenied):
            actions.approve_organisation(pending, by=person)
        with pytest.raises(PermissionDenied):
            actions.reject_organisation(pending, "Nej", by=person)
    pending.refresh_from_db()
    assert pending.approved_at is None and pending.rejected_at is None
