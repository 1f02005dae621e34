"""E-mail digests of new posts and replies, one e-mail per member across all their communities.

Run once a day (cron). A member with the daily digest gets what appeared since the previous digest once a calendar
day has changed, a member with the weekly one once seven days have passed. The member's moment of the last digest is
claimed with a conditional update before the e-mail is composed, so a second run (or two at once) sends nothing
twice; e-mails go through the mail queue and leave after the transaction commits."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from innoinfra.core.enums import MailKind
from innoinfra.core.mail import Letter, queue_letters
from innoinfra.core.notifications import greeting, installation_name
from innoinfra.core.site_url import absolute_url

from .enums import DIGEST_INTERVAL_DAYS, Digest, MemberState
from .models import Community, CommunityMember, Post, Reply

SUBJECT_TITLE_LIMIT = 80


@dataclass
class CommunityNews:
    community: Community
    url: str
    posts: list[dict] = field(default_factory=list)
    replies: list[dict] = field(default_factory=list)


def is_due(member: CommunityMember, now: dt.datetime) -> bool:
    if member.last_digest_at is None:
        return True
    days = (timezone.localdate(now) - timezone.localdate(member.last_digest_at)).days
    return days >= DIGEST_INTERVAL_DAYS.get(member.digest, 1)


def _claim(member: CommunityMember, now: dt.datetime) -> bool:
    """True if this run takes the member's digest; another run that got there first leaves 0 rows."""
    return bool(
        CommunityMember.objects.filter(pk=member.pk, last_digest_at=member.last_digest_at).update(last_digest_at=now)
        if member.last_digest_at is not None
        else CommunityMember.objects.filter(pk=member.pk, last_digest_at__isnull=True).update(last_digest_at=now)
    )


def subject_for(news: list[CommunityNews]) -> str:
    first = news[0].community.title
    if len(first) > SUBJECT_TITLE_LIMIT:
        first = first[: SUBJECT_TITLE_LIMIT - 1].rstrip() + "…"
    if len(news) == 1:
        return f"Новое в сообществах: «{first}»"
    return f"Новое в сообществах: «{first}» и ещё {len(news) - 1}"


def _news_for(user, members: list[CommunityMember], now: dt.datetime) -> list[CommunityNews]:
    since = {m.community_id: m.last_digest_at or m.joined_at for m in members}
    earliest = min(since.values())
    posts = (
        Post.objects.filter(community_id__in=since, is_hidden=False, created_at__gt=earliest, created_at__lte=now)
        .exclude(author=user)
        .select_related("author", "community")
        .order_by("created_at", "id")
    )
    replies = (
        Reply.objects.filter(
            post__community_id__in=since,
            post__is_hidden=False,
            is_hidden=False,
            created_at__gt=earliest,
            created_at__lte=now,
        )
        .exclude(author=user)
        .select_related("author", "post__community")
        .order_by("created_at", "id")
    )
    found: dict[int, CommunityNews] = {}

    def news_of(community):
        if community.pk not in found:
            found[community.pk] = CommunityNews(community, absolute_url(community.get_absolute_url()))
        return found[community.pk]

    for post in posts:
        if post.created_at > since[post.community_id]:
            news_of(post.community).posts.append(
                {"post": post, "author": str(post.author or "—"), "url": absolute_url(post.get_absolute_url())}
            )
    replies_by_post = defaultdict(list)
    for answer in replies:
        if answer.created_at > since[answer.post.community_id]:
            replies_by_post[answer.post_id].append(answer)
    for answers in replies_by_post.values():
        post = answers[0].post
        news_of(post.community).replies.append(
            {
                "post": post,
                "count": len(answers),
                "authors": ", ".join(sorted({str(a.author or "—") for a in answers})),
                "url": absolute_url(post.get_absolute_url()),
            }
        )
    return sorted(found.values(), key=lambda n: n.community.title)


def _letter(user, news: list[CommunityNews], signature: str) -> Letter:
    context = {
        "greeting": greeting(user),
        "news": news,
        "signature": signature,
        "settings_url": absolute_url("/communities/mine/"),
    }
    return Letter(
        to=user.email,
        subject=subject_for(news),
        body=render_to_string("communities/email/digest.txt", context).strip(),
        html=render_to_string("communities/email/digest.html", context),
        kind=MailKind.DIGEST,
    )


@transaction.atomic
def send_digests(now: dt.datetime | None = None) -> int:
    """Send the due digests; returns how many e-mails will go. Members with nothing new get no e-mail, but their
    period starts again."""
    now = now or timezone.now()
    members = (
        CommunityMember.objects.filter(
            state=MemberState.ACTIVE,
            digest__in=[Digest.DAILY, Digest.WEEKLY],
            community__is_archived=False,
            user__is_active=True,
        )
        .select_related("user", "community")
        .order_by("user_id", "id")
    )
    by_user: dict[int, list[CommunityMember]] = defaultdict(list)
    for member in members:
        if is_due(member, now) and _claim(member, now):
            by_user[member.user_id].append(member)
    letters, signature = [], None
    for user_members in by_user.values():
        user = user_members[0].user
        if not user.email:
            continue
        news = _news_for(user, user_members, now)
        if not news:
            continue
        signature = signature or installation_name()
        letters.append(_letter(user, news, signature))
    queue_letters(letters)
    return len(letters)
