"""The demo's data bank: 40+ published practices one finds by a word form, drafts, one waiting for moderation."""

import pytest
from django.core.management import call_command

from innoinfra.practices.enums import PracticeState as S
from innoinfra.practices.models import Practice

pytestmark = pytest.mark.django_db


def test_the_demo_fills_the_bank_once(client):
    call_command("loaddemo")
    assert Practice.objects.filter(state=S.PUBLISHED).count() >= 40
    assert Practice.objects.filter(state=S.DRAFT).count() >= 3
    assert Practice.objects.filter(state=S.SUBMITTED).count() == 1
    found = client.get("/practices/", {"q": "наставничеству"}).context["page"].paginator.count
    assert found >= 4
    total = Practice.objects.count()
    call_command("loaddemo")
    assert Practice.objects.count() == total
    numbers = Practice.objects.exclude(registry_number=None).values_list("registry_number", flat=True)
    assert len(set(numbers)) == len(numbers) >= 40
