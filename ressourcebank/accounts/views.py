"""Pages for signing up, logging in, the second factor, "Min side" and organisations.

Thin views: they validate a form and call an action or model method. Logging in uses Django's
LoginView with our form, so django-axes sees every attempt through `authenticate(request, ...)`.
"""

import base64
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

import segno
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import actions, hooks
from .forms import (
    ApiTokenForm,
    ChangePasswordForm,
    InviteMemberForm,
    LoginForm,
    NewPasswordForm,
    OrganisationForm,
    ProfileForm,
    ResetRequestForm,
    SignupForm,
    TokenForm,
)
from .hooks import dashboard_parts
from .http import AuthenticatedHttpRequest
from .models import Invitation, Organisation, User
from .permissions import can_add_member, get_api_token_for_owner, get_organisation_for_member, organisations_for
from .personal_data import ExportPart, as_json
from .redirects import safe_next_url
from .tokens import email_confirmation_token

RESEND_INTERVAL_SECONDS = 60


# --- Sign-up and e-mail confirmation -------------------------------------------------------


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:dashboard")
    next_url = safe_next_url(request, reverse("accounts:dashboard"))
    form = SignupForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            user = actions.register_user(
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                next_path=next_url if next_url != reverse("accounts:dashboard") else "",
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            auth_login(request, user, backend="ressourcebank.accounts.backends.ModelBackend")
            # Only the welcome: the notice about the mail stands once, on the page that follows.
            messages.success(
                request, _("Velkommen, %(name)s! Din konto er oprettet.") % {"name": user.get_short_name()}
            )
            return redirect(next_url)
    return render(request, "accounts/signup.html", {"form": form, "next": next_url})


def confirm_email(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    try:
        user = User.objects.filter(pk=int(force_str(urlsafe_base64_decode(uidb64)))).first()
    except ValueError:
        user = None
    if user is not None and user.has_confirmed_email and user.pk == request.user.pk:
        messages.info(request, _("Din e-mail er allerede bekræftet."))
        return redirect("accounts:dashboard")
    # A used link fails the token check like a bad one, so a link never tells strangers whether an
    # account is confirmed; the page explains both cases.
    if user is None or not email_confirmation_token.check_token(user, token):
        return render(request, "accounts/confirm_email_invalid.html", status=400)
    actions.confirm_email(user)
    messages.success(request, _("Tak! Din e-mail er bekræftet."))
    # A redirect, so the token leaves the address bar and the browser history; on to the page the
    # person was heading for when they signed up (a local path only), through the login if needed.
    next_url = safe_next_url(request, reverse("accounts:dashboard"))
    if request.user.is_authenticated:
        return redirect(next_url)
    return redirect(f"{reverse('accounts:login')}?{urlencode({'next': next_url})}")


@require_POST
@login_required
def resend_confirmation(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    if user.has_confirmed_email:
        messages.info(request, _("Din e-mail er allerede bekræftet."))
    elif not cache.add(f"accounts:resend:{user.pk}", 1, RESEND_INTERVAL_SECONDS):
        messages.warning(request, _("Vi har lige sendt en mail. Vent et minut, før du beder om en ny."))
    else:
        actions.resend_email_confirmation(user)
        messages.success(request, _("Vi har sendt en ny mail. Se også i din spam-mappe."))
    return redirect(safe_next_url(request, reverse("accounts:dashboard")))


def email_unconfirmed(request: HttpRequest, purpose: str = "") -> HttpResponse:
    """The page for a person who must confirm their e-mail before writing what others can see
    (an offer, a need, a request for help); `purpose` says what they can do then."""
    context = {"purpose": purpose, "hide_email_banner": True}
    return render(request, "accounts/email_unconfirmed.html", context, status=403)


# --- Logging in and out, passwords ----------------------------------------------------------


def why_log_in(next_url: str) -> str:
    """Says, on the login page, what the person came to do, from the page they are heading for."""
    if not next_url:
        return ""
    reasons = [
        ("/behov/nyt/", _("Log ind, så kan du fortælle, hvad du har brug for hjælp til.")),
        ("/tilbud/nyt/", _("Log ind, så kan du fortælle, hvad du kan hjælpe med.")),
        ("/forbindelser/spoerg/", _("Log ind, så kan du spørge om hjælp.")),
        ("/forbindelser/hjaelp/", _("Log ind, så kan du tilbyde din hjælp.")),
        ("/konto/organisation/", _("Log ind, så kan du oprette en virksomhed eller forening.")),
        ("/pladser/", _("Log ind, så kan I tilbyde en plads i jeres virksomhed.")),
    ]
    for prefix, reason in reasons:
        if next_url.startswith(prefix):
            return reason
    return _("Log ind for at se siden.")


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: object) -> dict[str, object]:
        context = super().get_context_data(**kwargs)
        context["reason"] = why_log_in(str(context.get("next") or ""))
        return context


class PasswordResetView(auth_views.PasswordResetView):
    form_class = ResetRequestForm
    template_name = "accounts/password_reset_form.html"
    # The mail itself is made by accounts.mail when it is sent; its links point to SITE_URL.
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = NewPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: NewPasswordForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_valid(form)
        # The link came by mail, so the address is proven as well.
        form.user.confirm_email()
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = ChangePasswordForm
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


# --- Second factor --------------------------------------------------------------------------


def _pass_second_factor(request: HttpRequest, device: TOTPDevice) -> None:
    """Marks the session verified under a new session key: a key seen before the code was typed
    (say, planted or read before login finished) is worth nothing afterwards."""
    otp_login(request, device)
    request.session.cycle_key()


def _confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


@never_cache
@login_required
def otp_setup(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Set up an authenticator app: scan the QR code (or type the secret), then prove it with a code."""
    user = request.user
    next_url = safe_next_url(request, reverse("accounts:dashboard"))
    if _confirmed_device(user) is not None:
        return redirect(f"{reverse('accounts:otp_verify')}?{urlencode({'next': next_url})}")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Godkendelses-app", confirmed=False)
    form = TokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            _pass_second_factor(request, device)
            messages.success(request, _("Godkendelses-appen er sat op. Næste gang skal du bare skrive koden."))
            return redirect(next_url)
        form.add_error("token", _("Koden passer ikke. Skriv den kode, appen viser lige nu."))
    qr_svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5, title=_("QR-kode til godkendelses-appen"), svgclass="otp-qr"
    )
    secret = base64.b32encode(device.bin_key).decode()
    secret_groups = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return render(
        request,
        "accounts/otp_setup.html",
        {"form": form, "qr_svg": qr_svg, "secret": secret_groups, "next": next_url},
    )


@never_cache
@login_required
def otp_verify(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    next_url = safe_next_url(request, reverse("accounts:dashboard"))
    device = _confirmed_device(user)
    if device is None:
        return redirect(f"{reverse('accounts:otp_setup')}?{urlencode({'next': next_url})}")
    form = TokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        allowed, _details = device.verify_is_allowed()
        verified = verify_token(user, device.persistent_id, form.cleaned_data["token"]) if allowed else None
        if verified is not None:
            _pass_second_factor(request, verified)
            return redirect(next_url)
        if allowed:
            form.add_error("token", _("Koden passer ikke. Skriv den kode, appen viser lige nu."))
        else:
            form.add_error("token", _("Der er skrevet forkerte koder for mange gange. Vent lidt, og prøv igen."))
    return render(request, "accounts/otp_verify.html", {"form": form, "next": next_url})


# --- Min side ------------------------------------------------------------------------------


@login_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    organisations = list(organisations_for(user))
    context: dict[str, Any] = {
        "organisations": organisations,
        "invitations": Invitation.objects.for_user(user).select_related("organisation", "invited_by"),
        "works_with_citizens": user.is_coordinator or user.is_municipal_staff,
    }
    # The person's offers and needs come from those apps (registered in their AppConfig.ready).
    for part in dashboard_parts:
        context.update(part(user, organisations))
    return render(request, "accounts/dashboard.html", context)


@login_required
def profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Mine oplysninger: the name and the phone number that "Vis mit telefonnummer" shows."""
    user = request.user
    form = ProfileForm(request.POST or None, initial={"name": user.name, "phone": user.phone})
    if request.method == "POST" and form.is_valid():
        actions.update_profile(user, name=form.cleaned_data["name"], phone=form.cleaned_data["phone"])
        messages.success(request, _("Dine oplysninger er gemt."))
        return redirect(safe_next_url(request, reverse("accounts:dashboard")))
    return render(request, "accounts/profile_form.html", {"form": form, "next": request.GET.get("next", "")})


# --- Det ved vi om dig (the right of access) -------------------------------------------------


@never_cache
@login_required
def personal_data(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Everything the system holds on the person, on one page they can print."""
    parts = actions.export_personal_data(request.user, by=request.user)
    return render(request, "accounts/personal_data.html", {"parts": parts, "made_at": timezone.now()})


@never_cache
@require_POST
@login_required
def personal_data_download(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The same as a JSON file (data portability). A POST, so a link cannot start a download."""
    parts = actions.export_personal_data(request.user, by=request.user)
    return personal_data_file(parts)


def personal_data_file(parts: list[ExportPart]) -> HttpResponse:
    """The export as a download named by the day, never by the person."""
    now = timezone.now()
    response = JsonResponse(as_json(parts, made_at=now), json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="ressourcebanken-{now:%Y-%m-%d}.json"'
    return response


# --- Mine API-nøgler ------------------------------------------------------------------------


@never_cache
@login_required
def api_tokens(request: AuthenticatedHttpRequest) -> HttpResponse:
    """List, create and (through api_token_revoke) revoke one's own API tokens. A new token is shown in
    the answer to the POST only: it is never stored, so a reload cannot show it again."""
    user = request.user
    form = ApiTokenForm(request.POST if request.method == "POST" else None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        try:
            _api_token, new_token = actions.create_api_token(
                user,
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                lifetime=timedelta(days=int(form.cleaned_data["lifetime"])),
                second_factor_verified=user.is_verified(),  # type: ignore[attr-defined]
            )
        except actions.SecondFactorRequired:
            return redirect(f"{reverse('accounts:otp_verify')}?{urlencode({'next': request.path})}")
        form = ApiTokenForm()
    tokens = user.api_tokens.order_by("-created_at", "-id")
    status = 400 if request.method == "POST" and new_token is None else 200
    return render(
        request, "accounts/api_tokens.html", {"form": form, "tokens": tokens, "new_token": new_token}, status=status
    )


@login_required
def api_token_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """GET asks "are you sure?"; only the POST revokes."""
    user = request.user
    api_token = get_api_token_for_owner(user, pk)
    if request.method == "POST":
        if actions.revoke_api_token(api_token, by=user):
            messages.success(
                request, _("Nøglen %(name)s er tilbagekaldt. Den virker ikke længere.") % {"name": api_token.name}
            )
        return redirect("accounts:api_tokens")
    return render(request, "accounts/api_token_revoke.html", {"api_token": api_token})


# --- Organisations --------------------------------------------------------------------------


def _organisation_doors(user: User | None) -> list[dict[str, str]]:
    return [door for part in hooks.organisation_doors for door in part(user)]


def organisation_create(request: HttpRequest) -> HttpResponse:
    """The front door's "Virksomhed eller forening". With `next` (a local path, say the place form),
    the new organisation's first administrator is taken there instead of to its page."""
    if not request.user.is_authenticated:
        # The front door "Virksomhed eller forening" lands here: explain first, then sign up or log in.
        next_url = safe_next_url(request, reverse("accounts:organisation_create"))
        return render(
            request, "accounts/organisation_intro.html", {"doors": _organisation_doors(None), "next_url": next_url}
        )
    user = request.user
    if not user.has_confirmed_email:
        return render(request, "accounts/organisation_email_unconfirmed.html", status=403)
    initial = {"contact_name": user.name, "contact_phone": user.phone}
    if request.GET.get("slags") in Organisation.Kind.values:
        initial["kind"] = request.GET["slags"]
    form = OrganisationForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        organisation = actions.create_organisation(by=user, **form.cleaned_data)
        messages.success(
            request,
            _("Tak! Kommunen godkender %(name)s, før jeres tilbud bliver vist for alle. Det tager normalt to hverdage.")
            % {"name": organisation.name},
        )
        return redirect(safe_next_url(request, reverse("accounts:organisation_detail", args=[organisation.pk])))
    next_url = safe_next_url(request, "")
    return render(
        request,
        "accounts/organisation_form.html",
        {"form": form, "doors": [] if next_url else _organisation_doors(user), "next_url": next_url},
    )


@login_required
def organisation_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_member(request.user, pk)
    user = request.user
    may_add = can_add_member(user, organisation)
    form = InviteMemberForm(request.POST if request.method == "POST" else None) if may_add else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            email = form.cleaned_data["email"]
            actions.invite_member(organisation, email, is_admin=form.cleaned_data["is_admin"], by=user)
            # The same words whether or not the address has an account or is a member already.
            messages.success(
                request,
                _(
                    "Vi har inviteret %(email)s. Personen bliver medlem af %(name)s, når hun har sagt ja på "
                    "Min side. Har hun ikke en konto, kan hun oprette en med den e-mail."
                )
                % {"email": email, "name": organisation.name},
            )
            return redirect("accounts:organisation_detail", pk=organisation.pk)
    memberships = organisation.memberships.select_related("user").order_by("user__name")
    # Only addresses, as the administrator typed them: a name is shown once the person has said yes.
    invitations = organisation.invitations.open().order_by("email") if may_add else Invitation.objects.none()
    return render(
        request,
        "accounts/organisation_detail.html",
        {
            "organisation": organisation,
            "memberships": memberships,
            "invitations": invitations,
            "form": form,
            "may_add": may_add,
        },
        status=400 if form is not None and form.is_bound else 200,
    )


@require_POST
@login_required
def invitation_answer(request: AuthenticatedHttpRequest, pk: int, answer: str) -> HttpResponse:
    """Yes or no to an invitation from Min side. Someone else's invitation, or one already answered,
    is answered 404 like an unknown one."""
    user = request.user
    invitation = Invitation.objects.for_user(user).select_related("organisation").filter(pk=pk).first()
    if invitation is None:
        raise Http404
    name = invitation.organisation.name
    if answer == "ja":
        actions.accept_invitation(invitation.pk, by=user)
        messages.success(request, _("Du kan nu handle for %(name)s.") % {"name": name})
        return redirect("accounts:organisation_detail", pk=invitation.organisation_id)
    actions.decline_invitation(invitation.pk, by=user)
    messages.success(request, _("Du har sagt nej tak til %(name)s.") % {"name": name})
    return redirect("accounts:dashboard")
