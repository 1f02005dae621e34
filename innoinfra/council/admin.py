from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Vote


@admin.register(Vote)
class VoteAdmin(SimpleHistoryAdmin):
    list_display = ["decision", "attendee", "choice", "recorded_at"]
    list_filter = ["choice"]
    raw_id_fields = ["decision", "attendee", "recorded_by"]
    search_fields = ["attendee__name"]
