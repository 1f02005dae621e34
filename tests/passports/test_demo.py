"""The demo's КИП carries the passport of seed 002; other sites have brief ones; loading again duplicates nothing."""

import pytest
from django.core.management import call_command

from innoinfra.passports.models import SitePassport

pytestmark = pytest.mark.django_db


def test_the_demo_kip_has_the_seed_passport(client):
    call_command("loaddemo")
    first = SitePassport.objects.count()
    call_command("loaddemo")
    kip = SitePassport.objects.get(site__kind__abbreviation="КИП")
    assert kip.head_name == "Верзунова Ольга Александровна" and kip.version == 2
    assert kip.goal.startswith("Внедрение инновационной деятельности")
    assert SitePassport.objects.count() == first >= 5
    # the sites the demo council's order created took the passports of their applications
    assert SitePassport.history.filter(history_change_reason__startswith="Паспорт перенесён из заявки").exists()
    page = client.get(kip.get_absolute_url()).content.decode()
    assert "Задачи деятельности на 2023/2024 учебный год" in page
    assert "verzunova" not in page  # the e-mail is a person's: staff and the passport's editors see it
