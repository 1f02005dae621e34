"""An organization's and a site's pages show their public events: the coming ones and the last few past ones."""

import datetime as dt

import pytest

from innoinfra.events import services as event_services
from tests.events.factories import make_event

from ..factories import OrganizationFactory, make_site

pytestmark = pytest.mark.django_db


def test_the_organization_page_lists_its_public_events_not_drafts_nor_others(client, school):
    soon = make_event(school, title="Семинар для координаторов", starts_in=dt.timedelta(days=3))
    make_event(school, title="Вебинар наставников", starts_in=dt.timedelta(days=30))
    make_event(school, title="Черновик мастер-класса", published=False)
    make_event(OrganizationFactory(municipality=school.municipality), title="Чужой семинар")
    for i in range(5):
        make_event(school, title=f"Прошедший семинар {i}", starts_in=-dt.timedelta(days=10 + i))

    page = client.get(school.get_absolute_url()).content.decode()

    assert page.index("Семинар для координаторов") < page.index("Вебинар наставников")
    assert soon.get_absolute_url() in page
    assert "Черновик мастер-класса" not in page and "Чужой семинар" not in page
    # the last three past ones, latest first
    assert "Прошедший семинар 0" in page and "Прошедший семинар 2" in page and "Прошедший семинар 3" not in page
    assert page.index("Прошедший семинар 0") < page.index("Прошедший семинар 1")
    assert f'href="/events/?organizer={school.pk}"' in page
    assert f'href="/events/?organizer={school.pk}&amp;past=on"' in page
    assert f'href="/events/calendar.ics?organizer={school.pk}"' in page


def test_a_cancelled_event_is_shown_as_such(client, school):
    event_services.cancel_event(make_event(school, title="Отменённый семинар"))
    page = client.get(school.get_absolute_url()).content.decode()
    assert "Отменённый семинар" in page and "отменено" in page


def test_a_page_without_public_events_has_no_events_section(client, school):
    make_event(school, title="Черновик", published=False)
    page = client.get(school.get_absolute_url()).content.decode()
    assert 'data-testid="page-events"' not in page


def test_the_site_page_lists_the_events_on_the_sites_base(client, school):
    site = make_site(organization=school)
    make_event(school, title="Открытое занятие площадки", site=site)
    make_event(school, title="Семинар школы без площадки")
    make_event(school, title="Черновик площадки", site=site, published=False)

    page = client.get(site.get_absolute_url()).content.decode()

    assert "Открытое занятие площадки" in page
    assert "Семинар школы без площадки" not in page and "Черновик площадки" not in page
    assert f'href="/events/?site={site.pk}"' in page and f'href="/events/calendar.ics?site={site.pk}"' in page


def test_the_organization_page_reads_its_events_in_a_fixed_number_of_queries(client, school, assert_constant_queries):
    def grow(n):
        for i in range(n):
            make_event(school, title=f"Семинар {i}", starts_in=dt.timedelta(days=i + 1))
            make_event(school, title=f"Прошедший {i}", starts_in=-dt.timedelta(days=i + 1))

    client.get(school.get_absolute_url())  # the first page of all creates the installation's settings row
    # the organization, its statuses, the installation settings, and two for the events
    assert_constant_queries(client, f"/registry/organizations/{school.pk}/", grow, maximum=6)  # + the organization's publications


def test_the_site_page_reads_its_events_in_a_fixed_number_of_queries(client, school, count_queries):
    site = make_site(organization=school)
    make_event(school, title="Первое", site=site)
    with count_queries() as few:
        client.get(site.get_absolute_url())
    for i in range(3):
        make_event(school, title=f"Семинар {i}", site=site, starts_in=dt.timedelta(days=i + 1))
        make_event(school, title=f"Прошедший {i}", site=site, starts_in=-dt.timedelta(days=i + 1))
    with count_queries() as many:
        client.get(site.get_absolute_url())
    assert len(few) == len(many)
