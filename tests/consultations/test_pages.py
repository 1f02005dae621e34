"""The log and the hours on the pages: who sees what, and the forms."""

import datetime as dt

import pytest
from django.utils import timezone

from innoinfra.consultations.enums import SlotState
from innoinfra.consultations.models import Consultation, ConsultationSlot

from ..factories import OrganizationFactory
from .factories import make_consultation, make_hour

pytestmark = pytest.mark.django_db


@pytest.fixture
def log(school, amursky, vyselki, methodist):
    return {
        "ours": make_consultation(school, by=methodist, topic="Паспорт проекта"),
        "neighbour": make_consultation(OrganizationFactory(municipality=amursky), by=methodist, topic="Чужая"),
        "far": make_consultation(OrganizationFactory(municipality=vyselki), topic="Выселки"),
    }


def topics(response) -> set[str]:
    return {c.topic for c in response.context["page"]}


def test_each_role_sees_its_part_of_the_log(client_for, log, methodist, other_methodist, orgadmin, teacher, expert):
    assert topics(client_for(methodist).get("/consultations/")) == {"Паспорт проекта", "Чужая"}
    assert topics(client_for(other_methodist).get("/consultations/")) == {"Выселки"}
    assert topics(client_for(orgadmin).get("/consultations/")) == {"Паспорт проекта"}
    assert topics(client_for(teacher).get("/consultations/")) == {"Паспорт проекта"}
    assert topics(client_for(expert).get("/consultations/")) == set()
    assert client_for(teacher).get(log["neighbour"].get_absolute_url()).status_code == 404
    assert client_for().get("/consultations/").status_code == 302


def test_the_log_totals_and_constant_queries(client_for, methodist, school, assert_constant_queries):
    def grow(n):
        for _ in range(n):
            make_consultation(school, by=methodist, participants=2)

    client = client_for(methodist)
    client.get("/consultations/")  # the first visit fills caches that later visits only read
    assert_constant_queries(client, "/consultations/", grow)
    page = client.get("/consultations/").content.decode()
    assert "3 консультации, 6 участников, 2,2 ч." in page


def test_recording_through_the_form(client_for, methodist, school):
    response = client_for(methodist).post(
        "/consultations/new/",
        {"held_on": "2025-03-14", "form": "group", "organization": school.pk, "participants": 12,
         "topic": "<b>Упаковка</b> опыта", "duration_minutes": 60, "adviser": methodist.pk},
    )  # fmt: skip
    consultation = Consultation.objects.get()
    assert response.status_code == 302 and consultation.participants == 12
    page = client_for(methodist).get(consultation.get_absolute_url()).content.decode()
    assert "&lt;b&gt;Упаковка&lt;/b&gt; опыта" in page


def test_the_form_refuses_another_territory_with_400(client_for, other_methodist, school):
    response = client_for(other_methodist).post(
        "/consultations/new/",
        {"held_on": "2025-03-14", "form": "group", "organization": school.pk, "participants": 1,
         "topic": "Тема", "duration_minutes": 60, "adviser_name": "Иванова"},
    )  # fmt: skip
    assert response.status_code == 400 and not Consultation.objects.exists()


def test_booking_and_marking_held_on_the_hours_page(client_for, methodist, orgadmin, school):
    hour = make_hour(methodist)
    head = client_for(orgadmin)
    assert "Записаться" in head.get("/consultations/hours/").content.decode()
    head.post(f"/consultations/hours/{hour.pk}/book/", {"organization": school.pk, "question": "Отчёт"})
    hour.refresh_from_db()
    assert hour.state == SlotState.BOOKED
    again = head.post(f"/consultations/hours/{hour.pk}/book/", {"organization": school.pk}, follow=True)
    assert "уже занято" in again.content.decode()
    ConsultationSlot.objects.filter(pk=hour.pk).update(starts_at=timezone.now() - dt.timedelta(minutes=5))
    client_for(methodist).post(f"/consultations/hours/{hour.pk}/held/", {"topic": "Отчёт площадки"})
    assert ConsultationSlot.objects.get().state == SlotState.HELD
    assert Consultation.objects.get().organization == school


def test_only_the_adviser_or_staff_cancel_or_mark_held(client_for, methodist, orgadmin, teacher, school):
    hour = make_hour(methodist)
    assert client_for(orgadmin).post(f"/consultations/hours/{hour.pk}/cancel/").status_code == 403
    assert client_for(teacher).post(f"/consultations/hours/{hour.pk}/held/", {"topic": "x"}).status_code == 403
    assert client_for(methodist).post(f"/consultations/hours/{hour.pk}/cancel/").status_code == 302
    assert ConsultationSlot.objects.get().state == SlotState.CANCELLED
