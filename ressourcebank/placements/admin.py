from django.contrib import admin

from .models import Place, Workplace


@admin.register(Workplace)
class WorkplaceAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "area", "ordinary_employees", "p_number"]
    list_filter = ["area"]
    search_fields = ["name", "organisation__name", "p_number"]
    raw_id_fields = ["organisation"]


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    """Approval happens in /staff/ (audited); the admin shows places and corrects texts."""

    list_display = ["title", "kind", "workplace", "places", "status", "created_at"]
    list_filter = ["status", "kind", "young"]
    search_fields = ["title", "workplace__name", "workplace__organisation__name"]
    raw_id_fields = ["workplace", "created_by", "approved_by"]
    readonly_fields = ["status", "approved_at", "approved_by", "rejected_at", "created_by", "created_at"]
