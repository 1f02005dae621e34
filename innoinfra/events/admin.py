from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CourseModule, TrainingCertificate, TrainingCertificateCounter


@admin.register(CourseModule)
class CourseModuleAdmin(admin.ModelAdmin):
    list_display = ["event", "number", "title", "lecture_hours", "practice_hours", "self_study_hours"]
    raw_id_fields = ["event"]
    search_fields = ["title", "event__title"]


@admin.register(TrainingCertificate)
class TrainingCertificateAdmin(SimpleHistoryAdmin):
    list_display = ["number", "issued_on", "full_name", "programme_title", "hours"]
    list_filter = ["year"]
    search_fields = ["number", "full_name", "programme_title"]
    raw_id_fields = ["event", "registration", "issued_by"]
    # the number and its place in the year's sequence are the register's; they are not typed by hand
    readonly_fields = ["number", "year", "sequence"]


@admin.register(TrainingCertificateCounter)
class TrainingCertificateCounterAdmin(admin.ModelAdmin):
    list_display = ["year", "last"]
    readonly_fields = ["year", "last"]
