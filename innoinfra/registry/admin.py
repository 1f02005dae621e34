from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Agreement, ComplexMember


@admin.register(ComplexMember)
class ComplexMemberAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "role", "site"]
    list_filter = ["kind", "role"]
    search_fields = ["name", "leader"]
    raw_id_fields = ["site", "organization"]


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["number", "date", "site", "start_date", "end_date"]
    search_fields = ["number", "subject"]
    raw_id_fields = ["site", "organizations", "created_by"]
