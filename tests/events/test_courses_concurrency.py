"""Two organizers issue удостоверения of two courses at the same moment: the register's numbers stay unique and
without gaps. Like test_concurrency, it needs PostgreSQL (separate connections, real row locks)."""

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from innoinfra.events.courses import services as courses
from innoinfra.events.courses.models import TrainingCertificate

from ..factories import MunicipalityFactory, OrganizationFactory
from .course_factories import held_course

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite shares one in-memory test connection between threads; run with DATABASE_URL=postgres://…",
    ),
]


def test_simultaneous_issues_give_unique_numbers_without_gaps():
    school = OrganizationFactory(municipality=MunicipalityFactory())
    first, _ = held_course(school, present=5, title="Первый курс")
    second, _ = held_course(school, present=5, title="Второй курс")
    start = threading.Barrier(2)
    errors = []

    def issue(course):
        try:
            start.wait(timeout=10)
            courses.issue_training_certificates(course)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(course,)) for course in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    year = timezone.localdate().year
    numbers = sorted(TrainingCertificate.objects.filter(year=year).values_list("sequence", flat=True))
    assert numbers == list(range(1, 11))
