"""Notifications of mentoring: when a pair is formed both sides learn it (in the app and by e-mail, after commit)."""

from __future__ import annotations

from innoinfra.accounts.enums import Role
from innoinfra.accounts.models import Membership, User
from innoinfra.core.notifications import Notice, notify_many

from .models import MentoringPair


def _admins_of(organization_ids) -> list[User]:
    ids = [pk for pk in organization_ids if pk]
    if not ids:
        return []
    memberships = Membership.objects.active().filter(role=Role.ORG_ADMIN, organization_id__in=ids)
    return list(User.objects.filter(pk__in=memberships.values("user_id"), is_active=True).distinct())


def pair_formed(pair: MentoringPair) -> None:
    offer, request = pair.offer, pair.request
    url = pair.get_absolute_url()
    mentors = [offer.mentor_user] if offer.mentor_user_id else _admins_of([offer.mentor_organization_id])
    mentees = _admins_of([request.organization_id])
    notices = [
        Notice(
            user=user,
            title=f"Вы наставник: {request.organization}",
            text=f"Методист назначил вас наставником организации «{request.organization}» по теме «{request.topic}». "
            "Договоритесь о первой встрече и отмечайте встречи на странице пары.",
            url=url,
            key=f"mentoring:pair:{pair.pk}:formed",
        )
        for user in mentors
    ]
    notices += [
        Notice(
            user=user,
            title=f"Назначен наставник: {offer.mentor_name}",
            text=f"По запросу «{request.topic}» вашей организации назначен наставник — {offer.mentor_name}. "
            "Контакты и план работы — на странице пары.",
            url=url,
            key=f"mentoring:pair:{pair.pk}:formed",
        )
        for user in mentees
        if user not in mentors
    ]
    notify_many(notices)
