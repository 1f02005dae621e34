"""The demo's data bank: 40+ published practices one finds by a word form, drafts, one waiting for moderation."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from innoinfra.practices.enums import PracticeState as S
from innoinfra.practices.models import Practice, PracticeVersion

pytestmark = pytest.mark.django_db


def test_the_demo_fills_the_bank_once(client):
    call_command("loaddemo")
    assert Practice.objects.filter(state=S.PUBLISHED).count() >= 40
    assert Practice.objects.filter(state=S.DRAFT).count() >= 3
    assert Practice.objects.filter(state=S.SUBMITTED).count() == 1
    examined = Practice.objects.get(state=S.UNDER_EXPERTISE)
    assert examined.expertise.assignments.get().expert.username == "expert1"
    # one practice in its second edition, published after a real expertise, with the conclusion attached
    edition = PracticeVersion.objects.get(number=2)
    assert edition.practice.state == S.PUBLISHED and edition.practice.expert_max == 10
    assert edition.practice.expert_score == Decimal("9.00") and "Эксперт 2" in edition.practice.expert_conclusion
    assert Practice.objects.filter(state=S.MERGED, revision_of=edition.practice).count() == 1
    found = client.get("/practices/", {"q": "наставничеству"}).context["page"].paginator.count
    assert found >= 4
    total = Practice.objects.count()
    call_command("loaddemo")
    assert Practice.objects.count() == total and PracticeVersion.objects.filter(number=2).count() == 1
    numbers = Practice.objects.exclude(registry_number=None).values_list("registry_number", flat=True)
    assert len(set(numbers)) == len(numbers) >= 40
