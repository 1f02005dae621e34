from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Approbation, ApprobationStage, MonitoringResult


class StageInline(admin.TabularInline):
    model = ApprobationStage
    extra = 0


class ResultInline(admin.TabularInline):
    model = MonitoringResult
    extra = 0
    raw_id_fields = ["created_by"]


@admin.register(Approbation)
class ApprobationAdmin(SimpleHistoryAdmin):
    list_display = ["product_title", "site", "product_kind", "state", "verdict"]
    list_filter = ["state", "verdict", "product_kind"]
    raw_id_fields = ["site", "practice", "concluded_by", "created_by"]
    inlines = [StageInline, ResultInline]
