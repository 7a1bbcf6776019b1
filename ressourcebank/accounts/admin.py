"""Django's admin, for administrators only (User.is_staff is true for the admin role alone)."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ApiToken, Membership, Organisation, User


class UserCreationAdminForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "name", "role")


class UserChangeAdminForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserChangeAdminForm
    add_form = UserCreationAdminForm
    ordering = ["email"]
    list_display = ["email", "name", "role", "is_active", "email_confirmed_at", "date_joined"]
    list_filter = ["role", "is_active", "is_superuser"]
    search_fields = ["email", "name"]
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("name", "phone")}),
        (_("Rolle og adgang"), {"fields": ("role", "is_active", "is_superuser", "groups", "user_permissions")}),
        (_("Datoer"), {"fields": ("email_confirmed_at", "last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "name", "role", "password1", "password2")}),)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "cvr", "approved_at", "rejected_at", "created_at"]
    list_filter = ["kind"]
    search_fields = ["name", "cvr"]
    readonly_fields = ["created_at", "approved_by"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "is_admin", "created_at"]
    list_filter = ["is_admin"]
    search_fields = ["user__email", "user__name", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


class ApiTokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["revoked_at"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are issued under Min side or with `manage.py create_api_token`; here they can only be
    seen and revoked."""

    form = ApiTokenForm
    list_display = ["user", "name", "scope", "created_at", "expires_at", "last_used_at", "revoked_at"]
    list_filter = ["scope"]
    search_fields = ["user__email", "name"]
    readonly_fields = ["user", "name", "scope", "issued_with_second_factor", "created_at", "expires_at", "last_used_at"]
    fields = [
        "user",
        "name",
        "scope",
        "issued_with_second_factor",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Spær de valgte API-nøgler"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
