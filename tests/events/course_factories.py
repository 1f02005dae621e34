"""Courses for tests, made through the services as an organizer makes them."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from innoinfra.events import services
from innoinfra.events.courses import services as courses
from innoinfra.events.enums import AssessmentForm, AssessmentResult

from .factories import sign_up

MODULES = [
    ("Инновационная инфраструктура района", 4, 2, 2),
    ("Коллективная интеллектуальная деятельность", 2, 8, 2),
    ("Проектирование инновационного продукта", 2, 8, 4),
    ("Защита проектов", 0, 2, 0),
]


def make_course(
    organizer,
    *,
    title="Осенняя школа творческих педагогов",
    starts_in=dt.timedelta(days=10),
    days=3,
    hours=36,
    format="course",
    modules=MODULES,
    published=True,
    site=None,
):
    starts = (timezone.now() + starts_in).replace(second=0, microsecond=0)
    event = services.create_event(
        title=title,
        format=format,
        organizer=organizer,
        site=site,
        starts_at=starts,
        ends_at=starts + dt.timedelta(days=days - 1, hours=6),
        place="г. Амурск, МБОУ Гимназия № 8",
        hours=hours,
        assessment_form=AssessmentForm.PROJECT,
        audience="Педагоги",
    )
    for title_, lecture, practice, self_study in modules:
        courses.add_module(
            event, title=title_, lecture_hours=lecture, practice_hours=practice, self_study_hours=self_study
        )
    if published:
        services.publish_event(event)
    return event


def held_course(organizer, *, present=3, absent=1, passed=None, **kwargs):
    """A course held yesterday (ended by now) with `present` people marked present; the first `passed` of them
    (all by default) passed the assessment."""
    days = kwargs.pop("days", 3)
    starts_in = kwargs.pop("starts_in", -dt.timedelta(days=days + 1))
    event = make_course(organizer, starts_in=starts_in, days=days, **kwargs)
    people = sign_up(event, present + absent, now=event.starts_at - dt.timedelta(days=2))
    services.mark_attendance(event, attended=[r.pk for r in people[:present]])
    services.mark_held(event)
    passed = present if passed is None else passed
    courses.record_assessments(event, results={r.pk: AssessmentResult.PASSED for r in people[:passed]})
    return event, people


def pdf_upload(name="ДПП.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n%programme\n")
