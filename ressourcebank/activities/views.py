"""Public pages of activities: the list with its filters, an activity and one date, sign-up (with
or without an account, or on someone's behalf), giving a place back, the mailed links, the iCal
feeds, and the organiser's create, edit, cancel and move. Thin: permissions.py finds what a person
may see (404 otherwise), the forms validate, actions.py changes."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods

from ressourcebank.accounts.http import AuthenticatedHttpRequest
from ressourcebank.accounts.models import Organisation, User
from ressourcebank.accounts.permissions import organisations_for
from ressourcebank.appointments.limits import booking_allowed
from ressourcebank.audit.models import Verb, record
from ressourcebank.lib.forms import add_action_error
from ressourcebank.lib.paging import count_text, in_order, pagination, render_list, result_page
from ressourcebank.search.query import search_activities
from ressourcebank.taxonomy.cache import taxonomy
from ressourcebank.taxonomy.models import Area

from . import actions, calendar, links
from .forms import (
    ActivityForm,
    ActivitySearchForm,
    CancelOccurrenceForm,
    MoveOccurrenceForm,
    OnBehalfForm,
    SignupForm,
)
from .models import Activity, Occurrence, Signup
from .permissions import (
    can_edit_activity,
    can_see_participants,
    can_sign_up_on_behalf,
    get_activity_for_editor,
    get_activity_for_user,
    get_occurrence_for_user,
    get_own_signup,
)
from .recurrence import local

# Counting stops here: "Mere end 1.000 gange" reads as well as the exact number and costs less.
COUNT_CAP = 1000
DATES_ON_ACTIVITY_PAGE = 12
HOME_DAYS_AHEAD = 14


@dataclass
class Found:
    rows: list[Occurrence]
    total: int
    total_is_capped: bool


def find_occurrences(
    *,
    limit: int,
    offset: int,
    area: Area | None = None,
    day: Any = None,
    category: Any = None,
    label: str | None = None,
) -> Found:
    """The public dates that match the filters, earliest first: from now on, or on one day."""
    found = Occurrence.objects.listed()
    if day is not None:
        start = local(day, datetime.min.time())
        found = found.between(start, local(day + timedelta(days=1), datetime.min.time())).upcoming()
    else:
        found = found.upcoming()
    if area is not None:
        found = found.in_area(area)
    if category is not None:
        found = found.filter(category=category)
    if label:
        found = found.filter(activity__label_slugs__contains=f",{label},")
    found = found.order_by("starts_at", "id")
    counted = found.values("pk")[: COUNT_CAP + 1].count()
    rows = list(found.select_related("activity", "area")[offset : offset + limit])
    return Found(rows=rows, total=min(counted, COUNT_CAP), total_is_capped=counted > COUNT_CAP)


def activity_list(request: HttpRequest) -> HttpResponse:
    form = ActivitySearchForm(request.GET or None)
    form.is_valid()
    held = taxonomy()
    area = held.area_by_slug.get(form.value("omraade") or "")
    category = held.category_by_slug.get(form.value("kategori") or "")
    filters = {"area": area, "day": form.value("dag"), "category": category, "label": form.value("maerke")}
    result, page, pages = result_page(request, find_occurrences, filters)
    context = {
        "form": form,
        "occurrences": result.rows,
        "area": area,
        "is_filtered": any(v for v in filters.values()),
        "count_text": count_text(
            result.total, result.total_is_capped, pgettext("one date", "gang"), pgettext("many dates", "gange")
        ),
        **pagination(request, page, pages),
    }
    return render_list(request, "activities/activity_list.html", "activities/activity_list_results.html", context)


def home_section(request: HttpRequest) -> SafeString:
    """pages.home_sections: "Sker der noget i <område>?" on the front door, for the area the
    visitor chose (?omraade=) or the one with the most coming dates."""
    now = timezone.now()
    held = taxonomy()
    coming = Occurrence.objects.listed().between(now, now + timedelta(days=HOME_DAYS_AHEAD))
    area = held.area_by_slug.get(request.GET.get("omraade", ""))
    if area is None:
        busiest = (
            coming.exclude(area__is_whole_municipality=True).values_list("area", flat=True).order_by("area").first()
        )
        area = held.area_by_id.get(busiest) if busiest else None
    if area is None:
        return mark_safe("")  # noqa: S308 — an empty string
    occurrences = list(coming.filter(area=area).select_related("activity").order_by("starts_at", "id")[:5])
    context = {"area": area, "occurrences": occurrences, "areas": held.areas}
    return mark_safe(  # noqa: S308 — a rendered, autoescaped template
        render_to_string("activities/_home_section.html", context, request)
    )


def area_section(request: HttpRequest, area: Area) -> SafeString:
    """pages.area_sections: the area's coming activities, with its iCal feed."""
    now = timezone.now()
    occurrences = list(Occurrence.objects.upcoming_in_area(area, now, now + timedelta(days=HOME_DAYS_AHEAD * 2))[:10])
    return mark_safe(  # noqa: S308 — a rendered, autoescaped template
        render_to_string("activities/_area_section.html", {"area": area, "occurrences": occurrences}, request)
    )


def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_activity_for_user(request.user, pk)
    dates = list(activity.occurrences.upcoming().order_by("starts_at", "id")[:DATES_ON_ACTIVITY_PAGE])
    context = {"activity": activity, "dates": dates, "can_edit": can_edit_activity(request.user, activity)}
    return render(request, "activities/activity_detail.html", context)


def _occurrence_context(request: HttpRequest, occurrence: Occurrence, **extra: Any) -> dict[str, Any]:
    activity = occurrence.activity
    return {
        "occurrence": occurrence,
        "activity": activity,
        "own_signup": get_own_signup(request.user, occurrence),
        "can_edit": can_edit_activity(request.user, activity),
        "can_sign_up_others": can_sign_up_on_behalf(request.user, activity),
        "can_see_participants": can_see_participants(request.user, activity),
        "is_open": activity.needs_signup
        and activity.is_public
        and not occurrence.is_cancelled
        and not occurrence.has_ended,
        **extra,
    }


@require_http_methods(["GET", "POST"])
def occurrence_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One date: when, where, places left, and sign-up. A logged-in person signs up with one
    button; without an account, a name and an e-mail to confirm by."""
    occurrence = get_occurrence_for_user(request.user, pk)
    anonymous = not request.user.is_authenticated
    form = SignupForm(request.POST or None) if anonymous else None
    if request.method == "POST":
        if form is not None and not form.is_valid():
            return render(
                request, "activities/occurrence_detail.html", _occurrence_context(request, occurrence, form=form)
            )
        if anonymous and not booking_allowed(request):
            if form is not None:
                form.add_error(None, _("Du har meldt dig til mange gange på kort tid. Prøv igen om en time."))
            return render(
                request, "activities/occurrence_detail.html", _occurrence_context(request, occurrence, form=form)
            )
        by = request.user if isinstance(request.user, User) else None
        details = form.cleaned_data if form is not None else {}
        try:
            signup = actions.sign_up(occurrence, by=by, name=details.get("name", ""), email=details.get("email", ""))
        except actions.SignupClosed:
            messages.error(request, _("Der er ikke tilmelding til denne gang længere."))
            return redirect(occurrence.get_absolute_url())
        except actions.AlreadySignedUp:
            if anonymous:
                # Said as if it were new: the page must not tell a stranger who else signed up.
                return render(request, "activities/signup_check_mail.html", {"occurrence": occurrence})
            messages.info(request, _("Du er allerede meldt til."))
            return redirect(occurrence.get_absolute_url())
        if signup.status == Signup.Status.UNCONFIRMED:
            return render(request, "activities/signup_check_mail.html", {"occurrence": occurrence})
        if signup.status == Signup.Status.CONFIRMED:
            messages.success(request, _("Du er meldt til. Vi har sendt en mail med tid og sted."))
        else:
            messages.info(request, _("Der er fuldt, så du er skrevet på ventelisten. Bliver der en plads, får du den."))
        return redirect(occurrence.get_absolute_url())
    return render(request, "activities/occurrence_detail.html", _occurrence_context(request, occurrence, form=form))


@login_required
@require_http_methods(["GET", "POST"])
def give_back(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Giving a place back: a page that asks, and one button (no JavaScript needed)."""
    occurrence = get_occurrence_for_user(request.user, pk)
    signup = get_own_signup(request.user, occurrence)
    if signup is None:
        return redirect(occurrence.get_absolute_url())
    if request.method == "POST":
        actions.give_back(signup, by=request.user)
        messages.success(request, _("Du har givet pladsen tilbage. Tak, så kan en anden komme med."))
        return redirect(occurrence.get_absolute_url())
    return render(
        request,
        "activities/give_back.html",
        {"occurrence": occurrence, "signup": signup, "back": occurrence.get_absolute_url()},
    )


def _link_not_working(request: HttpRequest) -> HttpResponse:
    return render(request, "activities/link_not_working.html", status=404)


@require_http_methods(["GET", "POST"])
def confirm_signup(request: HttpRequest, token: str) -> HttpResponse:
    """The mailed link: a button confirms (a GET changes nothing, since mail programs open links
    to check them)."""
    signup = links.signup_to_confirm(token)
    if signup is None:
        return _link_not_working(request)
    if request.method == "POST" and signup.status == Signup.Status.UNCONFIRMED:
        try:
            signup = actions.confirm_signup(signup)
        except actions.SignupClosed:
            messages.error(request, _("Der er ikke tilmelding til denne gang længere."))
            return redirect(signup.occurrence.get_absolute_url())
        return redirect(links.manage_path(signup))
    if signup.status != Signup.Status.UNCONFIRMED:
        return redirect(links.manage_path(signup))
    return render(request, "activities/signup_confirm.html", {"signup": signup, "occurrence": signup.occurrence})


def signup_detail(request: HttpRequest, token: str) -> HttpResponse:
    """The link in every mail: the person's place (or waitlist spot) and the way to give it back."""
    signup = links.signup_to_manage(token)
    if signup is None:
        return _link_not_working(request)
    context = {
        "signup": signup,
        "occurrence": signup.occurrence,
        "activity": signup.occurrence.activity,
        "token": token,
    }
    return render(request, "activities/signup_detail.html", context)


@require_http_methods(["GET", "POST"])
def signup_give_back(request: HttpRequest, token: str) -> HttpResponse:
    signup = links.signup_to_manage(token)
    if signup is None:
        return _link_not_working(request)
    manage = links.manage_path(signup)
    if signup.status not in (Signup.Status.CONFIRMED, Signup.Status.WAITLISTED):
        return redirect(manage)
    if request.method == "POST":
        actions.give_back(signup, by=request.user if request.user.is_authenticated else None)  # type: ignore[arg-type]
        messages.success(request, _("Du har givet pladsen tilbage. Tak, så kan en anden komme med."))
        return redirect(manage)
    return render(
        request, "activities/give_back.html", {"occurrence": signup.occurrence, "signup": signup, "back": manage}
    )


@login_required
@require_http_methods(["GET", "POST"])
def sign_up_other(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A tovholder, staff or the organiser signs up someone who rang or wrote on paper."""
    occurrence = get_occurrence_for_user(request.user, pk)
    if not can_sign_up_on_behalf(request.user, occurrence.activity):
        raise PermissionDenied
    form = OnBehalfForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            signup = actions.sign_up(
                occurrence,
                by=request.user,
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                channel=data["channel"],
                on_behalf=True,
            )
        except actions.SignupClosed:
            form.add_error(None, _("Der er ikke tilmelding til denne gang længere."))
        except actions.AlreadySignedUp:
            form.add_error("email", _("Den e-mail er allerede meldt til denne gang."))
        else:
            if signup.status == Signup.Status.CONFIRMED:
                messages.success(request, _("%(name)s er meldt til.") % {"name": signup.name})
            else:
                messages.info(request, _("Der er fuldt. %(name)s er skrevet på ventelisten.") % {"name": signup.name})
            return redirect(occurrence.get_absolute_url())
    return render(request, "activities/sign_up_other.html", {"occurrence": occurrence, "form": form})


@login_required
def participants(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Who signed up for a date: the organiser and staff only; each look is in the access log."""
    occurrence = get_occurrence_for_user(request.user, pk)
    if not can_see_participants(request.user, occurrence.activity):
        raise PermissionDenied
    signups = list(occurrence.signups.exclude(status=Signup.Status.CANCELLED).select_related("registered_by"))
    record(request.user, Verb.READ, occurrence, note="deltagerliste")
    context = {
        "occurrence": occurrence,
        "confirmed": [s for s in signups if s.status == Signup.Status.CONFIRMED],
        "waitlisted": [s for s in signups if s.status == Signup.Status.WAITLISTED],
        "unconfirmed": [s for s in signups if s.status == Signup.Status.UNCONFIRMED],
    }
    return render(request, "activities/participants.html", context)


# --- The organiser ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = organisations_for(request.user).filter(kind="forening")
    form = ActivityForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            activity = actions.create_activity(form.to_data(), by=request.user)
        except PermissionDenied:
            form.add_error("organised_by", _("Du kan kun oprette aktiviteter for dine egne foreninger."))
        else:
            if activity.is_public:
                messages.success(request, _("Aktiviteten er oprettet, og alle kan se den nu."))
            else:
                messages.info(
                    request, _("Aktiviteten er oprettet. Den bliver vist, når en medarbejder har godkendt den.")
                )
            return redirect(activity.get_absolute_url())
    return render(request, "activities/activity_form.html", {"form": form, "activity": None})


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    activity = get_activity_for_editor(request.user, pk)
    form = ActivityForm(request.POST or None, initial=ActivityForm.initial_for(activity), editing=True)
    if request.method == "POST" and form.is_valid():
        data = form.to_data()
        data.organisation = activity.organisation
        try:
            actions.update_activity(activity, data, by=request.user)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Aktiviteten er gemt."))
            return redirect(activity.get_absolute_url())
    return render(request, "activities/activity_form.html", {"form": form, "activity": activity})


@login_required
@require_http_methods(["GET", "POST"])
def activity_end(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    activity = get_activity_for_editor(request.user, pk)
    if request.method == "POST":
        actions.end_activity(activity, by=request.user)
        messages.success(request, _("Aktiviteten er stoppet. Den bliver ikke vist mere."))
        return redirect("activities:mine")
    return render(request, "activities/activity_end.html", {"activity": activity})


def _occurrence_for_editor(user: User, pk: int) -> Occurrence:
    occurrence = get_object_or_404(Occurrence.objects.select_related("activity"), pk=pk)
    if not can_edit_activity(user, occurrence.activity):
        raise Http404
    return occurrence


@login_required
@require_http_methods(["GET", "POST"])
def occurrence_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    occurrence = _occurrence_for_editor(request.user, pk)
    form = CancelOccurrenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.cancel_occurrence(occurrence, form.cleaned_data["note"], by=request.user)
        messages.success(request, _("Denne gang er aflyst. De tilmeldte har fået besked."))
        return redirect(occurrence.activity.get_absolute_url())
    return render(request, "activities/occurrence_cancel.html", {"occurrence": occurrence, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def occurrence_move(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    occurrence = _occurrence_for_editor(request.user, pk)
    starts = timezone.localtime(occurrence.starts_at)
    initial = {
        "day": starts.date(),
        "start_time": starts.time(),
        "end_time": timezone.localtime(occurrence.ends_at).time(),
        "note": occurrence.note,
    }
    form = MoveOccurrenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.move_occurrence(
                occurrence, data["day"], data["start_time"], data["end_time"], data["note"], by=request.user
            )
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Denne gang er flyttet. De tilmeldte har fået besked."))
            return redirect(occurrence.get_absolute_url())
    return render(request, "activities/occurrence_move.html", {"occurrence": occurrence, "form": form})


@login_required
def my_activities(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The activities the person organises (their own and their associations'), and their sign-ups."""
    organised = _organised_by(request.user)
    signups = (
        Signup.objects.active()
        .filter(user=request.user, occurrence__ends_at__gt=timezone.now())
        .select_related("occurrence__activity")
        .order_by("occurrence__starts_at")
    )
    return render(request, "activities/my_activities.html", {"organised": organised, "signups": signups})


def _organised_by(user: User) -> list[Activity]:
    organisations = organisations_for(user)
    rows = Activity.objects.filter(Q(owner=user, organisation=None) | Q(organisation__in=organisations))
    return list(rows.exclude(status=Activity.Status.ENDED).select_related("area", "organisation").order_by("title"))


def dashboard_part(user: User, organisations: list[Organisation]) -> dict[str, Any]:
    """accounts.dashboard_parts: Min side counts the person's coming sign-ups and links to them."""
    coming = Signup.objects.active().filter(user=user, occurrence__ends_at__gt=timezone.now())
    return {"activity_signups_count": coming.count()}


# --- Calendars --------------------------------------------------------------------------------


def _ics(body: bytes, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}.ics"'
    return response


def activity_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    """One activity's coming dates as an iCal feed."""
    activity = get_object_or_404(Activity.objects.published(), pk=pk)
    return _ics(calendar.activity_feed(activity), f"aktivitet-{activity.pk}")


def area_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    """An area's coming activities as an iCal feed a phone's calendar can subscribe to."""
    area = get_object_or_404(Area, slug=slug)
    return _ics(calendar.area_feed(area), f"faellesskaber-{area.slug}")


SEARCH_SHOWN = 3


def search_section(request: HttpRequest, q: str, areas: list[str] | None) -> SafeString:
    """offers.hooks.search_sections: the activities that match a search on /tilbud/."""
    result = search_activities(q, areas=areas, limit=SEARCH_SHOWN)
    activities = [a for a in in_order(Activity.objects.all(), result.ids, ["area"]) if a.is_public]
    if not activities:
        return mark_safe("")  # noqa: S308 — an empty string
    return mark_safe(  # noqa: S308 — a rendered, autoescaped template
        render_to_string("activities/_search_section.html", {"activities": activities}, request)
    )
