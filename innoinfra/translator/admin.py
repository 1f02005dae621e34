from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AbuseReport, Comment, Rating


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["practice", "user", "novelty", "significance", "reproducibility", "description_quality"]
    raw_id_fields = ["practice", "user"]


@admin.register(Comment)
class CommentAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "practice", "author", "state", "created_at"]
    list_filter = ["state"]
    raw_id_fields = ["practice", "author", "parent"]


@admin.register(AbuseReport)
class AbuseReportAdmin(admin.ModelAdmin):
    list_display = ["comment", "reporter", "reason", "resolved"]
    list_filter = ["resolved"]
    raw_id_fields = ["comment", "reporter"]
