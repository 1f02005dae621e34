"""Entering, correcting and removing publications: who may, what is refused, and what is counted."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from innoinfra.core.versioning import VersionConflict
from innoinfra.publications import queries, services
from innoinfra.publications.enums import PublicationLevel
from innoinfra.publications.models import Publication

from ..factories import OrganizationFactory, make_site
from .factories import make_publication

pytestmark = pytest.mark.django_db


def test_a_teacher_enters_a_publication_of_the_school_and_it_takes_the_school_territory(teacher, school):
    publication = make_publication(school, by=teacher)
    assert publication.municipality_id == school.municipality_id
    assert publication.created_by == teacher
    assert publication.history.first().history_user == teacher


def test_nobody_enters_a_publication_for_another_school(teacher, amursky):
    other = OrganizationFactory(municipality=amursky, short_name="МБОУ Гимназия № 8")
    with pytest.raises(ValidationError, match="только своей организации"):
        make_publication(other, by=teacher)
    assert not Publication.objects.exists()


def test_a_methodist_enters_publications_of_her_territory_only(methodist, school, vyselki):
    make_publication(school, by=methodist)
    with pytest.raises(ValidationError, match="только своей организации"):
        make_publication(OrganizationFactory(municipality=vyselki), by=methodist)


def test_a_publication_needs_a_link_or_a_file_and_no_future_date(teacher, school):
    with pytest.raises(ValidationError) as refused:
        make_publication(school, by=teacher, url="", published_on=timezone.localdate() + dt.timedelta(days=1))
    assert "ссылку" in str(refused.value) and "позже сегодняшнего" in str(refused.value)


def test_the_site_must_be_the_organization_own(teacher, school, amursky):
    foreign = make_site(organization=OrganizationFactory(municipality=amursky))
    with pytest.raises(ValidationError, match="не участвует в этой инновационной площадке"):
        make_publication(school, by=teacher, site=foreign)
    assert make_publication(school, by=teacher, site=make_site(organization=school)).site is not None


def test_a_stale_correction_is_refused_and_changes_nothing(teacher, school):
    publication = make_publication(school, by=teacher)
    services.update_publication(publication, by=teacher, version=1, title="Новый заголовок")
    stale = Publication.objects.get(pk=publication.pk)
    with pytest.raises(VersionConflict):
        services.update_publication(stale, by=teacher, version=1, title="Старый взгляд")
    assert Publication.objects.get(pk=publication.pk).title == "Новый заголовок"


def test_counts_by_level_cover_every_level_and_the_period(teacher, school):
    make_publication(school, by=teacher, level=PublicationLevel.REGIONAL, published_on=dt.date(2024, 5, 1))
    make_publication(school, by=teacher, level=PublicationLevel.REGIONAL, published_on=dt.date(2025, 2, 1))
    make_publication(school, by=teacher, level=PublicationLevel.FEDERAL, published_on=dt.date(2025, 3, 1))
    counts = queries.counts_by_level(start=dt.date(2024, 9, 1), end=dt.date(2025, 8, 31))
    assert counts == {
        "organization": 0,
        "municipal": 0,
        "regional": 1,
        "federal": 1,
        "international": 0,
    }


def test_removing_keeps_who_removed_it_in_the_history(orgadmin, teacher, school):
    publication = make_publication(school, by=teacher)
    services.delete_publication(publication, by=orgadmin)
    assert not Publication.objects.exists()
    assert Publication.history.filter(history_type="-").get().history_user == orgadmin
