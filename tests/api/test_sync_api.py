"""How a regional system keeps its copy of the registry in step: `?updated_after=` takes only what changed, and
`If-None-Match` with the ETag of the last answer gets `304 Not Modified` while nothing changed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from innoinfra.reference.models import Organization
from innoinfra.registry.models import Site
from tests.factories import OrganizationFactory, make_site

from .clients import api, ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def aged(amursky):
    """Two sites and their organizations: one changed a week ago, one today."""
    old_site, new_site = (
        make_site(organization=OrganizationFactory(municipality=amursky)),
        make_site(organization=OrganizationFactory(municipality=amursky)),
    )
    week_ago = timezone.now() - dt.timedelta(days=7)
    Site.objects.filter(pk=old_site.pk).update(updated_at=week_ago)
    Organization.objects.filter(pk=old_site.lead_organization_id).update(updated_at=week_ago)
    return old_site, new_site


@pytest.mark.parametrize("resource", ["sites", "organizations"])
def test_updated_after_takes_only_what_changed(aged, resource):
    old_site, new_site = aged
    wanted = new_site.pk if resource == "sites" else new_site.lead_organization_id
    everything = old_site.pk if resource == "sites" else old_site.lead_organization_id
    since = (timezone.now() - dt.timedelta(days=1)).isoformat()
    assert ids(api().get(f"/api/v1/{resource}/", {"updated_after": since})) == {wanted}
    assert everything in ids(api().get(f"/api/v1/{resource}/"))


def test_a_bad_change_date_is_a_russian_400(aged):
    response = api().get("/api/v1/sites/", {"updated_after": "вчера"})
    assert response.status_code == 400
    assert response.json() == {
        "updated_after": ["Укажите дату и время изменения в формате ISO 8601, например 2025-04-11T09:30:00+10:00."]
    }


def test_a_far_offset_or_a_moment_off_the_calendar_is_no_server_error(aged):
    # PostgreSQL refuses an offset beyond ±15:59 that ISO 8601 allows: the moment is taken in UTC first
    assert api().get("/api/v1/sites/", {"updated_after": "0037-05-13T11:18:49-17:00"}).status_code == 200
    # year 1 at +10:00 is before the calendar starts in UTC
    assert api().get("/api/v1/sites/", {"updated_after": "0001-01-01T01:00:00+10:00"}).status_code == 400


def test_an_unchanged_list_is_304_and_a_change_shows(aged):
    client = api()
    first = client.get("/api/v1/sites/")
    tag = first["ETag"]
    assert first.status_code == 200 and tag
    again = client.get("/api/v1/sites/", HTTP_IF_NONE_MATCH=tag)
    assert (again.status_code, again.content) == (304, b"")
    Site.objects.filter(pk=aged[0].pk).update(theme="Новая тема")
    changed = client.get("/api/v1/sites/", HTTP_IF_NONE_MATCH=tag)
    assert changed.status_code == 200 and changed["ETag"] != tag


def test_a_record_keeps_its_version_etag_and_answers_304(aged):
    site = aged[1]
    first = api().get(f"/api/v1/sites/{site.pk}/")
    assert first["ETag"] == f'"{first.json()["version"]}"'
    assert api().get(f"/api/v1/sites/{site.pk}/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
