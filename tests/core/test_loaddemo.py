import datetime as dt

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from innoinfra.accounts.models import User
from innoinfra.accounts.scopes import scope_of
from innoinfra.reference.models import Municipality, Organization
from innoinfra.registry.models import Order, Site

pytestmark = pytest.mark.django_db

DEMO_USERS = ["authority", "methodist", "expert1", "expert2", "expert3", "orgadmin", "teacher"]


def counts():
    return (Municipality.objects.count(), Organization.objects.count(), Order.objects.count(), Site.objects.count(),
            User.objects.count())


def test_it_builds_the_three_districts_of_the_seeds_and_is_idempotent():
    call_command("loaddemo")
    first = counts()
    call_command("loaddemo")
    assert counts() == first
    assert set(Municipality.objects.values_list("name", flat=True)) == {
        "Амурский муниципальный район", "Выселковский район", "Московский район Санкт-Петербурга"}
    roadmap_order = Order.objects.get(number="172-Д")
    assert roadmap_order.date == dt.date(2025, 4, 11)
    assert "дорожная карта" in roadmap_order.title
    kip = Site.objects.get(kind__abbreviation="КИП")
    assert kip.lead_organization.short_name == "МКУ ИМЦ Выселковский район"
    assert kip.theme == "Совершенствование инновационной инфраструктуры межмуниципального взаимодействия"
    # the demo's statuses by their dates: a suspended site whose period ended is recorded as expired
    assert set(Site.objects.values_list("state", flat=True)) >= {"active", "completed", "expired"}


def test_demo_accounts_log_in_with_demo_and_hold_their_roles():
    call_command("loaddemo")
    for username in DEMO_USERS:
        assert authenticate(username=username, password="demo") is not None, username
    amursky = Municipality.objects.get(name="Амурский муниципальный район")
    assert scope_of(User.objects.get(username="methodist")).managed_municipalities == frozenset({amursky.pk})
    assert not scope_of(User.objects.get(username="teacher")).is_staff
    expert_bodies = {scope_of(User.objects.get(username=u)).bodies for u in ("expert1", "expert2", "expert3")}
    assert len(expert_bodies) == 1 and len(next(iter(expert_bodies))) == 1
    orgadmin = User.objects.get(username="orgadmin")
    assert scope_of(orgadmin).organizations == frozenset({orgadmin.organization_id})


def test_without_a_configured_address_the_demo_links_to_the_address_given_or_runserver_default(settings):
    from innoinfra.core.models import OutgoingMail

    settings.SITE_URL = ""  # a fresh machine: no SITE_URL, never served yet
    call_command("loaddemo", site_url="http://127.0.0.1:8101")
    bodies = list(OutgoingMail.objects.values_list("body", flat=True))
    assert bodies and any("http://127.0.0.1:8101/" in body for body in bodies)
    assert not any("http://127.0.0.1:8000/" in body for body in bodies)
