from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Community, CommunityMember, Material, Post, Reply


@admin.register(Community)
class CommunityAdmin(SimpleHistoryAdmin):
    list_display = ["title", "municipality", "is_open", "is_archived", "created_at"]
    list_filter = ["is_open", "is_archived", "municipality"]
    search_fields = ["title"]
    raw_id_fields = ["site", "created_by"]


@admin.register(CommunityMember)
class CommunityMemberAdmin(SimpleHistoryAdmin):
    list_display = ["user", "community", "role", "state", "digest"]
    list_filter = ["role", "state", "digest"]
    raw_id_fields = ["user", "community"]


@admin.register(Post)
class PostAdmin(SimpleHistoryAdmin):
    list_display = ["title", "community", "kind", "author", "created_at", "is_hidden"]
    list_filter = ["kind", "is_hidden"]
    raw_id_fields = ["community", "author"]


admin.site.register(Reply, SimpleHistoryAdmin)
admin.site.register(Material)
