"""Course pages and the courses API, told by the people of the Amursky district.

- Ирина (`orgadmin`) heads school № 1, which runs the course: edits its modules, marks results, issues удостоверения.
- Лариса (`methodist`) and Наталья (`authority`) run Amursky: the same, and the register of the territory.
- Вера (`other_methodist`) runs Vyselki: sees the course's page but may not change it, nor see its удостоверения.
- Пётр (`teacher`) took the course: sees his удостоверение on «Мои мероприятия и сертификаты», nobody else's.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from innoinfra.events.courses import services as courses
from innoinfra.events.courses.models import CourseModule, TrainingCertificate

from ..api.clients import api, logged_in
from ..conftest import ROLE_FIXTURES
from .course_factories import held_course, make_course

pytestmark = pytest.mark.django_db

RUNNERS = {"methodist", "authority", "orgadmin", "admin_user"}


@pytest.mark.parametrize("role", ROLE_FIXTURES)
def test_the_course_page_is_for_those_who_run_it(role, school, client_for, request):
    course = make_course(school)
    response = client_for(request.getfixturevalue(role)).get(f"/events/{course.pk}/course/")
    assert response.status_code == (200 if role in RUNNERS else 403)
    if role in RUNNERS:
        assert "Коллективная интеллектуальная деятельность" in response.content.decode()


def test_the_event_page_shows_the_modules_with_the_total_and_warns_of_a_difference(school, client_for):
    course = make_course(school)
    courses.add_module(course, title="<b>Рефлексия</b>", practice_hours=2)
    page = client_for(None).get(f"/events/{course.pk}/").content.decode()
    assert 'data-testid="course-total">38<' in page
    assert "объём программы указан 36 часов" in page
    assert "&lt;b&gt;Рефлексия&lt;/b&gt;" in page  # a name is text, never markup


def test_a_module_is_added_from_the_page_and_a_bad_one_is_refused(school, orgadmin, client_for):
    course = make_course(school, modules=[])
    client = client_for(orgadmin)
    ok = client.post(f"/events/{course.pk}/course/", {"action": "module", "title": "Модуль", "lecture_hours": 4,
                                                      "practice_hours": 0, "self_study_hours": 0})  # fmt: skip
    assert ok.status_code == 302
    bad = client.post(f"/events/{course.pk}/course/", {"action": "module", "title": "Пустой", "lecture_hours": 0,
                                                       "practice_hours": 0, "self_study_hours": 0})  # fmt: skip
    assert bad.status_code == 400
    assert "хотя бы один час" in bad.content.decode()
    assert CourseModule.objects.filter(event=course).count() == 1


def test_results_are_marked_and_certificates_issued_from_the_pages(school, orgadmin, client_for):
    course, people = held_course(school, present=2, passed=0)
    client = client_for(orgadmin)
    response = client.post(
        f"/events/{course.pk}/course/assessment/",
        {f"result_{people[0].pk}": "passed", f"result_{people[1].pk}": "failed"},
        follow=True,
    )
    assert "Результаты итоговой аттестации сохранены" in response.content.decode()
    response = client.post(f"/events/{course.pk}/course/issue/", {"issued_on": ""}, follow=True)
    assert "Выдано 1 удостоверение." in response.content.decode()
    assert TrainingCertificate.objects.get().registration_id == people[0].pk


def test_the_register_shows_each_organizer_their_own(school, methodist, other_methodist, client_for):
    course, _ = held_course(school, present=2)
    courses.issue_training_certificates(course)
    mine = client_for(methodist).get("/events/training-certificates/").content.decode()
    assert mine.count('data-testid="register-row"') == 2
    theirs = client_for(other_methodist).get("/events/training-certificates/").content.decode()
    assert 'data-testid="register-row"' not in theirs
    filtered = client_for(methodist).get("/events/training-certificates/?name=нет-такого").content.decode()
    assert "Удостоверений не найдено" in filtered


def test_the_register_costs_the_same_queries_for_one_row_and_for_three(
    school, methodist, client_for, django_assert_num_queries
):
    client = client_for(methodist)
    course, _ = held_course(school, present=1, title="Первый")
    courses.issue_training_certificates(course)
    client.get("/events/training-certificates/")  # warm the session and the scope caches
    with CaptureQueriesContext(connection) as one:
        client.get("/events/training-certificates/")
    other, _ = held_course(school, present=2, title="Второй")
    courses.issue_training_certificates(other)
    with django_assert_num_queries(len(one.captured_queries)):
        page = client.get("/events/training-certificates/").content.decode()
    assert page.count('data-testid="register-row"') == 3


def test_the_holder_sees_his_certificate_and_others_do_not(school, teacher, orgadmin, expert, client_for):
    course, people = held_course(school, present=1)
    type(people[0]).objects.filter(pk=people[0].pk).update(user=teacher)
    (certificate,) = courses.issue_training_certificates(course)
    page = client_for(teacher).get("/events/mine/").content.decode()
    assert f"Удостоверение № {certificate.number}" in page
    assert client_for(expert).get(f"/events/training-certificates/{certificate.pk}/pdf/").status_code == 404
    pdf = client_for(teacher).get(f"/events/training-certificates/{certificate.pk}/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


# ---------------------------------------------------------------- API


def test_the_api_lists_modules_of_a_visible_course_and_organizers_write(school, orgadmin, other_methodist):
    course = make_course(school)
    listed = api().get(f"/api/v1/course-modules/?event={course.pk}")
    assert listed.status_code == 200
    assert [row["total_hours"] for row in listed.json()["results"]] == [8, 12, 14, 2]
    payload = {"event": course.pk, "title": "Рефлексия", "practice_hours": 2}
    refused = api(other_methodist).post("/api/v1/course-modules/", payload, format="json")
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Программу курса меняют его организаторы."
    created = api(orgadmin).post("/api/v1/course-modules/", payload, format="json")
    assert created.status_code == 201 and created.json()["number"] == 5
    bad = api(orgadmin).post("/api/v1/course-modules/", {**payload, "practice_hours": 0}, format="json")
    assert bad.status_code == 400
    assert "хотя бы один час" in str(bad.json())
    assert api().post("/api/v1/course-modules/", payload, format="json").status_code in (401, 403)


def test_the_api_issues_and_shows_certificates_per_role(school, orgadmin, teacher, other_methodist):
    course, people = held_course(school, present=1)
    type(people[0]).objects.filter(pk=people[0].pk).update(user=teacher)
    refused = api(other_methodist).post("/api/v1/training-certificates/issue/", {"event": course.pk}, format="json")
    assert refused.status_code == 403
    issued = api(orgadmin).post("/api/v1/training-certificates/issue/", {"event": course.pk}, format="json")
    assert issued.status_code == 201
    number = issued.json()[0]["number"]
    assert number == f"ПК-{timezone.localdate().year}-0001"
    again = api(orgadmin).post("/api/v1/training-certificates/issue/", {"event": course.pk}, format="json")
    assert again.status_code == 400 and "Некому выдавать" in str(again.json())
    assert [r["number"] for r in logged_in(teacher).get("/api/v1/training-certificates/").json()["results"]] == [number]
    assert logged_in(other_methodist).get("/api/v1/training-certificates/").json()["results"] == []
    assert api().get("/api/v1/training-certificates/").status_code in (401, 403)


def test_the_event_in_the_api_states_hours_and_assessment(school):
    course = make_course(school)
    body = api().get(f"/api/v1/events/{course.pk}/").json()
    assert (body["hours"], body["assessment_form"]) == (36, "project")
