"""Communities in the API, read-only, with the pages' visibility: open communities are public, closed ones are seen
by their members and by the staff of their territory. The detail carries a summary of the latest visible posts."""

from __future__ import annotations

from rest_framework import serializers

from innoinfra.core.drf import ReadOnly

from . import queries
from .models import Community, Post

LATEST_POSTS = 10


class PostSummarySerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    author_name = serializers.SerializerMethodField()
    reply_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Post
        fields = ["id", "kind", "kind_label", "title", "author_name", "created_at", "last_activity_at", "reply_count"]

    def get_author_name(self, post) -> str:
        return str(post.author) if post.author_id else ""


class CommunitySerializer(serializers.ModelSerializer):
    municipality_name = serializers.CharField(source="municipality.__str__", read_only=True)
    direction_name = serializers.SerializerMethodField()
    member_count = serializers.IntegerField(read_only=True)
    post_count = serializers.IntegerField(read_only=True)
    last_activity = serializers.DateTimeField(read_only=True)

    class Meta:
        model = Community
        fields = [
            "id",
            "title",
            "description",
            "municipality",
            "municipality_name",
            "direction",
            "direction_name",
            "site",
            "is_open",
            "is_archived",
            "created_at",
            "member_count",
            "post_count",
            "last_activity",
        ]

    def get_direction_name(self, community) -> str:
        return community.direction.name if community.direction_id else ""


class CommunityDetailSerializer(CommunitySerializer):
    latest_posts = serializers.SerializerMethodField()

    class Meta(CommunitySerializer.Meta):
        fields = [*CommunitySerializer.Meta.fields, "latest_posts"]

    def get_latest_posts(self, community) -> list[dict]:
        posts = queries.feed(community)[:LATEST_POSTS]
        return PostSummarySerializer(posts, many=True).data


class CommunityViewSet(ReadOnly):
    def get_queryset(self):
        communities = queries.communities_for(self.request.user)
        return queries.with_activity(communities).order_by("is_archived", "title", "id")

    def get_serializer_class(self):
        return CommunityDetailSerializer if self.action == "retrieve" else CommunitySerializer
