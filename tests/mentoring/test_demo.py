"""The demo's mentoring: two working pairs with meetings, open requests and offers; a second run adds nothing."""

import pytest

from innoinfra.accounts.models import User
from innoinfra.core.models import Notification
from innoinfra.demo.data import accounts as accounts_demo
from innoinfra.demo.data import mentoring as demo
from innoinfra.demo.data import registry as registry_demo
from innoinfra.mentoring import queries
from innoinfra.mentoring.models import Meeting, MentoringPair, MentoringRequest, MentorOffer

pytestmark = pytest.mark.django_db


def _counts():
    return [model.objects.count() for model in (MentoringRequest, MentorOffer, MentoringPair, Meeting)]


def test_the_demo_shows_pairs_at_work_and_requests_waiting_and_runs_twice_without_duplicates(client_for):
    registry = registry_demo.load()
    accounts_demo.load(registry)
    demo.load(registry)
    first = _counts()
    demo.load(registry)
    assert _counts() == first == [4, 4, 2, 3]
    amursky = registry["municipalities"]["amursky"]
    assert queries.mentoring_counts([amursky.pk]) == {
        "requests_open": 2,
        "pairs_active": 2,
        "pairs_completed": 0,
        "meetings_held": 3,
    }
    assert not Notification.objects.exists()  # the demo mails and notifies nobody
    orgadmin = User.objects.get(username="orgadmin")
    page = client_for(User.objects.get(username="methodist")).get(
        MentoringRequest.objects.get(organization=orgadmin.organization).get_absolute_url()
    )
    content = page.content.decode()
    assert "Сергеева Наталья Викторовна, МБОУ Гимназия № 8" in content  # the person mentor ranks first
    assert content.index("Сергеева Наталья") < content.index("Назначить наставника")
