"""/staff/borgerdata/: staff take out everything the system holds on a citizen, on the citizen's
request, as the page the citizen would see or as a JSON file. The e-mail and the reason travel in a
POST, never in the URL; every export, and every refused attempt, is in the access log."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ressourcebank.accounts import actions as account_actions
from ressourcebank.accounts.http import AuthenticatedHttpRequest
from ressourcebank.accounts.permissions import can_export_for_citizen
from ressourcebank.accounts.views import personal_data_file

from .forms import CitizenDataForm


@login_required
def citizen_data(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_export_for_citizen(request.user):
        account_actions.refuse_personal_data_export(by=request.user)
        raise PermissionDenied
    form = CitizenDataForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        citizen = form.cleaned_data["email"]
        try:
            parts = account_actions.export_personal_data(citizen, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error("reason", error.message_dict.get("reason", error.messages))
        else:
            if request.POST.get("format") == "json":
                return personal_data_file(parts)
            context = {"form": form, "parts": parts, "citizen": citizen, "made_at": timezone.now()}
            return render(request, "staff/citizen_data.html", context)
    return render(request, "staff/citizen_data.html", {"form": form})
