"""The review engine at service level: from application to council decision."""

import datetime as dt

import pytest
from django.core import mail

from innoinfra.core.errors import ServiceError
from innoinfra.core.models import Notification
from innoinfra.review import services
from innoinfra.review.enums import ApplicationState as AS
from innoinfra.review.enums import AssignmentState, ReviewState, StageKind
from innoinfra.review.models import Application, ApplicationEvent
from innoinfra.review.ranking import build_ranking
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.review.factories import full_scores, in_review, make_application, make_call, make_rubric

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel(amursky):
    other = OrganizationFactory(municipality=amursky, short_name="МБОУ Гимназия № 8")
    return [
        UserFactory(username=f"exp{i}", last_name=f"Эксперт{i}", organization=other if i == 3 else None)
        for i in (1, 2, 3)
    ]


def test_number_sequence_and_history(amursky, school, orgadmin):
    call = make_call(amursky)
    first = make_application(call, school, by=orgadmin)
    second = make_application(call, OrganizationFactory(municipality=amursky), by=orgadmin)
    assert (first.number, second.number) == (1, 2)
    services.submit(first, by=orgadmin)
    events = list(ApplicationEvent.objects.filter(application=first).values_list("from_state", "to_state", "by"))
    assert events == [("", AS.DRAFT, orgadmin.pk), (AS.DRAFT, AS.SUBMITTED, orgadmin.pk)]


def test_submission_refused_after_the_close_unless_extended(amursky, school, orgadmin, methodist):
    call = make_call(amursky, stage=StageKind.FORMAL_CHECK)
    application = make_application(call, school, by=orgadmin)
    with pytest.raises(ServiceError, match="Приём заявок закрыт"):
        services.submit(application, by=orgadmin)
    services.grant_extension(application, until=dt.date.today() + dt.timedelta(days=2), by=methodist, reason="болезнь")
    services.submit(application, by=orgadmin)
    assert application.state == AS.SUBMITTED
    assert ApplicationEvent.objects.filter(application=application, comment__startswith="Срок подачи продлён").exists()


def test_incomplete_application_cannot_be_submitted(amursky, school, orgadmin):
    call = make_call(amursky)
    application = make_application(call, school, by=orgadmin)
    application.passport["goal"] = " "
    application.save()
    with pytest.raises(ServiceError, match="Цель проекта"):
        services.submit(application, by=orgadmin)
    assert Application.objects.get(pk=application.pk).state == AS.DRAFT


def test_return_for_revision_needs_remarks_and_tells_the_applicant(
    amursky, school, orgadmin, methodist, django_capture_on_commit_callbacks
):
    call = make_call(amursky)
    application = make_application(call, school, by=orgadmin, submitted=True)
    with pytest.raises(ServiceError):
        services.return_for_revision(application, by=methodist, remarks="  ")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.return_for_revision(application, by=methodist, remarks="Нет плана работы")
    assert application.state == AS.RETURNED
    note = Notification.objects.get(user=orgadmin, title__contains="возвращена")
    assert "Нет плана работы" in note.text
    assert len(mail.outbox) == 1
    services.update_application(application, by=orgadmin, supervisor="Петров П. П.")
    services.submit(application, by=orgadmin)
    assert application.state == AS.SUBMITTED


@pytest.mark.parametrize(
    ("path", "illegal"),
    [
        ((), AS.UNDER_REVIEW),
        ((AS.SUBMITTED,), AS.APPROVED),
        ((AS.SUBMITTED, AS.WITHDRAWN), AS.SUBMITTED),
        ((AS.SUBMITTED, AS.UNDER_REVIEW), AS.RECOMMENDED),
    ],
)
def test_illegal_transitions_are_refused(amursky, school, orgadmin, path, illegal):
    call = make_call(amursky)
    application = make_application(call, school, by=orgadmin)
    for state in path:
        services.transition(application, state)
    with pytest.raises(ServiceError, match="Нельзя перевести"):
        services.transition(application, illegal)
    assert Application.objects.get(pk=application.pk).state == (path[-1] if path else AS.DRAFT)


def test_withdrawal_impossible_after_the_decision(amursky, school, orgadmin):
    call = make_call(amursky)
    application = make_application(call, school, by=orgadmin, submitted=True)
    for state in (AS.UNDER_REVIEW, AS.REVIEWED, AS.RECOMMENDED):
        services.transition(application, state)
    with pytest.raises(ServiceError):
        services.withdraw(application, by=orgadmin)


def test_conflicts_of_interest_are_enforced(amursky, school, orgadmin, methodist, panel):
    call = make_call(amursky, panel=panel)
    colleague = UserFactory(username="colleague", organization=school)
    call.panel.add(colleague)
    application = in_review(make_application(call, school, by=orgadmin, submitted=True), by=methodist)
    with pytest.raises(ServiceError, match="работает в организации-заявителе"):
        services.assign(application, colleague, by=methodist)
    services.declare_conflict(panel[0], school, reason="супруга работает в школе")
    with pytest.raises(ServiceError, match="супруга"):
        services.assign(application, panel[0], by=methodist)
    outsider = UserFactory(username="outsider")
    with pytest.raises(ServiceError, match="не входит в экспертную группу"):
        services.assign(application, outsider, by=methodist)


def test_declaring_a_conflict_recuses_open_assignments(amursky, school, orgadmin, methodist, panel):
    call = make_call(amursky, panel=panel)
    application = in_review(make_application(call, school, by=orgadmin, submitted=True), experts=panel[:1])
    services.declare_conflict(panel[0], school, reason="бывший руководитель")
    assignment = application.assignments.get()
    assert assignment.state == AssignmentState.RECUSED
    assert "бывший руководитель" in assignment.reason


def test_network_partner_is_a_conflict_too(amursky, school, orgadmin, methodist, panel):
    call = make_call(amursky, panel=panel)
    partner = panel[2].organization
    application = make_application(call, school, by=orgadmin)
    services.update_application(application, by=orgadmin, partners=[partner])
    services.submit(application, by=orgadmin)
    in_review(application)
    with pytest.raises(ServiceError):
        services.assign(application, panel[2], by=methodist)


def test_auto_assign_balances_load_and_skips_conflicts(amursky, school, orgadmin, methodist, panel):
    call = make_call(amursky, panel=panel, experts_per_application=2)
    gym = panel[2].organization
    applications = [make_application(call, school, by=orgadmin, submitted=True)]
    applications += [
        make_application(call, OrganizationFactory(municipality=amursky), submitted=True) for _ in range(3)
    ]
    applications.append(make_application(call, gym, submitted=True))
    for application in applications:
        services.send_to_review(application)
    created = services.auto_assign(call, by=methodist)
    assert len(created) == 10
    loads = sorted(sum(1 for a in created if a.expert == e) for e in panel)
    assert loads[-1] - loads[0] <= 1
    assert not any(a.expert == panel[2] and a.application == applications[-1] for a in created)
    assert services.auto_assign(call, by=methodist) == []


def _scored_call(amursky, school, orgadmin, methodist, panel, **call_fields):
    call = make_call(amursky, panel=panel, stage=StageKind.REVIEW, **call_fields)
    services.set_stages(call, [(s.kind, s.starts_on, s.ends_on) for s in call.stages.all()])
    application = make_application(call, school, by=orgadmin)
    application.state = AS.SUBMITTED
    application.save()
    return call, in_review(application, experts=panel[:2], by=methodist)


def test_review_scores_lead_to_reviewed_state_and_ranking(amursky, school, orgadmin, methodist, panel):
    call, application = _scored_call(amursky, school, orgadmin, methodist, panel)
    first, second = application.assignments.order_by("expert__username")
    services.save_review(
        first,
        by=panel[0],
        scores=full_scores(call, [2, 2, 2]),
        conclusion="Проект зрелый",
        recommendation="support",
        submit=True,
    )
    assert Application.objects.get(pk=application.pk).state == AS.UNDER_REVIEW
    with pytest.raises(ServiceError, match="не выставлен балл"):
        services.save_review(second, by=panel[1], scores={}, conclusion="x", recommendation="reject", submit=True)
    draft = services.save_review(second, by=panel[1], scores=full_scores(call, [1, 0, 1]))
    assert draft.state == ReviewState.DRAFT
    services.save_review(
        second,
        by=panel[1],
        scores=full_scores(call, [1, 0, 1]),
        conclusion="Слабый",
        recommendation="reject",
        submit=True,
    )
    application.refresh_from_db()
    assert application.state == AS.REVIEWED
    assert Notification.objects.filter(user=methodist, title__contains="Все экспертизы").exists()
    row = build_ranking(call).rows[0]
    # 2×3+2×5+2×7 = 30 and 1×3+0×5+1×7 = 10: mean 20, spread 10, max 30
    assert (row.score, row.mean, row.median, row.spread) == (20, 20, 20, 10)
    assert row.passes is True  # 20 ≥ 0.6 × 30
    assert row.disputed is True  # (30 − 10) / 30 > 0.2


def test_low_score_requires_a_comment(amursky, school, orgadmin, methodist, panel):
    call, application = _scored_call(amursky, school, orgadmin, methodist, panel, rubric=make_rubric(comment_below=1))
    assignment = application.assignments.first()
    expert = assignment.expert
    with pytest.raises(ServiceError, match="нужен комментарий"):
        services.save_review(
            assignment,
            by=expert,
            scores=full_scores(call, [0, 2, 2]),
            conclusion="к",
            recommendation="revise",
            submit=True,
        )


def test_score_outside_the_scale_refused_and_other_experts_cannot_write(amursky, school, orgadmin, methodist, panel):
    call, application = _scored_call(amursky, school, orgadmin, methodist, panel)
    assignment = application.assignments.get(expert=panel[0])
    with pytest.raises(ServiceError, match="от 0 до 2"):
        services.save_review(assignment, by=panel[0], scores=full_scores(call, [3, 0, 0]))
    with pytest.raises(ServiceError, match="только назначенный эксперт"):
        services.save_review(assignment, by=panel[1], scores=full_scores(call, [1, 1, 1]))


def test_minimum_per_criterion_fails_an_otherwise_high_score(amursky, school, orgadmin, methodist, panel):
    call, application = _scored_call(amursky, school, orgadmin, methodist, panel, rubric=make_rubric(minimum=1))
    for assignment in application.assignments.all():
        services.save_review(
            assignment,
            by=assignment.expert,
            scores=full_scores(call, [0, 2, 2]),
            conclusion="ок",
            recommendation="support",
            submit=True,
        )
    row = build_ranking(call).rows[0]
    assert row.score == 24 and row.share == 80
    assert row.passes is False and [c.title for c in row.below_minimum] == ["Актуальность"]


def test_held_decisions_are_released_at_once(amursky, school, orgadmin, methodist):
    call = make_call(amursky, hold_decisions=True)
    application = make_application(call, school, by=orgadmin, submitted=True)
    for state in (AS.UNDER_REVIEW, AS.REVIEWED):
        services.transition(application, state)
    services.record_council_decision(application, recommended=True, by=methodist)
    assert not Notification.objects.filter(user=orgadmin, title__contains="рекомендована").exists()
    assert services.release_decisions(call, by=methodist) == 1
    assert Notification.objects.filter(user=orgadmin, title__contains="рекомендована").exists()
    with pytest.raises(ServiceError):
        services.release_decisions(call, by=methodist)


def test_copy_call_moves_stages_by_a_year(amursky, methodist, panel):
    call = make_call(amursky, panel=panel, title="Конкурс 2025 года")
    copy = services.copy_call(call, by=methodist)
    assert copy.title == "Конкурс 2026 года"
    assert copy.rubric == call.rubric and set(copy.panel.all()) == set(panel)
    assert not copy.is_published
    old, new = call.stages.first(), copy.stages.first()
    assert (new.starts_on.year - old.starts_on.year, new.kind) == (1, old.kind)


def test_teacher_memberships_do_not_make_an_applicant(amursky, school):
    teacher = UserFactory(username="t2", organization=school)
    MembershipFactory(user=teacher, role="teacher", organization=school)
    call = make_call(amursky)
    assert not teacher.has_perm("review.apply", call)
