"""Communities in the API, read-only, with the pages' visibility: open communities are public, closed ones are seen
by their members and by the staff of their territory. The detail carries a summary of the latest visible posts;
the posts themselves, with their replies, are a resource of their own."""

from __future__ import annotations

import django_filters
from django.db.models import Count, Prefetch, Q
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from innoinfra.core.drf import IdFilter, ReadOnly

from . import queries
from .enums import PostKind
from .models import Community, Post, Reply

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


class PostFilter(django_filters.FilterSet):
    community = IdFilter(field_name="community_id")
    kind = django_filters.ChoiceFilter(choices=PostKind.choices)

    class Meta:
        model = Post
        fields = []


class ReplySerializer(serializers.ModelSerializer):
    author_name = serializers.SerializerMethodField()

    class Meta:
        model = Reply
        fields = ["id", "author_name", "body", "created_at"]
        read_only_fields = fields

    def get_author_name(self, reply) -> str:
        return str(reply.author) if reply.author_id else ""


class PostSerializer(PostSummarySerializer):
    class Meta(PostSummarySerializer.Meta):
        fields = ["id", "community", *PostSummarySerializer.Meta.fields[1:], "body", "is_pinned"]
        read_only_fields = fields


class PostDetailSerializer(PostSerializer):
    replies = ReplySerializer(many=True, read_only=True, source="visible_replies")

    class Meta(PostSerializer.Meta):
        fields = [*PostSerializer.Meta.fields, "replies"]
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(summary="Записи сообществ, которые вам видны (скрытые модератором не показываются)"),
    retrieve=extend_schema(summary="Запись сообщества с ответами"),
)
class PostViewSet(viewsets.ReadOnlyModelViewSet):
    """Posts of the communities the caller reads (open ones, closed ones they are a member of, those of the
    territories they run), as the community's feed shows them; hidden posts and replies stay on the pages, where
    moderators see them."""

    filterset_class = PostFilter

    def get_queryset(self):
        visible = queries.communities_for(self.request.user).values("pk")
        posts = Post.objects.filter(community__in=visible, is_hidden=False).select_related("author")
        if self.action == "retrieve":
            replies = Reply.objects.filter(is_hidden=False).select_related("author").order_by("created_at", "id")
            posts = posts.prefetch_related(Prefetch("replies", queryset=replies, to_attr="visible_replies"))
        replies_count = Count("replies", filter=Q(replies__is_hidden=False))
        return posts.annotate(reply_count=replies_count).order_by("-last_activity_at", "-id")

    def get_serializer_class(self):
        return PostDetailSerializer if self.action == "retrieve" else PostSerializer
