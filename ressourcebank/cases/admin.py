"""The admin keeps the reference data of cases: agency kinds, teams and who has a role in them.
Cases themselves are deliberately not here: an administrator administers the site, not the
citizens, and never reads a case's contents through the admin."""

from django.contrib import admin

from .models import AgencyKind, CaseRole, CaseTeam


@admin.register(AgencyKind)
class AgencyKindAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "slug", "position", "is_active"]
    list_editable = ["position", "is_active"]

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False  # retired, never deleted: old cases keep naming the kind


class CaseRoleInline(admin.TabularInline):  # type: ignore[type-arg]
    model = CaseRole
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(CaseTeam)
class CaseTeamAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name"]
    inlines = [CaseRoleInline]
