"""In-app notifications («уведомления») and the e-mails that carry them, for any part of the system.

A notification has a key saying what it is about («plans:occurrence:12:due-soon»): one user gets one notification
per key, ever, so daily jobs may run as often as they like without repeating themselves. E-mails go through the
mail queue (core.mail): recorded with the change, sent after it commits, so a rolled-back change never mails anyone
and a mail outage never breaks the change.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.urls import reverse

from .enums import MailKind
from .mail import Letter, queue_letters
from .models import Notification
from .site_url import absolute_url


@dataclass(frozen=True)
class Notice:
    """A notification to be given; url is a path of the site or an absolute link."""

    user: object
    title: str
    text: str
    url: str
    key: str


def notify_many(notices: list[Notice], *, email: bool = True, base_url: str | None = None) -> list[Notice]:
    """Create the notifications that do not exist yet (two queries for any number) and return those.

    With email=True each new one is also mailed to its user (one e-mail each, sent after commit). Two runs at the
    same moment cannot both create a notification (the unique key), but might in theory both mail it.
    """
    existing = _existing_keys(notices)
    fresh, seen = [], set()
    for notice in notices:
        pair = (notice.user.pk, notice.key)
        if pair not in existing and pair not in seen:
            seen.add(pair)
            fresh.append(notice)
    Notification.objects.bulk_create(
        [Notification(user=n.user, title=n.title, text=n.text, url=n.url, key=n.key) for n in fresh],
        ignore_conflicts=True,
    )
    if email:
        send_emails([(n.user, n.title, [n]) for n in fresh], base_url=base_url)
    return fresh


def notify(user, *, title: str, text: str, url: str, key: str, email: bool = True, base_url: str | None = None) -> bool:
    """Give the user a notification once per key; False (and no e-mail) if they already had it."""
    notice = Notice(user=user, title=title, text=text, url=url, key=key)
    return bool(notify_many([notice], email=email, base_url=base_url))


def _existing_keys(notices: list[Notice]) -> set[tuple[int, str]]:
    if not notices:
        return set()
    users = {n.user.pk for n in notices}
    keys = {n.key for n in notices}
    return set(Notification.objects.filter(user_id__in=users, key__in=keys).values_list("user_id", "key"))


# ---------------------------------------------------------------- e-mail


def greeting(user) -> str:
    name = " ".join(part for part in (user.first_name, user.middle_name) if part)
    return f"Здравствуйте, {name}!" if name else "Здравствуйте!"


def email_body(user, notices: list[Notice], *, intro: str = "", base_url: str | None = None, signature: str) -> str:
    entries = [{"title": n.title, "text": n.text, "url": absolute_url(n.url, base_url)} for n in notices]
    return render_to_string(
        "core/notifications/email.txt",
        {
            "greeting": greeting(user),
            "intro": intro,
            "entries": entries,
            "notifications_url": absolute_url(reverse("notifications:list"), base_url),
            "signature": signature,
        },
    ).strip()


def send_emails(letters, *, intro: str = "", base_url: str | None = None) -> int:
    """letters: (user, subject, notices) — one e-mail each, queued (sent together after the transaction commits).
    Users without an address are skipped; returns how many e-mails will go."""
    letters = [(user, subject, notices) for user, subject, notices in letters if notices and user.email]
    if not letters:
        return 0
    signature = installation_name()
    queue_letters(
        [
            Letter(
                to=user.email,
                subject=subject,
                body=email_body(user, notices, intro=intro, base_url=base_url, signature=signature),
                kind=MailKind.NOTIFICATION,
            )
            for user, subject, notices in letters
        ]
    )
    return len(letters)


def installation_name() -> str:
    from .models import InstallationSettings

    return InstallationSettings.current().name


def mark_read(notifications) -> int:
    """Mark a queryset of notifications read; those already read keep their first reading time."""
    from django.utils import timezone

    return notifications.filter(read_at__isnull=True).update(read_at=timezone.now())
