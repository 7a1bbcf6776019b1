"""Staff print the brochure ("pjecen") from /staff/pjece/: choose an area (and a theme), get the PDF.
Made on the spot from the live data, in a few seconds (bench/brochure.py); only public data, so
nothing is logged as read."""

from django.http import HttpResponse
from django.shortcuts import render

from ressourcebank.accounts.http import AuthenticatedHttpRequest
from ressourcebank.accounts.permissions import require_staff
from ressourcebank.brochure.content import collect_brochure
from ressourcebank.brochure.forms import BrochureForm
from ressourcebank.brochure.render import BrochureUnavailable, brochure_pdf


@require_staff
def brochure(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = BrochureForm(request.GET if "area" in request.GET else None)
    if form.is_bound and form.is_valid():
        made = collect_brochure(form.cleaned_data["area"], form.cleaned_data["theme"])
        try:
            pdf = brochure_pdf(made)
        except BrochureUnavailable as error:
            return render(request, "staff/brochure.html", {"form": form, "unavailable": str(error)}, status=503)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{made.filename}"'
        return response
    return render(request, "staff/brochure.html", {"form": form})
