"""Named querysets of communities: what a user may see, with the counts lists show (no query per row)."""

from __future__ import annotations

from django.db.models import Count, IntegerField, Max, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from innoinfra.accounts.scopes import scope_of

from .enums import MemberState
from .models import Community, CommunityMember, Material, Post, Reply


def membership_of(user, community: Community) -> CommunityMember | None:
    """The user's membership (active or requested), looked up once per community object and user."""
    if user is None or not user.is_authenticated or community is None:
        return None
    cache = community.__dict__.setdefault("_memberships", {})
    if user.pk not in cache:
        cache[user.pk] = CommunityMember.objects.filter(community=community, user=user).first()
    return cache[user.pk]


def communities_for(user) -> QuerySet[Community]:
    """Open communities, closed ones the user is an active member of, and every community of the territories the
    user runs."""
    condition = Q(is_open=True)
    if user is not None and user.is_authenticated:
        condition |= Q(pk__in=CommunityMember.objects.filter(user=user, state=MemberState.ACTIVE).values("community"))
        scope = scope_of(user)
        if scope.managed_municipalities is None:
            return Community.objects.all()
        if scope.managed_municipalities:
            condition |= scope.managed()
    return Community.objects.filter(condition)


def with_activity(communities: QuerySet[Community], user=None) -> QuerySet[Community]:
    """Member count, post count and the last activity of each community, and the user's own membership state —
    each a subquery, so a list costs the same for 1 row and for 100."""
    active_members = (
        CommunityMember.objects.filter(community=OuterRef("pk"), state=MemberState.ACTIVE)
        .order_by()
        .values("community")
        .annotate(n=Count("pk"))
        .values("n")
    )
    visible_posts = Post.objects.filter(community=OuterRef("pk"), is_hidden=False).order_by().values("community")
    communities = communities.select_related("municipality", "direction").annotate(
        member_count=Coalesce(Subquery(active_members, output_field=IntegerField()), Value(0)),
        post_count=Coalesce(
            Subquery(visible_posts.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), Value(0)
        ),
        last_activity=Subquery(visible_posts.annotate(last=Max("last_activity_at")).values("last")),
    )
    if user is not None and user.is_authenticated:
        mine = CommunityMember.objects.filter(community=OuterRef("pk"), user=user)
        communities = communities.annotate(
            my_state=Subquery(mine.values("state")[:1]), my_role=Subquery(mine.values("role")[:1])
        )
    return communities


def feed(community: Community, *, with_hidden: bool = False) -> QuerySet[Post]:
    """Pinned posts first, then by last activity; reply and material counts as subqueries."""
    replies = (
        Reply.objects.filter(post=OuterRef("pk"), is_hidden=False)
        .order_by()
        .values("post")
        .annotate(n=Count("pk"))
        .values("n")
    )
    materials = (
        Material.objects.filter(post=OuterRef("pk")).order_by().values("post").annotate(n=Count("pk")).values("n")
    )
    posts = community.posts.all() if with_hidden else community.posts.filter(is_hidden=False)
    return (
        posts.select_related("author__organization")
        .annotate(
            reply_count=Coalesce(Subquery(replies, output_field=IntegerField()), Value(0)),
            material_count=Coalesce(Subquery(materials, output_field=IntegerField()), Value(0)),
        )
        .order_by("-is_pinned", "-last_activity_at", "-id")
    )
