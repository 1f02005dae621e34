"""Courses (ДПП) and удостоверения о повышении квалификации: the programme by modules and its hours, the final
assessment, the register numbered in sequence per year without gaps, refusals in Russian that change nothing."""

import datetime as dt
import io

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from innoinfra.core.errors import ServiceError
from innoinfra.events.courses import render as course_render
from innoinfra.events.courses import services as courses
from innoinfra.events.courses.models import TrainingCertificate, TrainingCertificateCounter
from innoinfra.events.enums import AssessmentResult

from .course_factories import held_course, make_course, pdf_upload
from .factories import make_event, sign_up

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- the course and its programme


def test_a_course_states_its_hours_and_assessment(school):
    with pytest.raises(ServiceError, match="объём программы курса в академических часах"):
        make_event(school, format="course")
    course = make_course(school)
    assert course.is_course and course.hours == 36


def test_a_seminar_carries_no_hours(school):
    event = make_event(school, format="seminar", assessment_form="exam")
    assert event.hours is None and event.assessment_form == ""


def test_the_total_is_summed_from_the_modules_and_a_difference_is_flagged(school):
    course = make_course(school)
    totals = courses.ProgrammeHours.of(course, course.course_modules.all())
    assert (totals.lecture, totals.practice, totals.self_study, totals.total) == (8, 20, 8, 36)
    assert not totals.differs
    courses.add_module(course, title="Рефлексия", practice_hours=2)
    totals = courses.ProgrammeHours.of(course, course.course_modules.all())
    assert totals.total == 38 and totals.differs


def test_modules_are_numbered_in_order_and_a_number_is_not_repeated(school):
    course = make_course(school, modules=[])
    first = courses.add_module(course, title="Первый", lecture_hours=2)
    second = courses.add_module(course, title="Второй", practice_hours=2)
    assert (first.number, second.number) == (1, 2)
    with pytest.raises(ServiceError, match="Модуль № 1 в программе уже есть"):
        courses.add_module(course, number=1, title="Дубль", lecture_hours=1)


def test_a_module_outside_the_course_dates_or_without_hours_is_refused(school):
    course = make_course(school, modules=[])
    with pytest.raises(ServiceError, match="хотя бы один час"):
        courses.add_module(course, title="Пустой")
    with pytest.raises(ServiceError, match="в пределах дат курса"):
        courses.add_module(
            course, title="Поздний", lecture_hours=2, starts_on=timezone.localdate() + dt.timedelta(days=90)
        )
    assert course.course_modules.count() == 0


def test_modules_are_not_added_to_a_seminar(school):
    event = make_event(school)
    with pytest.raises(ServiceError, match="не курс повышения квалификации"):
        courses.add_module(event, title="Модуль", lecture_hours=2)


def test_the_programme_file_passes_the_upload_gate(school):
    course = make_course(school)
    courses.set_programme_file(course, file=pdf_upload())
    course.refresh_from_db()
    assert course.programme_download_name == "ДПП.pdf"
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ServiceError):
        courses.set_programme_file(course, file=SimpleUploadedFile("ДПП.exe", b"MZ\x90\x00"))


# ---------------------------------------------------------------- assessment


def test_only_those_present_are_assessed(school):
    course, people = held_course(school, present=2, absent=1, passed=0)
    absent = people[2]
    with pytest.raises(ServiceError, match="аттестуют только тех, кто отмечен присутствовавшим"):
        courses.record_assessments(course, results={people[0].pk: "passed", absent.pk: "passed"})
    people[0].refresh_from_db()
    assert people[0].assessment_result == ""  # all or nothing


def test_an_unknown_result_is_refused(school):
    course, people = held_course(school, present=1, passed=0)
    with pytest.raises(ServiceError, match="Неизвестный результат"):
        courses.record_assessments(course, results={people[0].pk: "excellent"})


def test_no_assessment_before_the_course_starts(school):
    course = make_course(school)
    (person,) = sign_up(course, 1)
    with pytest.raises(ServiceError, match="после начала курса"):
        courses.record_assessments(course, results={person.pk: "passed"})


# ---------------------------------------------------------------- issue and numbering


def test_those_who_passed_get_numbered_certificates_with_the_programme_and_hours(school):
    course, people = held_course(school, present=3, absent=1, passed=2)
    issued = courses.issue_training_certificates(course, issued_on=timezone.localdate())
    year = timezone.localdate().year
    assert [c.number for c in issued] == [f"ПК-{year}-0001", f"ПК-{year}-0002"]
    assert {c.registration_id for c in issued} == {people[0].pk, people[1].pk}
    assert all(c.hours == 36 and c.programme_title == course.title for c in issued)


def test_an_assessment_is_required_before_issue(school):
    course, people = held_course(school, present=2, passed=0)
    with pytest.raises(ServiceError, match="Некому выдавать удостоверения"):
        courses.issue_training_certificates(course)
    courses.record_assessments(course, results={people[0].pk: AssessmentResult.FAILED})
    with pytest.raises(ServiceError, match="прошедшим итоговую аттестацию"):
        courses.issue_training_certificates(course, registrations=[people[0]])
    assert TrainingCertificate.objects.count() == 0


def test_no_issue_before_the_course_is_held(school):
    course = make_course(school)
    with pytest.raises(ServiceError, match="после того, как курс отмечен проведённым"):
        courses.issue_training_certificates(course)


def test_issuing_again_gives_nobody_a_second_certificate_and_the_result_is_frozen(school):
    course, people = held_course(school, present=1)
    courses.issue_training_certificates(course)
    with pytest.raises(ServiceError, match="Некому выдавать"):
        courses.issue_training_certificates(course)
    with pytest.raises(ServiceError, match="удостоверение уже выдано"):
        courses.record_assessments(course, results={people[0].pk: AssessmentResult.FAILED})


def test_numbers_run_on_across_courses_and_restart_each_year(school):
    first, _ = held_course(school, present=2, title="Первый курс", starts_in=-dt.timedelta(days=400))
    second, _ = held_course(school, present=1, title="Второй курс")
    third, _ = held_course(school, present=1, title="Третий курс")
    today = timezone.localdate()
    last_year = courses.issue_training_certificates(first, issued_on=today - dt.timedelta(days=366))
    this_year = courses.issue_training_certificates(second) + courses.issue_training_certificates(third)
    assert [c.number for c in last_year] == [f"ПК-{today.year - 1}-0001", f"ПК-{today.year - 1}-0002"]
    assert [c.sequence for c in this_year] == [1, 2]


def test_a_date_of_issue_in_the_future_is_refused(school):
    course, _ = held_course(school, present=1)
    with pytest.raises(ServiceError, match="позже сегодняшней"):
        courses.issue_training_certificates(course, issued_on=timezone.localdate() + dt.timedelta(days=30))


def test_a_rolled_back_issue_gives_its_numbers_back(school):
    first, _ = held_course(school, present=2, title="Первый курс")
    second, _ = held_course(school, present=1, title="Второй курс")
    with pytest.raises(RuntimeError), transaction.atomic():
        courses.issue_training_certificates(first)
        raise RuntimeError("the page failed after the issue")
    assert TrainingCertificate.objects.count() == 0
    issued = courses.issue_training_certificates(second) + courses.issue_training_certificates(first)
    assert sorted(c.sequence for c in issued) == [1, 2, 3]  # no gap where the rolled-back ones were


@override_settings(TRAINING_CERTIFICATE_NUMBER="{number}/ПК-{year}")
def test_the_number_pattern_is_a_setting(school):
    course, _ = held_course(school, present=1)
    (certificate,) = courses.issue_training_certificates(course)
    assert certificate.number == f"1/ПК-{timezone.localdate().year}"


def test_the_certificate_pdf_names_the_holder_the_programme_and_the_hours(school):
    course, _ = held_course(school, present=1, title="Стажировка «Школа проектов»")
    (certificate,) = courses.issue_training_certificates(course)
    pdf = course_render.certificate_pdf(certificate)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert certificate.number in text
    assert "36 часов" in text
    assert "УДОСТОВЕРЕНИЕ" in text
    # a name inside the programme's name takes the inner quotes, not a second pair of «»
    assert "«Стажировка „Школа проектов“»" in " ".join(text.split())


def test_the_register_xlsx_reads_back_and_keeps_formulas_as_text(school, methodist, client_for):
    course, people = held_course(school, present=1)
    type(people[0]).objects.filter(pk=people[0].pk).update(full_name='=HYPERLINK("http://evil","Жми")')
    courses.issue_training_certificates(course)
    response = client_for(methodist).get("/events/training-certificates.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "Регистрационный номер"
    assert rows[1][0].startswith("ПК-") and rows[1][2] == '=HYPERLINK("http://evil","Жми")'
    assert sheet.cell(row=2, column=3).data_type == "s"
    assert rows[1][6] == 36


def test_the_counter_is_one_row_per_year(school):
    course, _ = held_course(school, present=3)
    courses.issue_training_certificates(course)
    assert TrainingCertificateCounter.objects.get(year=timezone.localdate().year).last == 3


def test_the_programme_of_a_held_course_is_not_changed(school):
    course, _ = held_course(school, present=1)
    module = course.course_modules.first()
    with pytest.raises(ServiceError, match="проведённого или отменённого курса"):
        courses.delete_module(module)
    assert course.course_modules.filter(pk=module.pk).exists()
