"""The review pages as applicants, methodists and experts use them."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from innoinfra.review import services
from innoinfra.review.enums import ApplicationState as AS
from innoinfra.review.enums import AssignmentState, ReviewState, StageKind
from innoinfra.review.models import Application, ApplicationFile, Assignment, Call
from tests.factories import OrganizationFactory, UserFactory
from tests.hostile_files import demo_docx
from tests.review.factories import PASSPORT, in_review, make_application, make_call

pytestmark = pytest.mark.django_db


@pytest.fixture
def outsider(amursky):
    return UserFactory(username="outsider", last_name="Внешний", first_name="Эксперт")


def passport_post(call, **extra):
    data = {f"passport_{code}": PASSPORT[code] for code in call.form_fields}
    data.update(extra)
    return data


def test_public_sees_published_calls_only(client_for, amursky, methodist):
    make_call(amursky, title="Открытый конкурс")
    make_call(amursky, title="Черновик конкурса", published=False)
    page = client_for().get("/calls/").content.decode()
    assert "Открытый конкурс" in page and "Черновик конкурса" not in page
    assert "Черновик конкурса" in client_for(methodist).get("/calls/").content.decode()


def test_unpublished_call_is_hidden_from_the_public(client_for, amursky):
    call = make_call(amursky, published=False)
    assert client_for().get(f"/calls/{call.pk}/").status_code == 404


def test_applicant_fills_and_submits_then_resubmits_after_remarks(client_for, amursky, school, orgadmin, methodist):
    call = make_call(amursky)
    client = client_for(orgadmin)
    page = client.get(f"/calls/{call.pk}/")
    assert "Подать заявку" in page.content.decode()
    response = client.post(
        f"/calls/{call.pk}/apply/",
        passport_post(
            call,
            theme="Школа функциональной грамотности",
            lead_organization=school.pk,
            site_kind=call.site_kinds.get().pk,
            start_date="2025-09-01",
            end_date="2028-08-31",
        ),
    )
    application = Application.objects.get(call=call)
    assert response.status_code == 302 and response.url == f"/applications/{application.pk}/"
    assert application.passport["goal"] == PASSPORT["goal"] and application.created_by == orgadmin
    client.post(f"/applications/{application.pk}/do/submit/")
    application.refresh_from_db()
    assert application.state == AS.SUBMITTED
    # the methodist returns it with remarks; the applicant sees them, edits and submits again
    client_for(methodist).post(f"/applications/{application.pk}/do/return/", {"remarks": "Приложите план работы"})
    page = client.get(f"/applications/{application.pk}/").content.decode()
    assert "Приложите план работы" in page
    upload = SimpleUploadedFile("plan.docx", demo_docx(), content_type="application/octet-stream")
    client.post(f"/applications/{application.pk}/files/", {"title": "План работы", "file": upload})
    assert ApplicationFile.objects.filter(application=application, title="План работы").exists()
    client.post(f"/applications/{application.pk}/do/submit/")
    application.refresh_from_db()
    assert application.state == AS.SUBMITTED


def test_hostile_upload_is_refused(client_for, amursky, school, orgadmin):
    call = make_call(amursky)
    application = make_application(call, school, by=orgadmin)
    upload = SimpleUploadedFile("run.exe", b"MZ", content_type="application/octet-stream")
    response = client_for(orgadmin).post(
        f"/applications/{application.pk}/files/", {"title": "Вирус", "file": upload}, follow=True
    )
    assert "Файлы этого типа не принимаются" in response.content.decode()
    assert not application.files.exists()


def test_submission_after_the_close_shows_the_reason(client_for, amursky, school, orgadmin):
    call = make_call(amursky, stage=StageKind.REVIEW)
    application = make_application(call, school, by=orgadmin)
    response = client_for(orgadmin).post(f"/applications/{application.pk}/do/submit/", follow=True)
    assert "Приём заявок закрыт" in response.content.decode()
    application.refresh_from_db()
    assert application.state == AS.DRAFT


def test_applicant_cannot_run_the_methodists_actions(client_for, amursky, school, orgadmin):
    call = make_call(amursky)
    application = make_application(call, school, by=orgadmin, submitted=True)
    assert client_for(orgadmin).post(f"/applications/{application.pk}/do/review/").status_code == 403
    application.refresh_from_db()
    assert application.state == AS.SUBMITTED


def test_other_district_methodist_does_not_see_the_application(client_for, amursky, school, orgadmin, other_methodist):
    application = make_application(make_call(amursky), school, by=orgadmin, submitted=True)
    assert client_for(other_methodist).get(f"/applications/{application.pk}/").status_code == 404


def test_conflicted_expert_is_offered_but_disabled_and_refused(client_for, amursky, school, orgadmin, methodist):
    colleague = UserFactory(username="colleague", last_name="Коллегова", organization=school)
    call = make_call(amursky, panel=[colleague])
    application = in_review(make_application(call, school, by=orgadmin, submitted=True))
    page = client_for(methodist).get(f"/applications/{application.pk}/").content.decode()
    assert "конфликт: эксперт работает в организации-заявителе" in page
    response = client_for(methodist).post(
        f"/applications/{application.pk}/assign/", {"expert": colleague.pk}, follow=True
    )
    assert "Назначение невозможно" in response.content.decode()
    assert not Assignment.objects.exists()


def _blind_call_in_review(amursky, school, orgadmin, expert):
    call = make_call(amursky, panel=[expert], stage=StageKind.REVIEW, is_blind=True)
    application = make_application(call, school, by=orgadmin, theme="Тема школы № 1 г. Амурска")
    application.state = AS.SUBMITTED
    application.save()
    in_review(application, experts=[expert])
    return call, application


def test_blind_call_hides_the_applicant_from_the_expert_everywhere(client_for, amursky, school, orgadmin, outsider):
    call, application = _blind_call_in_review(amursky, school, orgadmin, outsider)
    ApplicationFile.objects.create(application=application, title="Устав МБОУ СОШ № 1", file="a/ustav.pdf")
    client = client_for(outsider)
    desk = client.get("/expertise/").content.decode()
    assignment = application.assignments.get()
    page = client.get(f"/expertise/{assignment.pk}/").content.decode()
    for text in (desk, page):
        assert school.short_name not in text
        assert "Тема школы" not in text
        assert PASSPORT["authors"] not in text  # a personal passport field
    assert PASSPORT["goal"] in page  # the rest of the passport is there to be judged
    assert "Устав" not in page
    assert client.get(f"/applications/{application.pk}/").status_code == 404
    # the methodist's depersonalised copy is what the expert then reads
    client_for_methodist = client_for(UserFactory(username="m2", is_superuser=True))
    client_for_methodist.post(
        f"/applications/{application.pk}/depersonalised/",
        {"blind_theme": "Проектная деятельность в основной школе", **passport_post(call, passport_authors="Автор А")},
    )
    page = client.get(f"/expertise/{assignment.pk}/").content.decode()
    assert "Проектная деятельность в основной школе" in page and "Автор А" in page


def test_expert_scores_with_meanings_in_view_saves_a_draft_then_submits(
    client_for, amursky, school, orgadmin, outsider
):
    call = make_call(amursky, panel=[outsider], stage=StageKind.REVIEW)
    application = make_application(call, school, by=orgadmin)
    application.state = AS.SUBMITTED
    application.save()
    in_review(application, experts=[outsider])
    assignment = application.assignments.get()
    client = client_for(outsider)
    page = client.get(f"/expertise/{assignment.pk}/").content.decode()
    assert "2 — проявляется в полной мере" in page  # the level's meaning beside the score
    criteria = list(call.rubric.criteria.all())
    draft = {f"score_{criteria[0].pk}": "2", "submit": "0"}
    assert client.post(f"/expertise/{assignment.pk}/", draft).status_code == 302
    assignment.refresh_from_db()
    assert assignment.review.state == ReviewState.DRAFT and assignment.state == AssignmentState.ACCEPTED
    incomplete = {**draft, "submit": "1", "conclusion": "Хорошо", "recommendation": "support"}
    response = client.post(f"/expertise/{assignment.pk}/", incomplete)
    assert response.status_code == 400 and "не выставлен балл" in response.content.decode()
    full = {**incomplete, **{f"score_{c.pk}": "1" for c in criteria[1:]}}
    assert client.post(f"/expertise/{assignment.pk}/", full).status_code == 302
    assignment.review.refresh_from_db()
    assert assignment.review.state == ReviewState.SUBMITTED and assignment.review.total == 2 * 3 + 5 + 7
    application.refresh_from_db()
    assert application.state == AS.REVIEWED
    # submitted: the form is gone and a second POST is refused
    assert client.post(f"/expertise/{assignment.pk}/", full).status_code == 403


def test_expert_declines_with_a_reason(client_for, amursky, school, orgadmin, outsider):
    call = make_call(amursky, panel=[outsider])
    application = in_review(make_application(call, school, by=orgadmin, submitted=True), experts=[outsider])
    assignment = application.assignments.get()
    client = client_for(outsider)
    response = client.post(f"/expertise/{assignment.pk}/respond/", {"answer": "decline"}, follow=True)
    assert "Укажите причину" in response.content.decode()
    client.post(f"/expertise/{assignment.pk}/respond/", {"answer": "decline", "reason": "Командировка"})
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.DECLINED and assignment.reason == "Командировка"


def test_another_expert_cannot_open_or_answer_an_assignment(client_for, amursky, school, orgadmin, outsider, expert):
    call = make_call(amursky, panel=[outsider])
    application = in_review(make_application(call, school, by=orgadmin, submitted=True), experts=[outsider])
    assignment = application.assignments.get()
    assert client_for(expert).get(f"/expertise/{assignment.pk}/").status_code == 404
    assert client_for(expert).post(f"/expertise/{assignment.pk}/respond/", {"answer": "accept"}).status_code == 404


def test_expert_declares_a_conflict(client_for, expert, amursky):
    organization = OrganizationFactory(municipality=amursky, short_name="МБДОУ № 3")
    response = client_for(expert).post(
        "/expertise/conflicts/", {"organization": organization.pk, "reason": "Дочь воспитанница"}, follow=True
    )
    assert "Конфликт интересов записан" in response.content.decode()
    assert "МБДОУ № 3" in response.content.decode()


def test_methodist_creates_a_call_sets_stages_and_publishes(client_for, methodist, amursky):
    from tests.review.factories import make_rubric

    rubric = make_rubric()
    client = client_for(methodist)
    response = client.post(
        "/calls/new/",
        {
            "title": "Конкурс на статус МИП 2026",
            "purpose": "status",
            "municipality": amursky.pk,
            "rubric": rubric.pk,
            "experts_per_application": 2,
            "aggregation": "mean",
            "pass_threshold": "0.6",
            "disagreement_threshold": "0.2",
            "status_years": 3,
            "show_reviews_to_applicants": "on",
        },
    )
    call = Call.objects.get(title="Конкурс на статус МИП 2026")
    assert response.status_code == 302 and call.stages.count() == 5
    assert not call.is_published
    page = client.get(f"/calls/{call.pk}/stages/")
    assert page.status_code == 200
    client.post(f"/calls/{call.pk}/publish/", {"publish": "1"})
    call.refresh_from_db()
    assert call.is_published
    client.post(f"/calls/{call.pk}/copy/")
    assert Call.objects.filter(copied_from=call).exists()


def test_stage_with_end_before_start_is_refused(client_for, methodist, amursky):
    call = make_call(amursky)
    stages = list(call.stages.all())
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
    data["form-0-ends_on"] = stages[0].starts_on - dt.timedelta(days=1)
    response = client_for(methodist).post(f"/calls/{call.pk}/stages/", data)
    assert response.status_code == 400
    assert call.stages.get(pk=stages[0].pk).ends_on == stages[0].ends_on


def test_outbox_shows_recipients_before_sending(client_for, methodist, amursky, school, orgadmin):
    call = make_call(amursky)
    make_application(call, school, by=orgadmin, submitted=True)
    other = make_application(call, OrganizationFactory(municipality=amursky), submitted=True)
    services.return_for_revision(other, remarks="Нет подписи")
    client = client_for(methodist)
    preview = client.post(f"/calls/{call.pk}/outbox/", {"states": ["submitted"], "send": "0"}).content.decode()
    assert orgadmin.last_name in preview and "Получатели: 1" in preview
    client.post(
        f"/calls/{call.pk}/outbox/",
        {"states": ["submitted"], "subject": "Заседание МЭС", "text": "Приглашаем на защиту", "send": "1"},
    )
    from innoinfra.core.models import Notification

    assert list(Notification.objects.filter(title="Заседание МЭС").values_list("user", flat=True)) == [orgadmin.pk]


def test_applicant_sees_anonymised_reviews_after_the_decision(client_for, amursky, school, orgadmin, outsider):
    call = make_call(amursky, panel=[outsider], stage=StageKind.REVIEW)
    application = make_application(call, school, by=orgadmin)
    application.state = AS.SUBMITTED
    application.save()
    in_review(application, experts=[outsider])
    from tests.review.factories import full_scores

    services.save_review(
        application.assignments.get(),
        by=outsider,
        scores=full_scores(call, [2, 1, 1]),
        conclusion="Сильная заявка",
        recommendation="support",
        submit=True,
    )
    client = client_for(orgadmin)
    assert "Сильная заявка" not in client.get(f"/applications/{application.pk}/").content.decode()
    services.record_council_decision(application, recommended=True)
    page = client.get(f"/applications/{application.pk}/").content.decode()
    assert "Эксперт 1" in page and "Сильная заявка" in page and outsider.last_name not in page


def test_lists_do_not_query_per_row(client_for, amursky, methodist, outsider, assert_constant_queries):
    call = make_call(amursky, panel=[outsider])

    def grow(n):
        for _ in range(n):
            application = make_application(call, OrganizationFactory(municipality=amursky), submitted=True)
            in_review(application, experts=[outsider])

    assert_constant_queries(client_for(methodist), f"/calls/{call.pk}/applications/", grow)
    call2 = make_call(amursky, panel=[outsider], title="Второй")

    def grow_desk(n):
        for _ in range(n):
            application = make_application(call2, OrganizationFactory(municipality=amursky), submitted=True)
            in_review(application, experts=[outsider])

    assert_constant_queries(client_for(outsider), "/expertise/", grow_desk)
    assert_constant_queries(client_for(), "/calls/", lambda n: [make_call(amursky) for _ in range(n)])


def test_rubric_is_copied_and_the_copy_edited_but_a_used_one_is_locked(client_for, methodist, amursky, teacher):
    from innoinfra.review.models import Rubric
    from tests.review.factories import make_rubric

    rubric = make_rubric()
    client = client_for(methodist)
    assert client_for(teacher).get(f"/rubrics/{rubric.pk}/").status_code == 403
    response = client.post(f"/rubrics/{rubric.pk}/copy/")
    copy = Rubric.objects.get(name=f"{rubric.name} (копия)")
    assert response.url == f"/rubrics/{copy.pk}/edit/" and copy.criteria.count() == 3
    criteria = list(copy.criteria.order_by("position"))
    data = {
        "name": "Лист 2026",
        "purpose": "status",
        "is_active": "on",
        "form-TOTAL_FORMS": "4",
        "form-INITIAL_FORMS": "3",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for i, c in enumerate(criteria):
        data.update(
            {
                f"form-{i}-id": c.pk,
                f"form-{i}-position": c.position,
                f"form-{i}-title": c.title,
                f"form-{i}-min_level": 0,
                f"form-{i}-max_level": 2,
                f"form-{i}-weight": "1",
                f"form-{i}-levels": "0 — нет\n1 — частично\n2 — полностью",
            }
        )
    data.update(
        {
            "form-3-position": 4,
            "form-3-title": "Устойчивость",
            "form-3-min_level": 0,
            "form-3-max_level": 3,
            "form-3-weight": "2",
            "form-3-levels": "0 — нет\n7 — вне шкалы",
        }
    )
    response = client.post(f"/rubrics/{copy.pk}/edit/", data)
    assert response.status_code == 400 and "Балл 7 вне шкалы 0–3" in response.content.decode()
    data["form-3-levels"] = "0 — нет\n3 — в полной мере"
    assert client.post(f"/rubrics/{copy.pk}/edit/", data).status_code == 302
    copy.refresh_from_db()
    assert copy.name == "Лист 2026" and copy.criteria.count() == 4
    assert copy.criteria.get(title="Устойчивость").levels[1] == {"value": 3, "meaning": "в полной мере"}
    assert copy.max_total == 1 * 2 * 3 + 2 * 3


def test_home_page_announces_calls_open_for_applications(client_for, amursky):
    make_call(amursky, title="Конкурс «Инновационный поиск»")
    make_call(amursky, title="Закрытый конкурс", stage=StageKind.REVIEW)
    make_call(amursky, title="Неопубликованный", published=False)
    page = client_for().get("/").content.decode()
    assert "Конкурс «Инновационный поиск»" in page
    assert "Закрытый конкурс" not in page and "Неопубликованный" not in page


def test_the_desk_puts_what_waits_for_the_expert_first_and_pages_by_fifty(client_for, amursky, outsider):
    from innoinfra.review.enums import ReviewState
    from innoinfra.review.models import Review
    from innoinfra.review.views.experts import DESK_PAGE_SIZE

    call = make_call(amursky, panel=[outsider])
    applications = []
    for n in range(DESK_PAGE_SIZE + 1):
        application = make_application(call, OrganizationFactory(municipality=amursky), submitted=True, theme=f"Тема {n}")
        applications.append(in_review(application, experts=[outsider]))
    # the oldest assignment is the only one still waiting: all the others have a submitted review
    for application in applications[1:]:
        Review.objects.create(assignment=application.assignments.get(), state=ReviewState.SUBMITTED)
    client = client_for(outsider)
    first = client.get("/expertise/")
    rows = first.context["rows"]
    assert len(rows) == DESK_PAGE_SIZE and rows[0]["number"] == applications[0].number
    assert "Страница 1 из 2" in first.content.decode()
    second = client.get("/expertise/?page=2")
    assert len(second.context["rows"]) == 1


def test_after_submitting_an_expert_sees_colleagues_reviews_but_not_a_recused_ones(client_for, amursky, outsider):
    from innoinfra.review import services as review_services
    from innoinfra.review.enums import AssignmentState, ReviewState
    from innoinfra.review.models import Assignment, Review
    from tests.review.factories import stages_around

    call = make_call(amursky, panel=[outsider])
    application = make_application(call, OrganizationFactory(municipality=amursky), submitted=True)
    # the council's stage has come: it shows colleagues' reviews to an expert who sent their own
    review_services.set_stages(call, stages_around(dt.date.today(), StageKind.MEETING))
    experts = {"own": outsider, "colleague": UserFactory(), "recused": UserFactory()}
    states = {"own": AssignmentState.ACCEPTED, "colleague": AssignmentState.ACCEPTED, "recused": AssignmentState.RECUSED}
    assignments = {}
    for key, expert in experts.items():
        assignments[key] = Assignment.objects.create(application=application, expert=expert, state=states[key])
        Review.objects.create(assignment=assignments[key], state=ReviewState.SUBMITTED, conclusion=f"Вывод: {key}")
    page = client_for(outsider).get(f"/expertise/{assignments['own'].pk}/").content.decode()
    assert "Вывод: colleague" in page
    assert "Вывод: recused" not in page
