"""Word documents of a review: the expert's conclusion and the summary conclusion for the council."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.utils import timezone
from docx import Document

from innoinfra.core.dates import russian_date
from innoinfra.core.typography import plain
from innoinfra.review.documents import number, points
from tests.review import test_ranking_views as results
from tests.review.test_ranking_views import scored_world

pytestmark = pytest.mark.django_db
council, chair = results.council, results.chair  # the fixtures of the results tests
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def world(amursky, school, council):
    return scored_world(amursky, school, body=council)


@pytest.fixture
def blind(amursky, school, council):
    return scored_world(amursky, school, body=council, is_blind=True)


def opened(response):
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    return Document(io.BytesIO(response.content))


def text_of(document) -> str:
    parts = [plain(p.text) for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(plain(cell.text) for cell in row.cells)
    return "\n".join(parts)


def table_rows(table) -> list[list[str]]:
    return [[plain(cell.text) for cell in row.cells] for row in table.rows]


def review_url(application, expert) -> str:
    return f"/expertise/{application.assignments.get(expert=expert).pk}/conclusion.docx"


# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("value", "text"),
    [(Decimal(20), "20"), (Decimal("1.50"), "1,5"), (Decimal("66.666"), "66,67"), (None, "—"), (0, "0")],
)
def test_numbers_in_russian(value, text):
    assert number(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1, "1 балл"),
        (3, "3 балла"),
        (11, "11 баллов"),
        (18, "18 баллов"),
        (22, "22 балла"),
        (Decimal("20.5"), "20,5 балла"),
    ],
)
def test_points_agree_with_the_number(value, text):
    assert points(value) == text


# ---------------------------------------------------------------- the expert's conclusion


def test_expert_downloads_their_conclusion(client_for, world, school):
    e1 = world.experts[0]
    document = opened(client_for(e1).get(review_url(world.first, e1)))
    text = text_of(document)
    assert "ЭКСПЕРТНОЕ ЗАКЛЮЧЕНИЕ" in text and "на заявку № 1" in text
    assert f"«{world.call.title}»" in text
    assert school.full_name in text and "Школа функциональной грамотности" in text
    (table,) = document.tables
    rows = table_rows(table)
    assert rows[0] == ["№", "Критерий", "Балл и его значение", "Вес", "Баллы", "Комментарий"]
    assert rows[1] == [
        "1",
        "Актуальность",
        "2 — проявляется в полной мере (из 2)",
        "3",
        "6",
        "Тема востребована в районе",
    ]
    assert rows[2][1:5] == ["Новизна", "2 — проявляется в полной мере (из 2)", "5", "10"]
    assert rows[3][1:5] == ["Результативность", "2 — проявляется в полной мере (из 2)", "7", "14"]
    assert rows[4][0] == "Итого с учётом весов" and rows[4][4] == "30" and rows[4][5] == "из 30"
    assert "Итоговый балл: 30 баллов из 30 (100 % максимума)" in text
    assert "Проект зрелый, результаты измеримы." in text
    assert "Рекомендация: Рекомендовать" in text
    assert "Эксперт: Экспертова1 Анна Ивановна" in text
    assert f"Дата: {russian_date(timezone.localdate())}" in text
    assert "Подпись _______________ / Экспертова1 А.И. /" in text
    assert "ПРОЕКТ" not in text
    style = document.styles["Normal"].font
    assert style.name == "Times New Roman"
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_low_scores_show_their_meaning_and_a_draft_is_marked(client_for, world, methodist):
    e2, e3 = world.experts[1], world.experts[2]
    rows = table_rows(opened(client_for(e2).get(review_url(world.first, e2))).tables[0])
    assert [row[2] for row in rows[1:4]] == [
        "1 — проявляется частично (из 2)",
        "0 — не проявляется (из 2)",
        "1 — проявляется частично (из 2)",
    ]
    assert rows[4][4] == "10"
    draft = text_of(opened(client_for(methodist).get(review_url(world.third, e3))))
    assert "ПРОЕКТ: оценка ещё не отправлена экспертом" in draft


def test_blind_call_hides_the_applicant_in_the_experts_conclusion(client_for, blind, methodist, school):
    e1 = blind.experts[0]
    text = text_of(opened(client_for(e1).get(review_url(blind.first, e1))))
    assert school.short_name not in text and school.full_name not in text
    assert "Школа функциональной грамотности" not in text
    assert "Заявитель: скрыт (слепая экспертиза)" in text
    staff_text = text_of(opened(client_for(methodist).get(review_url(blind.first, e1))))
    assert school.full_name in staff_text and "Школа функциональной грамотности" in staff_text


def test_who_may_download_an_experts_conclusion(
    client_for,
    world,
    methodist,
    authority,
    other_methodist,
    chair,
    orgadmin,
    expert,
):
    e1, e2 = world.experts[:2]
    url = review_url(world.first, e1)
    for user in (e1, methodist, authority):
        assert client_for(user).get(url).status_code == 200
    for user in (e2, other_methodist, chair, orgadmin, expert):
        assert client_for(user).get(url).status_code == 404
    response = client_for().get(url)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    # no review yet (the assignment was declined before any scoring): nothing to download, even for the expert
    assert client_for(e2).get(review_url(world.second, e2)).status_code == 404


# ---------------------------------------------------------------- the summary conclusion


def test_summary_conclusion_anonymises_the_experts(client_for, world, methodist, school):
    document = opened(client_for(methodist).get(f"/applications/{world.first.pk}/conclusion.docx"))
    text = text_of(document)
    assert "СВОДНОЕ ЭКСПЕРТНОЕ ЗАКЛЮЧЕНИЕ" in text and "по заявке № 1" in text
    assert school.full_name in text and "Школа функциональной грамотности" in text
    assert "Экспертова" not in text  # the experts are «Эксперт 1, 2»
    experts, criteria = document.tables
    assert table_rows(experts) == [
        ["Эксперт", "Итоговый балл", "% максимума", "Рекомендация"],
        ["Эксперт 1", "30", "100", "Рекомендовать"],
        ["Эксперт 2", "10", "33,33", "Не рекомендовать"],
    ]
    assert table_rows(criteria)[1] == ["1", "Актуальность", "1,5", "—", "Эксперт 1: 2; Эксперт 2: 1"]
    for line in (
        "Способ сведения оценок: Среднее по экспертам",
        "Сводный балл: 20 баллов из 30",
        "Среднее: 20",
        "Медиана: 20",
        "Разброс (стандартное отклонение): 10",
        "Процент от максимального балла: 66,67 %",
        "Порог прохождения: 60 % максимума (18 баллов)",
        "Заявка проходит порог: 20 баллов при пороге 18 баллов.",
        "Проект зрелый, результаты измеримы.",
        "Новизна не показана.",
    ):
        assert line in text, line
    assert "оценки экспертов расходятся" in text
    assert "Отправлено оценок экспертов: 2 из 2" in text


def test_summary_leaves_out_recused_and_declined_experts(client_for, world, methodist):
    text = text_of(opened(client_for(methodist).get(f"/applications/{world.second.pk}/conclusion.docx")))
    assert "Заключение отведённого эксперта" not in text
    assert "Эксперт 3" not in text and "Отправлено оценок экспертов: 2 из 2" in text
    assert "Среднее: 24" in text and "расходятся" not in text


def test_summary_of_a_failing_application_names_the_reasons(client_for, amursky, school, council, methodist):
    from tests.review.factories import make_rubric

    world = scored_world(amursky, school, body=council, rubric=make_rubric(minimum=2))
    text = text_of(opened(client_for(methodist).get(f"/applications/{world.first.pk}/conclusion.docx")))
    assert "Заявка не проходит порог: средний балл ниже минимума по критериям: Актуальность." in text


def test_summary_without_reviews(client_for, world, methodist):
    text = text_of(opened(client_for(methodist).get(f"/applications/{world.third.pk}/conclusion.docx")))
    assert "Оценок экспертов пока нет." in text and "Отправлено оценок экспертов: 0 из 1" in text
    assert "результат экспертизы не определён" in text


def test_who_may_download_the_summary(
    client_for,
    world,
    methodist,
    authority,
    admin_user,
    other_methodist,
    chair,
    expert,
    orgadmin,
    teacher,
):
    url = f"/applications/{world.first.pk}/conclusion.docx"
    for user in (methodist, authority, admin_user):
        assert client_for(user).get(url).status_code == 200
    assert client_for(orgadmin).get(url).status_code == 403  # the applicant sees the application, not this
    for user in (other_methodist, chair, expert, teacher, world.experts[0]):
        assert client_for(user).get(url).status_code == 404
    response = client_for().get(url)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
