"""The call's staff set up a call: its settings, its timetable, its documents, a blind copy, a rubric.

- Лариса (`methodist`) runs the Amursky calls: every change below goes through a review service.
- Ирина (`orgadmin`) heads school № 1 and applies; she adds files to her application.
"""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from innoinfra.core.errors import ServiceError
from innoinfra.review import services
from innoinfra.review.enums import ReviewState, StageKind
from innoinfra.review.models import ApplicationFile, Assignment, CallDocument, Review
from tests.factories import UserFactory
from tests.review.factories import make_application, make_call

pytestmark = pytest.mark.django_db


def _stages_post(stages, **changes) -> dict:
    data = {
        "form-TOTAL_FORMS": str(len(stages)),
        "form-INITIAL_FORMS": str(len(stages)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for i, stage in enumerate(stages):
        data.update(
            {
                f"form-{i}-id": stage.pk,
                f"form-{i}-kind": stage.kind,
                f"form-{i}-starts_on": stage.starts_on,
                f"form-{i}-ends_on": stage.ends_on,
            }
        )
    data.update(changes)
    return data


def test_the_methodist_sets_the_timetable_with_its_permissions(client_for, methodist, amursky):
    call = make_call(amursky)
    stages = list(call.stages.order_by("starts_on"))
    later = stages[-1].ends_on + dt.timedelta(days=30)
    data = _stages_post(stages, **{"form-0-allows_submission": "on", "form-0-reveal_names": "on", "form-4-DELETE": "on"})
    data.update({"form-TOTAL_FORMS": "6", "form-5-kind": StageKind.RESULTS, "form-5-starts_on": later,
                 "form-5-ends_on": later + dt.timedelta(days=9)})
    response = client_for(methodist).post(f"/calls/{call.pk}/stages/", data)
    assert response.status_code == 302
    saved = list(call.stages.order_by("starts_on"))
    assert len(saved) == 5 and saved[-1].starts_on == later
    assert saved[0].allows_submission and saved[0].reveal_names
    assert not saved[1].allows_submission  # a flag left unticked on the page is off


def test_set_stages_refuses_a_stage_ending_before_it_starts_and_keeps_the_old_timetable(amursky):
    call = make_call(amursky)
    before = list(call.stages.values_list("pk", "starts_on", "ends_on"))
    day = dt.date(2025, 3, 1)
    with pytest.raises(ServiceError, match="окончание раньше начала"):
        services.set_stages(call, [(StageKind.APPLICATIONS, day, day), (StageKind.REVIEW, day, day - dt.timedelta(1))])
    assert list(call.stages.values_list("pk", "starts_on", "ends_on")) == before


def test_the_methodist_changes_the_settings_of_a_call(client_for, methodist, amursky):
    call = make_call(amursky)
    page = client_for(methodist).get(f"/calls/{call.pk}/edit/")
    data = {name: value for name, value in page.context["form"].initial.items() if value is not None}
    data.update(
        {
            "title": "  Конкурс на статус МИП в 2026 году ",
            "municipality": amursky.pk,
            "rubric": call.rubric_id,
            "site_kinds": [k.pk for k in call.site_kinds.all()],
            "panel": [],
        }
    )
    data = {k: v for k, v in data.items() if not isinstance(v, bool) or v}
    response = client_for(methodist).post(f"/calls/{call.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()
    call.refresh_from_db()
    assert call.title == "Конкурс на статус МИП в 2026 году"


def test_the_methodist_adds_and_removes_a_document_of_the_call(client_for, methodist, amursky):
    call = make_call(amursky)
    client = client_for(methodist)
    response = client.post(
        f"/calls/{call.pk}/documents/", {"title": "Положение о конкурсе", "url": "https://example.org/polozhenie"},
        follow=True,
    )
    assert "Документ добавлен." in response.content.decode()
    document = CallDocument.objects.get(call=call)
    assert document.title == "Положение о конкурсе" and document.position == 1
    response = client.post(f"/calls/documents/{document.pk}/delete/", follow=True)
    assert "Документ удалён." in response.content.decode()
    assert not CallDocument.objects.filter(call=call).exists()


def test_a_document_needs_a_title_and_a_file_or_a_link(amursky):
    call = make_call(amursky)
    with pytest.raises(ServiceError, match="Приложите файл или укажите ссылку"):
        services.add_document(call, title="Положение")
    assert not call.documents.exists()


def test_the_applicant_adds_a_file_and_is_named_as_its_uploader(client_for, amursky, school, orgadmin):
    call = make_call(amursky)
    application = make_application(call, school, by=orgadmin)
    upload = SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan", content_type="application/pdf")
    response = client_for(orgadmin).post(
        f"/applications/{application.pk}/files/", {"title": "План работы", "file": upload}, follow=True
    )
    assert "Файл добавлен." in response.content.decode()
    attached = ApplicationFile.objects.get(application=application)
    assert attached.title == "План работы" and attached.uploaded_by == orgadmin


def test_the_blind_copy_is_saved_with_its_files_and_recorded(methodist, amursky, school, orgadmin):
    call = make_call(amursky, is_blind=True)
    application = make_application(call, school, by=orgadmin)
    shown = ApplicationFile.objects.create(application=application, title="Программа", file="a/programma.pdf")
    hidden = ApplicationFile.objects.create(application=application, title="Устав", file="a/ustav.pdf")
    services.save_blind_copy(
        application, theme=" Проектная школа ", passport={}, depersonalised_files=[shown], by=methodist
    )
    application.refresh_from_db()
    assert application.blind_theme == "Проектная школа"
    assert ApplicationFile.objects.get(pk=shown.pk).depersonalised
    assert not ApplicationFile.objects.get(pk=hidden.pk).depersonalised
    event = application.events.latest("id")
    assert event.by == methodist and event.comment == "Сохранена обезличенная копия заявки для экспертов"


def test_a_rubric_is_changed_and_its_criteria_replaced_until_it_is_scored(amursky, school):
    call = make_call(amursky)
    rubric = call.rubric
    criteria = list(rubric.criteria.order_by("position").values("title", "max_level", "weight", "levels"))
    services.update_rubric(rubric, name="Лист 2026", criteria=criteria[:2])
    rubric.refresh_from_db()
    assert rubric.name == "Лист 2026"
    assert list(rubric.criteria.values_list("title", "position")) == [("Актуальность", 1), ("Новизна", 2)]
    with pytest.raises(ServiceError, match="наибольший балл должен быть больше наименьшего"):
        services.update_rubric(rubric, criteria=[{"title": "Пустой", "min_level": 2, "max_level": 2}])
    assert rubric.criteria.count() == 2
    assignment = Assignment.objects.create(application=make_application(call, school), expert=UserFactory())
    review = Review.objects.create(assignment=assignment, state=ReviewState.DRAFT)
    review.scores.create(criterion=rubric.criteria.first(), value=1)
    with pytest.raises(ServiceError, match="По этому листу уже выставлены баллы: изменить его нельзя"):
        services.update_rubric(rubric, name="Иначе", criteria=criteria)
    rubric.refresh_from_db()
    assert rubric.name == "Лист 2026" and rubric.criteria.count() == 2
