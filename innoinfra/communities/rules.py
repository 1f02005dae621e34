"""Who may do what in the communities.

An open community is read by everyone, anonymous visitors included, and anyone logged in may join it; a closed one
is read by its active members and by the staff of its territory, and joining it is a request a moderator approves.
Active members publish discussions and reply; news are published by moderators. Moderators of the community and the
staff (methodists, the education authority) of its territory hide and pin posts, hide replies, approve requests.
Communities are created by staff and by heads of organizations (org_admin): a teacher asks the methodist or the head
of the school, so that every community has someone responsible for it."""

from __future__ import annotations

import rules

from innoinfra.accounts.rules import is_staff_member
from innoinfra.accounts.scopes import scope_of

from .queries import membership_of


def _community(obj):
    """Predicates take a community, or anything that belongs to one (a membership, a post, a reply, a material)."""
    if obj is None:
        return None
    for path in ("community", "post.community"):
        target = obj
        try:
            for name in path.split("."):
                target = getattr(target, name)
        except AttributeError:
            continue
        return target
    return obj


def staff_of(user, community) -> bool:
    scope = scope_of(user)
    return community is not None and scope.is_staff and scope.manages(community.municipality_id)


@rules.predicate
def is_org_admin(user):
    return bool(scope_of(user).organizations)


@rules.predicate
def is_active_member(user, obj):
    member = membership_of(user, _community(obj))
    return member is not None and member.is_active


@rules.predicate
def moderates(user, obj):
    community = _community(obj)
    if community is None or not user.is_authenticated:
        return False
    member = membership_of(user, community)
    return (member is not None and member.is_moderator) or staff_of(user, community)


@rules.predicate
def reads(user, obj):
    community = _community(obj)
    if community is None:
        return False
    return community.is_open or is_active_member(user, community) or staff_of(user, community)


@rules.predicate
def is_logged_in(user):
    return bool(user and user.is_authenticated)


@rules.predicate
def is_member_or_applicant(user, community):
    return membership_of(user, community) is not None


@rules.predicate
def is_live(user, obj):
    community = _community(obj)
    return community is not None and not community.is_archived


@rules.predicate
def sees_post(user, post):
    """A hidden post is seen by moderators and by its author only."""
    if post is None or not reads(user, post.community):
        return False
    return not post.is_hidden or (user.is_authenticated and post.author_id == user.pk) or moderates(user, post)


@rules.predicate
def uploaded_material(user, material):
    return material is not None and user.is_authenticated and material.uploaded_by_id == user.pk


rules.add_perm("communities.add_community", is_staff_member | is_org_admin)
rules.add_perm("communities.view_community", reads)
rules.add_perm("communities.view_members", is_logged_in & reads)
rules.add_perm("communities.change_digest", is_member_or_applicant)
rules.add_perm("communities.post", is_active_member & is_live)
rules.add_perm("communities.moderate", moderates)
rules.add_perm("communities.view_post", sees_post)
rules.add_perm("communities.reply", is_active_member & is_live)
rules.add_perm("communities.promote_material", moderates | uploaded_material)
