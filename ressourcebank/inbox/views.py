"""The citizen's side of the inbox: write to the municipality (logged in or not), the receipt, and
the thread through the status link or, logged in, through Min side. Staff screens are in the staff
app (/staff/henvendelser/)."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from ressourcebank.accounts.http import AuthenticatedHttpRequest
from ressourcebank.lib.forms import add_action_error

from .actions import HousingWarning, NewInquiry, reply_as_citizen, submit_housing_warning, submit_inquiry
from .forms import HousingWarningForm, InquiryForm, ReplyForm
from .models import Inquiry, Team
from .permissions import get_inquiry_for_citizen, get_inquiry_for_token
from .ratelimit import take_allowance
from .tokens import make_status_token


def _phone_lines() -> list[Team]:
    return list(Team.objects.order_by("position", "name"))


def _user_or_none(request: HttpRequest) -> Any:
    return request.user if request.user.is_authenticated else None


@never_cache
def write(request: HttpRequest) -> HttpResponse:
    """Skriv til kommunen. Stored before the receipt is shown. A robot that fills in the honeypot is
    sent back to an empty form and nothing is stored."""
    user = _user_or_none(request)
    form = InquiryForm(request.POST or None, request.FILES or None, user=user)
    status = 200
    if request.method == "POST":
        if form.is_robot:
            return redirect("inbox:write")
        # Errors are shown on the page (200, like the other forms); only a message we would store
        # counts against the allowance, so correcting a mistake never uses it up.
        if not form.is_valid():
            pass
        elif not take_allowance(request):
            # Only a message we would store counts: correcting a mistake never uses up the allowance.
            form.add_error(
                None,
                _("Du har sendt mange beskeder på kort tid. Vent en time, eller ring til os på nummeret nedenfor."),
            )
            status = 429
        else:
            data = form.cleaned_data
            try:
                inquiry = submit_inquiry(
                    NewInquiry(
                        topic=data["topic"],
                        message=data["message"],
                        answer_by=data["answer_by"],
                        name=data["name"],
                        email=data["email"],
                        phone=data["phone"],
                    ),
                    files=data["attachments"],
                    by=user,
                )
            except ValidationError as error:
                add_action_error(form, error)
            else:
                return redirect("inbox:receipt", make_status_token(inquiry.pk, inquiry.link_key))
    return render(request, "inbox/inquiry_form.html", {"form": form, "teams": _phone_lines()}, status=status)


def _thread_context(inquiry: Inquiry) -> dict[str, Any]:
    messages = [
        m
        for m in inquiry.messages.select_related("author", "handed_to").prefetch_related("attachments")
        if m.is_visible_to_citizen
    ]
    return {"inquiry": inquiry, "thread": messages, "teams": [inquiry.team] if inquiry.team else _phone_lines()}


def _link_not_working(request: HttpRequest) -> HttpResponse:
    return render(request, "inbox/link_not_working.html", {"teams": _phone_lines()}, status=404)


@never_cache
def receipt(request: HttpRequest, token: str) -> HttpResponse:
    try:
        inquiry = get_inquiry_for_token(token)
    except Http404:
        return _link_not_working(request)
    context = _thread_context(inquiry)
    context["status_path"] = reverse("inbox:status", args=[token])
    return render(request, "inbox/inquiry_receipt.html", context)


def _thread(request: HttpRequest, inquiry: Inquiry, here: str) -> HttpResponse:
    form = ReplyForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            pass
        elif not take_allowance(request):
            form.add_error(None, _("Du har sendt mange beskeder på kort tid. Vent en time, eller ring til os."))
            status = 429
        else:
            reply_as_citizen(
                inquiry, form.cleaned_data["message"], files=form.cleaned_data["attachments"], by=_user_or_none(request)
            )
            return redirect(here + "#svar")
    context = _thread_context(inquiry) | {"form": form, "here": here}
    return render(request, "inbox/inquiry_status.html", context, status=status)


@never_cache
def status(request: HttpRequest, token: str) -> HttpResponse:
    """The thread through the status link: no login, no personal data in the URL; it expires."""
    try:
        inquiry = get_inquiry_for_token(token)
    except Http404:
        return _link_not_working(request)
    return _thread(request, inquiry, reverse("inbox:status", args=[token]))


@never_cache
@login_required
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    inquiries = Inquiry.objects.filter(citizen=request.user).select_related("topic").order_by("-received_at")[:100]
    return render(request, "inbox/inquiry_list.html", {"inquiries": inquiries})


@never_cache
@login_required
def mine_detail(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    inquiry = get_inquiry_for_citizen(request.user, reference)
    return _thread(request, inquiry, reverse("inbox:mine_detail", args=[inquiry.reference]))


# The reference of the warning just sent, for its receipt (in the session: never in the URL).
HOUSING_WARNING_SESSION_KEY = "inbox:housing-warning-reference"


@never_cache
def housing_warning(request: HttpRequest) -> HttpResponse:
    """Tidligt varsel fra en udlejer: a short form to the housing team, no account needed. Counts
    against the same hourly allowance as "Skriv til kommunen"; an error keeps what was written."""
    form = HousingWarningForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_robot:
            return redirect("inbox:housing_warning")
        if not form.is_valid():
            pass
        elif not take_allowance(request):
            form.add_error(
                None,
                _("Du har sendt mange beskeder på kort tid. Vent en time, eller ring til os på nummeret nedenfor."),
            )
            status = 429
        else:
            data = form.cleaned_data
            inquiry = submit_housing_warning(
                HousingWarning(
                    organisation=data["organisation"],
                    name=data["name"],
                    email=data["email"],
                    phone=data["phone"],
                    tenant_name=data["tenant_name"],
                    tenant_address=data["tenant_address"],
                    kind_label=str(dict(HousingWarningForm.Kind.choices)[data["kind"]]),
                    message=data["message"],
                )
            )
            request.session[HOUSING_WARNING_SESSION_KEY] = inquiry.reference
            return redirect("inbox:housing_warning_receipt")
    return render(request, "inbox/housing_warning_form.html", {"form": form, "teams": _phone_lines()}, status=status)


@never_cache
def housing_warning_receipt(request: HttpRequest) -> HttpResponse:
    """The landlord's receipt: the reference, and that they hear nothing about the tenant."""
    reference = request.session.get(HOUSING_WARNING_SESSION_KEY)
    if not reference:
        return redirect("inbox:housing_warning")
    return render(request, "inbox/housing_warning_receipt.html", {"reference": reference})
