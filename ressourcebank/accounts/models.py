"""People and the organisations they act for.

One account can both offer and ask for help ("alle kan noget"); the role only adds duties:
a coordinator follows citizens, staff moderate, an administrator keeps the reference data.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: object) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: object) -> "User":
        fields.setdefault("role", User.Role.ADMIN)
        fields.setdefault("is_superuser", True)
        fields.setdefault("email_confirmed_at", timezone.now())
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, username: str | None) -> "User":
        # E-mail addresses are case-insensitive for people: "Anna@X.dk" logs in as "anna@x.dk".
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    class Role(models.TextChoices):
        CITIZEN = "citizen", _("Borger")
        COORDINATOR = "coordinator", _("Tovholder")
        STAFF = "staff", _("Medarbejder")
        ADMIN = "admin", _("Administrator")
        # Searches the access log and follows up on break-glass access; reads no case contents.
        AUDITOR = "auditor", _("Revisor")

    email = models.EmailField(_("e-mail"), max_length=254, unique=True)
    name = models.CharField(_("navn"), max_length=150)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices, default=Role.CITIZEN)
    is_active = models.BooleanField(_("aktiv"), default=True)
    email_confirmed_at = models.DateTimeField(_("e-mail bekræftet"), null=True, blank=True)
    # The local page a person was on their way to when they signed up (say the need form): the
    # confirmation link leads back there. Emptied once the address is confirmed.
    confirmation_next = models.CharField(_("side efter bekræftelse"), max_length=300, blank=True)
    date_joined = models.DateTimeField(_("oprettet"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        verbose_name = _("bruger")
        verbose_name_plural = _("brugere")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.name or self.email

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email

    @property
    def is_staff(self) -> bool:
        """Django's admin is for administrators only; staff work in /staff/."""
        return self.role == self.Role.ADMIN

    def has_perm(self, perm: str, obj: models.Model | None = None) -> bool:
        # An administrator administers the whole site; other roles get no admin permissions by role.
        if self.is_active and self.role == self.Role.ADMIN:
            return True
        return super().has_perm(perm, obj)

    def has_module_perms(self, app_label: str) -> bool:
        if self.is_active and self.role == self.Role.ADMIN:
            return True
        return super().has_module_perms(app_label)

    @property
    def is_municipal_staff(self) -> bool:
        return self.role in (self.Role.STAFF, self.Role.ADMIN)

    @property
    def is_coordinator(self) -> bool:
        return self.role == self.Role.COORDINATOR

    @property
    def needs_second_factor(self) -> bool:
        """Staff, administrators, coordinators and auditors see sensitive data: they log in with TOTP."""
        return self.role in (self.Role.COORDINATOR, self.Role.STAFF, self.Role.ADMIN, self.Role.AUDITOR)

    @property
    def is_auditor(self) -> bool:
        return self.role == self.Role.AUDITOR

    @property
    def has_confirmed_email(self) -> bool:
        return self.email_confirmed_at is not None

    def confirm_email(self) -> None:
        if self.email_confirmed_at is None:
            self.email_confirmed_at = timezone.now()
            self.confirmation_next = ""
            self.save(update_fields=["email_confirmed_at", "confirmation_next"])


CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)


def is_valid_cvr(cvr: str) -> bool:
    """Eight digits whose weighted sum (2, 7, 6, 5, 4, 3, 2, 1) is divisible by 11: the modulus-11
    check every CVR number keeps (Erhvervsstyrelsen). A typo in one digit never passes."""
    if len(cvr) != len(CVR_WEIGHTS) or not cvr.isascii() or not cvr.isdigit():
        return False
    return sum(int(digit) * weight for digit, weight in zip(cvr, CVR_WEIGHTS, strict=True)) % 11 == 0


def validate_cvr(cvr: str) -> None:
    """The one rule for a CVR number, used by the model, the forms and the API."""
    if len(cvr) != len(CVR_WEIGHTS) or not cvr.isdigit():
        raise ValidationError(_("Et CVR-nummer er 8 cifre."), code="cvr_format")
    if not is_valid_cvr(cvr):
        raise ValidationError(
            _("Det CVR-nummer findes ikke. Se efter, om et ciffer er byttet om eller skrevet forkert."),
            code="cvr_checksum",
        )


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def approved(self) -> "OrganisationQuerySet":
        return self.filter(approved_at__isnull=False)

    def awaiting_approval(self) -> "OrganisationQuerySet":
        return self.filter(approved_at__isnull=True, rejected_at__isnull=True)


class Organisation(models.Model):
    """A business or an association. Its offers go public only once staff have approved it."""

    class Kind(models.TextChoices):
        BUSINESS = "virksomhed", _("Virksomhed")
        ASSOCIATION = "forening", _("Forening")

    name = models.CharField(_("navn"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    cvr = models.CharField(
        _("CVR-nummer"),
        max_length=8,
        blank=True,
        validators=[validate_cvr],
        help_text=_("8 cifre. Kan udelades for en lille forening."),
    )
    description = models.TextField(_("om os"), max_length=2000, blank=True)
    website = models.URLField(_("hjemmeside"), blank=True)
    # Whom the municipality calls about the organisation's places and offers; a member, or someone else.
    contact_name = models.CharField(_("kontaktperson"), max_length=150, blank=True)
    contact_phone = models.CharField(_("kontaktpersonens telefon"), max_length=30, blank=True)
    members = models.ManyToManyField(User, through="Membership", related_name="organisations")
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    approved_at = models.DateTimeField(_("godkendt"), null=True, blank=True)
    approved_by = models.ForeignKey(User, models.SET_NULL, null=True, blank=True, related_name="+")
    rejected_at = models.DateTimeField(_("afvist"), null=True, blank=True)
    rejection_reason = models.TextField(_("begrundelse for afvisning"), max_length=1000, blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None

    @property
    def is_business(self) -> bool:
        return self.kind == self.Kind.BUSINESS


class Membership(models.Model):
    """A person who may act for an organisation: create its offers, record its børneattester."""

    user = models.ForeignKey(User, models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="memberships")
    is_admin = models.BooleanField(_("kan administrere"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("medlemskab")
        verbose_name_plural = _("medlemskaber")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="accounts_membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation}"


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def open(self) -> "InvitationQuerySet":
        return self.filter(accepted_at=None, declined_at=None)

    def for_user(self, user: "User") -> "InvitationQuerySet":
        """Open invitations to the user's address; none before the address is confirmed, so an account
        made with someone else's address cannot join in their place."""
        if not user.is_authenticated or not user.has_confirmed_email:
            return self.none()
        return self.open().filter(email=user.email.lower())


class Invitation(models.Model):
    """An organisation's administrator asks a person (by e-mail) to act for it; membership begins
    only when that person says yes. Stored by address, so nobody learns whether it has an account."""

    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail"), max_length=254)
    is_admin = models.BooleanField(_("må også invitere andre"), default=False)
    invited_by = models.ForeignKey(User, models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("inviteret"), default=timezone.now)
    accepted_at = models.DateTimeField(_("sagt ja"), null=True, blank=True)
    declined_at = models.DateTimeField(_("sagt nej"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitationer")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=models.Q(accepted_at=None, declined_at=None),
                name="accounts_one_open_invitation_per_address",
            ),
            models.CheckConstraint(condition=models.Q(email=Lower("email")), name="accounts_invitation_email_lower"),
        ]

    def __str__(self) -> str:
        return f"{self.email} · {self.organisation}"


API_TOKEN_NAME_LENGTH = 100
API_TOKEN_DEFAULT_LIFETIME = timedelta(days=90)
API_TOKEN_MAX_LIFETIME = timedelta(days=366)


def default_api_token_expiry() -> datetime:
    return timezone.now() + API_TOKEN_DEFAULT_LIFETIME


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def usable(self) -> "ApiTokenQuerySet":
        """Not revoked, not expired, and its owner's account still open."""
        return self.filter(revoked_at=None, expires_at__gt=timezone.now(), user__is_active=True)


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 is stored; the token is shown once.

    A read token cannot write. A token of someone whose role needs a second factor only works if it
    was issued in a session where that factor was verified (so a role given later does not make an
    old token a way around TOTP).
    """

    class Scope(models.TextChoices):
        READ = "read", _("Kun læse")
        WRITE = "write", _("Læse og skrive")

    user = models.ForeignKey(User, models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("navn"), max_length=API_TOKEN_NAME_LENGTH, blank=True)
    scope = models.CharField(_("må"), max_length=10, choices=Scope.choices, default=Scope.READ)
    digest = models.CharField(max_length=64, unique=True)
    issued_with_second_factor = models.BooleanField(_("oprettet efter kode fra appen"), default=False)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    expires_at = models.DateTimeField(_("udløber"), default=default_api_token_expiry)
    last_used_at = models.DateTimeField(_("sidst brugt"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("tilbagekaldt"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API-nøgle")
        verbose_name_plural = _("API-nøgler")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"API-nøgle for {self.user}" + (f" ({self.name})" if self.name else "")

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and not self.is_expired

    @property
    def can_write(self) -> bool:
        return self.scope == self.Scope.WRITE

    @property
    def may_act_for_its_user(self) -> bool:
        """False for a token of a TOTP role that was not issued after the code: it is refused."""
        return self.issued_with_second_factor or not self.user.needs_second_factor

    @staticmethod
    def digest_of(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def issue(
        cls,
        user: User,
        *,
        scope: str = Scope.WRITE,
        name: str = "",
        expires_at: datetime | None = None,
        second_factor_verified: bool = False,
    ) -> str:
        """Stores a new token and returns it; the rules for who may have one are in actions."""
        token = "rb_" + secrets.token_urlsafe(32)
        cls.objects.create(
            user=user,
            name=name,
            scope=scope,
            digest=cls.digest_of(token),
            expires_at=expires_at or default_api_token_expiry(),
            issued_with_second_factor=second_factor_verified,
        )
        return token
