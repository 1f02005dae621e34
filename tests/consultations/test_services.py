"""Recording consultations and running consultation hours."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from innoinfra.consultations import services
from innoinfra.consultations.enums import SlotState
from innoinfra.consultations.models import Consultation, ConsultationSlot
from innoinfra.core.models import Notification

from ..factories import OrganizationFactory, make_site
from .factories import make_consultation, make_hour

pytestmark = pytest.mark.django_db


def test_a_methodist_records_a_consultation_of_her_territory(methodist, school):
    consultation = make_consultation(school, by=methodist, adviser=methodist, adviser_name="")
    assert consultation.municipality_id == school.municipality_id
    assert consultation.adviser_label == "Лариса Кривошеева"
    assert consultation.history.first().history_user == methodist


def test_refusals_say_what_is_wrong_and_save_nothing(methodist, other_methodist, school, amursky):
    cases = [
        (dict(held_on=timezone.localdate() + dt.timedelta(days=1)), "не может быть позже"),
        (dict(adviser_name=""), "кто консультировал"),
        (dict(duration_minutes=0), "Продолжительность"),
        (dict(site=make_site(organization=OrganizationFactory(municipality=amursky))), "не участвует"),
    ]
    for fields, message in cases:
        with pytest.raises(ValidationError, match=message):
            make_consultation(school, by=methodist, **fields)
    with pytest.raises(ValidationError, match="своей территории"):
        make_consultation(school, by=other_methodist)
    assert not Consultation.objects.exists()


def test_a_head_records_the_advice_her_school_got(orgadmin, teacher, school):
    assert make_consultation(school, by=orgadmin).created_by == orgadmin
    with pytest.raises(ValidationError):
        make_consultation(school, by=teacher)  # a teacher reads the school's log, the head keeps it


def test_an_organization_books_an_hour_and_the_adviser_hears_of_it(methodist, orgadmin, school):
    hour = make_hour(methodist)
    services.book_hour(hour, by=orgadmin, organization=school, question="Как оформить паспорт проекта?")
    hour.refresh_from_db()
    assert hour.state == SlotState.BOOKED and hour.booked_organization == school
    notice = Notification.objects.get(user=methodist)
    assert "МБОУ СОШ № 1 г. Амурска записалась" in notice.text and "паспорт проекта" in notice.text


def test_a_booked_hour_is_not_booked_twice(methodist, orgadmin, teacher, school):
    hour = make_hour(methodist)
    services.book_hour(hour, by=orgadmin, organization=school)
    with pytest.raises(ValidationError, match="уже занято"):
        services.book_hour(hour, by=teacher, organization=school)


def test_booking_is_for_one_own_organization_of_the_hour_territory(methodist, other_methodist, teacher, school):
    with pytest.raises(ValidationError, match="своей организации"):
        services.book_hour(make_hour(methodist), by=teacher, organization=OrganizationFactory())
    with pytest.raises(ValidationError, match="другой территории"):
        services.book_hour(make_hour(other_methodist), by=teacher, organization=school)


def test_a_held_hour_goes_into_the_log_once(methodist, orgadmin, school):
    hour = make_hour(methodist, duration_minutes=60)
    services.book_hour(hour, by=orgadmin, organization=school, question="Отчёт площадки")
    with pytest.raises(ValidationError, match="ещё не началась"):
        services.record_held_hour(hour, by=methodist, topic="")
    ConsultationSlot.objects.filter(pk=hour.pk).update(starts_at=timezone.now() - dt.timedelta(minutes=5))
    consultation = services.record_held_hour(hour, by=methodist, topic="", result="Структура отчёта согласована")
    assert consultation.topic == "Отчёт площадки" and consultation.duration_minutes == 60
    assert consultation.organization == school and consultation.adviser == methodist
    with pytest.raises(ValidationError, match="только час, на который была запись"):
        services.record_held_hour(hour, by=methodist, topic="Ещё раз")
    assert Consultation.objects.count() == 1
    with pytest.raises(ValidationError, match="уже проведена"):
        services.cancel_hour(hour, by=methodist)


def test_hours_do_not_overlap_and_lie_ahead(methodist):
    first = make_hour(methodist, duration_minutes=60)
    with pytest.raises(ValidationError, match="уже назначен"):
        make_hour(methodist, starts_at=first.starts_at + dt.timedelta(minutes=30))
    with pytest.raises(ValidationError, match="будущее"):
        make_hour(methodist, starts_at=timezone.now() - dt.timedelta(hours=1))
    assert make_hour(methodist, starts_at=first.starts_at + dt.timedelta(minutes=60)).pk


def test_cancelling_a_booked_hour_tells_who_booked(methodist, orgadmin, school):
    hour = make_hour(methodist)
    services.book_hour(hour, by=orgadmin, organization=school)
    services.cancel_hour(hour, by=methodist)
    assert Notification.objects.get(user=orgadmin).title == "Консультация отменена"
