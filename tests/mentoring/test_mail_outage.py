"""A notification's e-mail never breaks the action that gives it: the methodist matches a mentor while the mail
server is down, the pair is formed and both sides notified in the system; the letters wait in the queue."""

import pytest
from django.core import mail
from django.utils import timezone

from innoinfra.accounts.enums import Role
from innoinfra.core.models import Notification, OutgoingMail
from innoinfra.mentoring.models import MentoringPair
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

from .factories import make_offer, make_request

pytestmark = pytest.mark.django_db


def test_matching_a_mentor_succeeds_while_the_mail_server_is_down(
    client_for, school, orgadmin, methodist, amursky, settings, django_capture_on_commit_callbacks
):
    gymnasium = OrganizationFactory(municipality=amursky, short_name="МБОУ Гимназия № 8")
    head = UserFactory(username="galina", organization=gymnasium)
    MembershipFactory(user=head, role=Role.ORG_ADMIN, organization=gymnasium)
    request = make_request(school, by=orgadmin)
    offer = make_offer(organization=gymnasium)
    settings.EMAIL_BACKEND = "tests.mail_backends.DownBackend"

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(methodist).post(
            f"/mentoring/requests/{request.pk}/match/",
            {"offer": offer.pk, "plan": "Проектная неделя", "started_on": timezone.localdate().isoformat()},
            follow=True,
        )

    assert response.status_code == 200
    assert "Наставник назначен. Обе стороны получили уведомление." in response.content.decode()
    assert MentoringPair.objects.filter(request=request, offer=offer).exists()
    assert Notification.objects.count() == 2
    letters = OutgoingMail.objects.order_by("to")
    assert [(m.to, m.kind, m.status) for m in letters] == [
        (head.email, "notification", "queued"),
        (orgadmin.email, "notification", "queued"),
    ]
    assert all(m.last_error.startswith("Почтовый сервер недоступен") for m in letters)
    assert mail.outbox == []
