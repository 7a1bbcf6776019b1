from django.contrib import admin

from .models import Team, Topic


class TopicInline(admin.TabularInline):
    model = Topic
    extra = 0
    fields = ["name", "slug", "position", "is_active"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "answer_days", "phone", "phone_hours"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["members"]
    inlines = [TopicInline]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "team", "position", "is_active"]
    list_filter = ["team", "is_active"]
