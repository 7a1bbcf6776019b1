"""Who may see or do what with places, proposals and agreements: the one place the rules live.
Views and templates ask here; lookups answer 404 to anyone an object does not concern."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404

from ressourcebank.accounts.models import Organisation, User
from ressourcebank.accounts.permissions import is_member, is_municipal_staff, organisations_for
from ressourcebank.cases.models import Case, Consent, HouseholdMember
from ressourcebank.cases.permissions import can_edit_case, can_read_case

from .models import Agreement, Place, PlaceQuerySet, Proposal, Workplace

AnyUser = User | AnonymousUser


# --- Proposals and agreements -------------------------------------------------------------------
#
# - The tovholder who holds a citizen's case (cases.permissions.can_edit_case) proposes them for an
#   open place, and only with their consent to share with a business in force.
# - A member of the place's business sees a proposal or agreement of its own places, and of the
#   person only what business_view gives: the first name and the introduction, while the consent is
#   in force. Withdrawn, it sees that someone was proposed, and nothing about them.
# - Municipal staff see and approve proposals, change agreements and export them.
# - The tovholder who may read the case sees its proposals and agreements and holds the follow-ups.
# - Everyone else gets 404, the same answer as for an id that does not exist.


@dataclass(frozen=True)
class BusinessView:
    """What a business sees of a proposed citizen: nothing else exists for it."""

    first_name: str
    introduction: str


def shares_with_business(member: HouseholdMember, today: date | None = None) -> bool:
    """The member's consent to share with a business is in force now (asked at every read)."""
    return Consent.objects.in_force(today).filter(member=member, purpose=Consent.Purpose.SHARE_WITH_BUSINESS).exists()


def business_view(proposal: Proposal) -> BusinessView | None:
    if not shares_with_business(proposal.member):
        return None
    return BusinessView(first_name=proposal.member.first_name, introduction=proposal.introduction)


def is_business_member_of_place(user: AnyUser, place: Place) -> bool:
    return is_member(user, place.workplace.organisation)


def can_propose_for(user: AnyUser, case: Case) -> bool:
    return can_edit_case(user, case)


def proposable_members(user: User) -> QuerySet[HouseholdMember]:
    """The people a tovholder may propose: members of the open cases they hold who are 15 or older
    and whose consent to share with a business is in force."""
    if not user.is_authenticated:
        return HouseholdMember.objects.none()
    consenting = Consent.objects.in_force().filter(purpose=Consent.Purpose.SHARE_WITH_BUSINESS).values("member_id")
    return (
        HouseholdMember.objects.filter(case__in=Case.objects.open().held_by(user), pk__in=consenting)
        .exclude(age_group=HouseholdMember.AgeGroup.CHILD)
        .select_related("case")
        .order_by("name", "pk")
    )


@dataclass(frozen=True)
class Viewer:
    """Who is looking at a proposal or agreement, and so what the page may show."""

    is_business: bool = False
    is_municipality: bool = False
    is_tovholder: bool = False
    may_edit_case: bool = False

    @property
    def sees_citizen(self) -> bool:
        """The municipality and the tovholder see the citizen's name; the business only business_view."""
        return self.is_municipality or self.is_tovholder


def viewer_of(user: AnyUser, place: Place, case: Case) -> Viewer:
    if not user.is_authenticated:
        return Viewer()
    return Viewer(
        is_business=is_business_member_of_place(user, place),
        is_municipality=user.is_municipal_staff,
        is_tovholder=can_read_case(user, case),
        may_edit_case=can_edit_case(user, case),
    )


def _seen(viewer: Viewer) -> bool:
    return viewer.is_business or viewer.is_municipality or viewer.is_tovholder


def get_proposal_for_user(user: AnyUser, pk: int) -> tuple[Proposal, Viewer]:
    proposal = (
        Proposal.objects.select_related("place__workplace__organisation", "place__workplace__area", "case", "member")
        .filter(pk=pk)
        .first()
    )
    if proposal is None:
        raise Http404
    viewer = viewer_of(user, proposal.place, proposal.case)
    if not _seen(viewer):
        raise Http404
    return proposal, viewer


def get_agreement_for_user(user: AnyUser, pk: int) -> tuple[Agreement, Viewer]:
    agreement = (
        Agreement.objects.select_related(
            "place__workplace__organisation",
            "place__workplace__area",
            "proposal__case",
            "proposal__member",
            "municipal_contact",
        )
        .filter(pk=pk)
        .first()
    )
    if agreement is None:
        raise Http404
    viewer = viewer_of(user, agreement.place, agreement.proposal.case)
    if not _seen(viewer):
        raise Http404
    return agreement, viewer


def can_answer_proposal(user: AnyUser, proposal: Proposal) -> bool:
    return (
        proposal.status == Proposal.Status.PROPOSED
        and is_business_member_of_place(user, proposal.place)
        and shares_with_business(proposal.member)
    )


def can_approve_proposal(user: AnyUser, proposal: Proposal) -> bool:
    return is_municipal_staff(user) and proposal.status == Proposal.Status.ACCEPTED


def can_follow_up(user: AnyUser, agreement: Agreement) -> bool:
    """The municipality's contact work: staff, or the tovholder holding the case."""
    return agreement.is_active and (is_municipal_staff(user) or can_edit_case(user, agreement.proposal.case))


def can_extend_agreement(user: AnyUser, agreement: Agreement) -> bool:
    return agreement.is_active and is_municipal_staff(user)


def get_business_for_member(user: AnyUser, pk: int) -> Organisation:
    """A business's own page: its members and municipal staff; 404 for everyone else."""
    organisation = Organisation.objects.filter(pk=pk, kind=Organisation.Kind.BUSINESS).first()
    if organisation is None or not (is_member(user, organisation) or is_municipal_staff(user)):
        raise Http404
    return organisation


def consenting_members(member_ids: set[int]) -> set[int]:
    """Which of the members share with a business now: one query for a whole page."""
    if not member_ids:
        return set()
    return set(
        Consent.objects.in_force()
        .filter(purpose=Consent.Purpose.SHARE_WITH_BUSINESS, member_id__in=member_ids)
        .values_list("member_id", flat=True)
    )


# --- Workplaces and places (Vi har en plads) --------------------------------------------------


def businesses_for(user: AnyUser) -> QuerySet[Organisation]:
    """The businesses the user may post places for (approved or still waiting)."""
    return organisations_for(user).filter(kind=Organisation.Kind.BUSINESS)


def workplaces_for(user: AnyUser) -> QuerySet[Workplace]:
    if not user.is_authenticated:
        return Workplace.objects.none()
    return Workplace.objects.filter(organisation__in=businesses_for(user)).select_related("organisation", "area")


def can_post_place(user: AnyUser, workplace: Workplace) -> bool:
    return workplace.organisation.is_business and is_member(user, workplace.organisation)


def can_approve_places(user: AnyUser) -> bool:
    return is_municipal_staff(user)


def places_visible_to(user: AnyUser) -> PlaceQuerySet:
    if is_municipal_staff(user):
        return Place.objects.all()
    shown = Place.objects.approved_open()
    if not user.is_authenticated:
        return shown
    own = Place.objects.filter(workplace__organisation__in=businesses_for(user))
    return (shown | own).distinct()


def get_place_for_member(user: AnyUser, pk: int) -> Place:
    """One of the user's businesses' places (or any, for staff); 404 for everyone else, also for an
    approved place: the member's page shows who is placed there."""
    place = Place.objects.select_related("workplace__organisation", "workplace__area").filter(pk=pk).first()
    if place is None or not (is_municipal_staff(user) or is_member(user, place.workplace.organisation)):
        raise Http404
    return place


def get_workplace_for_member(user: User, pk: int) -> Workplace:
    workplace = workplaces_for(user).filter(pk=pk).first()
    if workplace is None:
        raise Http404
    return workplace
