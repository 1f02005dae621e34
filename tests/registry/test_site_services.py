import datetime as dt

import pytest

from innoinfra.core.errors import ServiceError
from innoinfra.core.models import InstallationSettings
from innoinfra.registry import services
from innoinfra.registry.enums import SiteState
from innoinfra.registry.models import Site, SiteStateChange

from ..factories import OrderFactory, OrganizationFactory, kind, make_site

pytestmark = pytest.mark.django_db


def test_it_creates_an_active_site_with_its_order_and_first_state_change(school, methodist):
    order = OrderFactory(number="245-Д", municipality=school.municipality)
    site = services.create_site(
        kind=kind("МИП"),
        theme="Проектная школа",
        lead_organization=school,
        order=order,
        by=methodist,
        start_date=dt.date(2024, 9, 1),
    )
    assert site.state == SiteState.ACTIVE
    assert list(site.organizations.all()) == [school]
    change = SiteStateChange.objects.get(site=site)
    assert (change.to_state, change.order, change.changed_by, change.date) == ("active", order, methodist, order.date)
    assert site.history.first().history_user == methodist


def test_it_refuses_a_site_without_an_order(school):
    with pytest.raises(ServiceError, match="приказом"):
        services.create_site(kind=kind("МИП"), theme="Тема", lead_organization=school, order=None)
    assert not Site.objects.exists()


def test_it_refuses_participants_for_a_single_organization_kind(school):
    other = OrganizationFactory(municipality=school.municipality)
    with pytest.raises(ServiceError, match="одну организацию"):
        make_site(kind_abbr="МИП", organization=school, participants=[other])
    assert not Site.objects.exists()


def test_it_keeps_a_network_site_with_lead_and_participants(school):
    others = [OrganizationFactory(municipality=school.municipality) for _ in range(2)]
    site = make_site(kind_abbr="ИК", organization=school, participants=others)
    roles = dict(site.participants.values_list("organization_id", "role"))
    assert roles == {school.pk: "lead", others[0].pk: "participant", others[1].pk: "participant"}


def test_it_enforces_one_status_per_organization_when_the_installation_says_so(school):
    make_site(organization=school)
    make_site(kind_abbr="МАП", organization=school, theme="Вторая")  # allowed by default
    settings = InstallationSettings.current()
    settings.one_status_per_organization = True
    settings.save()
    with pytest.raises(ServiceError, match="уже есть действующий статус"):
        make_site(kind_abbr="МОП", organization=school, theme="Третья")
    assert Site.objects.count() == 2


def test_completing_a_site_needs_an_order_and_is_recorded(school, methodist):
    site = make_site(organization=school)
    with pytest.raises(ServiceError, match="приказом"):
        services.change_site_state(site, SiteState.COMPLETED, by=methodist)
    site.refresh_from_db()
    assert site.state == SiteState.ACTIVE
    closing = OrderFactory(number="118-Д", municipality=school.municipality)
    services.change_site_state(site, SiteState.COMPLETED, by=methodist, order=closing, date=dt.date(2027, 6, 30))
    site.refresh_from_db()
    assert site.state == SiteState.COMPLETED
    last = site.state_changes.first()
    assert (last.from_state, last.to_state, last.order, last.changed_by) == ("active", "completed", closing, methodist)
    assert site.history.first().history_change_reason == "Действует → Завершена"


@pytest.mark.parametrize(
    ("start", "target", "allowed"),
    [
        ("active", "suspended", True),
        ("suspended", "active", True),
        ("completed", "active", False),
        ("revoked", "active", False),
        ("completed", "revoked", False),
        ("active", "active", False),
    ],
)
def test_transition_table(school, start, target, allowed):
    site = make_site(organization=school)
    Site.objects.filter(pk=site.pk).update(state=start)
    site.refresh_from_db()
    order = OrderFactory(municipality=school.municipality)
    if allowed:
        services.change_site_state(site, target, order=order)
        assert Site.objects.get(pk=site.pk).state == target
    else:
        with pytest.raises(ServiceError, match="Нельзя перевести"):
            services.change_site_state(site, target, order=order)
        assert Site.objects.get(pk=site.pk).state == start


def test_a_stale_state_change_loses_to_the_first(school):
    site = make_site(organization=school)
    stale = Site.objects.get(pk=site.pk)
    services.change_site_state(site, SiteState.SUSPENDED)
    with pytest.raises(ServiceError, match="другой пользователь"):
        services.change_site_state(stale, SiteState.SUSPENDED)
    assert SiteStateChange.objects.filter(site=site, to_state="suspended").count() == 1


def test_update_site_refuses_to_change_state_directly(school):
    site = make_site(organization=school)
    with pytest.raises(ServiceError):
        services.update_site(site, state=SiteState.REVOKED)
