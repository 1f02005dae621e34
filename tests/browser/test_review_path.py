"""The review path in a real browser, one role at a time: the applicant applies, the methodist checks and assigns,
the expert scores with the levels' meanings in view."""

import pytest
from playwright.sync_api import expect

from innoinfra.review import services
from innoinfra.review.enums import ApplicationState as AS
from innoinfra.review.enums import ReviewState, StageKind
from innoinfra.review.models import Application, Review

from ..factories import UserFactory
from ..review.factories import PASSPORT, make_application, make_call

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_applicant_fills_the_passport_and_submits(page, login, orgadmin, amursky, school, screenshot):
    call = make_call(amursky, title="Конкурс на присвоение статуса МИП")
    login("irina")
    page.goto("/calls/")
    page.get_by_role("link", name="Конкурс на присвоение статуса МИП").first.click()
    page.get_by_role("link", name="Подать заявку").click()
    page.get_by_label("Тема проекта").fill("Функциональная грамотность через проектную деятельность")
    page.get_by_label("Испрашиваемый статус").select_option(index=1)
    for code in ("goal", "tasks", "novelty"):
        page.get_by_label(
            dict(goal="Цель проекта", tasks="Задачи проекта", novelty="Новизна (инновационность) проекта")[code]
        ).fill(PASSPORT[code])
    page.get_by_role("button", name="Сохранить черновик").click()
    expect(page.get_by_text("Чтобы подать заявку, заполните")).to_be_visible()
    application = Application.objects.get(call=call)
    questions = []
    page.on("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
    # the rest of the passport, as if typed over a few days
    application.passport = {code: PASSPORT[code] for code in call.form_fields}
    application.save()
    page.reload()
    page.get_by_role("button", name="Подать заявку").click()
    expect(page.get_by_test_id("application-state")).to_have_text("Подана")
    assert questions and "только если методист вернёт её на доработку" in questions[-1]
    screenshot("review-application-submitted")
    application.refresh_from_db()
    assert application.state == AS.SUBMITTED and application.created_by == orgadmin


def test_the_methodist_returns_then_sends_to_review_and_assigns(page, login, methodist, amursky, school, screenshot):
    experts = [UserFactory(username=f"e{i}", last_name=f"Экспертова{i}", first_name="Анна") for i in (1, 2)]
    call = make_call(amursky, panel=experts)
    application = make_application(call, school, submitted=True)
    login("larisa")
    questions = []
    page.on("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
    page.goto(f"/calls/{call.pk}/applications/")
    page.get_by_role("link", name=str(application.number), exact=True).click()
    page.get_by_label("Замечания заявителю").fill("Не приложен план работы на учебный год")
    page.get_by_role("button", name="Вернуть на доработку").click()
    expect(page.get_by_test_id("application-state")).to_have_text("Возвращена на доработку")
    services.submit(application)  # the applicant corrects and resubmits
    page.reload()
    page.get_by_role("button", name="Передать на экспертизу").click()
    expect(page.get_by_test_id("application-state")).to_have_text("На экспертизе")
    assert "Вернуть её заявителю на доработку после этого будет нельзя" in questions[-1]
    expect(page.get_by_text("Назначьте экспертов (по условиям конкурса — 2)")).to_be_visible()
    page.get_by_label("Назначить эксперта").select_option(label="Экспертова2 Анна")
    page.get_by_role("button", name="Назначить", exact=True).click()
    expect(page.get_by_text("Эксперт назначен")).to_be_visible()
    page.goto(f"/calls/{call.pk}/applications/")
    page.get_by_role("button", name="Распределить автоматически").click()
    expect(page.get_by_text("Назначено экспертов: 1")).to_be_visible()
    screenshot("review-call-applications")
    assert set(application.assignments.values_list("expert__username", flat=True)) == {"e1", "e2"}


def test_the_expert_accepts_scores_and_submits(page, login, amursky, school, screenshot):
    expert = UserFactory(username="olga", last_name="Петрова", first_name="Ольга")
    call = make_call(amursky, panel=[expert], stage=StageKind.REVIEW, is_blind=True)
    application = make_application(call, school, theme="Проект МБОУ СОШ № 1")
    application.state = AS.SUBMITTED
    application.save()
    services.send_to_review(application)
    services.assign(application, expert)
    login("olga")
    page.goto("/expertise/")
    expect(page.locator("main")).not_to_contain_text(school.short_name)
    page.get_by_role("link", name=f"Заявка № {application.number}").click()
    page.get_by_role("button", name="Принять").click()
    expect(page.get_by_text("Назначение принято")).to_be_visible()
    for fieldset in page.locator("main fieldset").all():
        fieldset.get_by_label("проявляется в полной мере").check()
    page.get_by_label("Экспертное заключение").fill("Проект актуален, задачи реалистичны.")
    page.get_by_label("Рекомендация").select_option(label="Рекомендовать")
    screenshot("review-scoring-form")
    page.get_by_role("button", name="Отправить оценку").click()
    expect(page.get_by_text("Оценка отправлена. Спасибо!")).to_be_visible()
    expect(page.get_by_text("Итого с учётом весов")).to_be_visible()
    review = Review.objects.get(assignment__application=application)
    assert review.state == ReviewState.SUBMITTED and review.total == 2 * (3 + 5 + 7)
    assert school.short_name not in page.content()
