from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import SitePassport


@admin.register(SitePassport)
class SitePassportAdmin(SimpleHistoryAdmin):
    list_display = ["site", "organization_short_name", "version", "updated_at", "updated_by"]
    search_fields = ["theme", "organization_name", "organization_short_name"]
    raw_id_fields = ["site", "updated_by"]
    readonly_fields = ["version"]
