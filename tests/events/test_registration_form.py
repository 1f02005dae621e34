"""The registration form the organizer chooses: standard fields off, optional or required, and their own
questions whose answers land in the participants' table and its Excel download."""

import datetime as dt
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from innoinfra.core.errors import ServiceError
from innoinfra.events import services
from innoinfra.events.forms import questions_as_text, questions_from_text
from innoinfra.events.models import Event, Registration

from .factories import make_event, sign_up

pytestmark = pytest.mark.django_db

QUESTIONS = [{"label": "Какие темы вам интересны?", "required": False}, {"label": "Стаж работы", "required": True}]


def form_event(school, **fields):
    return make_event(
        school,
        registration_fields={"organization_name": "required", "position": "off", "phone": "optional"},
        questions=QUESTIONS,
        **fields,
    )


def register(event, **fields):
    values = {"event": event, "full_name": "Смирнова Анна", "email": "anna@example.org", "consent": True}
    return services.register(**{**values, **fields})


def test_the_service_keeps_the_answers_and_drops_a_field_switched_off(school):
    event = form_event(school)
    registration = register(
        event,
        organization_name="МБОУ СОШ № 2",
        position="учитель",
        answers={"Стаж работы": " 5 лет ", "Какие темы вам интересны?": ""},
    )
    assert registration.answers == {"Стаж работы": "5 лет"}
    assert registration.organization_name == "МБОУ СОШ № 2" and registration.position == ""


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"answers": {"Стаж работы": "5 лет"}}, "Заполните поле «Организация»."),
        ({"organization_name": "СОШ № 2", "answers": {}}, "Ответьте на вопрос «Стаж работы»."),
        ({"organization_name": "СОШ № 2", "answers": {"Стаж работы": "5", "Чужой": "x"}}, "не задавал вопроса «Чужой»"),
        ({"organization_name": "СОШ № 2", "answers": {"Стаж работы": "я" * 2001}}, "длиннее 2000 знаков"),
    ],
)
def test_bad_input_is_refused_in_russian_and_nothing_is_saved(school, fields, message):
    event = form_event(school)
    with pytest.raises(ServiceError, match=message):
        register(event, **fields)
    assert not Registration.objects.exists()


def test_an_event_without_settings_asks_the_defaults(school):
    event = make_event(school)
    assert services.field_modes(event) == {"organization_name": "optional", "position": "optional", "phone": "optional"}
    assert register(event).answers == {}


@pytest.mark.parametrize(
    ("questions", "message"),
    [
        ([{"label": f"Вопрос {n}"} for n in range(6)], "не больше 5"),
        ([{"label": "Стаж"}, {"label": "стаж "}], "задан дважды"),
        ([{"label": "   "}], "нет текста"),
        ("не список", "не распознаны"),
    ],
)
def test_the_organizer_cannot_set_bad_questions(school, questions, message):
    with pytest.raises(ServiceError, match=message):
        make_event(school, questions=questions)
    assert not Event.objects.exists()


def test_a_bad_field_mode_is_refused(school):
    event = make_event(school)
    with pytest.raises(ServiceError, match="Телефон"):
        services.update_event(event, registration_fields={"phone": "maybe"})
    with pytest.raises(ServiceError, match="нет: birthday"):
        services.update_event(event, registration_fields={"birthday": "required"})
    event.refresh_from_db()
    assert event.registration_fields == services.clean_registration_fields({})


def test_questions_are_lines_and_a_star_makes_one_required():
    parsed = questions_from_text("Какие темы вам интересны?\n\n  Стаж работы * \n")
    assert parsed == QUESTIONS
    assert questions_as_text(parsed) == "Какие темы вам интересны?\nСтаж работы *"


def _event_post(event, school, **extra):
    start = timezone.localtime(event.starts_at)
    return {
        "title": event.title,
        "format": "seminar",
        "organizer": school.pk,
        "starts_at": f"{start:%Y-%m-%dT%H:%M}",
        "ends_at": f"{start + dt.timedelta(hours=2):%Y-%m-%dT%H:%M}",
        "place": event.place,
        "version": event.version,  # the edit form carries the version it was read at (no lost update)
        **extra,
    }


def test_the_organizer_sets_the_form_on_the_event_page(client_for, methodist, school):
    event = make_event(school)
    client = client_for(methodist)
    page = client.get(f"/events/{event.pk}/edit/").content.decode()
    assert "Форма регистрации" in page and "Дополнительные вопросы" in page
    response = client.post(
        f"/events/{event.pk}/edit/",
        _event_post(
            event,
            school,
            field_organization_name="required",
            field_position="off",
            field_phone="optional",
            questions_text="Какие темы вам интересны?\nСтаж работы *",
        ),
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.questions == QUESTIONS
    assert event.registration_fields == {"organization_name": "required", "position": "off", "phone": "optional"}
    assert "Стаж работы *" in client.get(f"/events/{event.pk}/edit/").content.decode()


def test_too_many_questions_are_refused_on_the_form(client_for, methodist, school):
    event = make_event(school)
    text = "\n".join(f"Вопрос {n}" for n in range(6))
    response = client_for(methodist).post(f"/events/{event.pk}/edit/", _event_post(event, school, questions_text=text))
    assert response.status_code == 200
    assert "Дополнительных вопросов может быть не больше 5." in response.content.decode()
    event.refresh_from_db()
    assert event.questions == []


def test_a_visitor_registers_answering_the_questions(client, school):
    event = form_event(school)
    page = client.get(f"/events/{event.pk}/").content.decode()
    assert "Стаж работы" in page and "Какие темы вам интересны?" in page
    assert 'name="position"' not in page and 'name="phone"' in page
    data = {
        "full_name": "Смирнова Анна",
        "email": "anna@example.org",
        "organization_name": "МБОУ СОШ № 2",
        "answer_0": "Проекты",
        "answer_1": "7 лет",
        "consent": "on",
    }
    response = client.post(f"/events/{event.pk}/", data)
    registration = Registration.objects.get()
    assert response.status_code == 302 and response.url == registration.get_absolute_url()
    assert registration.answers == {"Какие темы вам интересны?": "Проекты", "Стаж работы": "7 лет"}


def test_a_required_answer_left_empty_keeps_the_form_with_the_error(client, school):
    event = form_event(school)
    data = {"full_name": "Смирнова Анна", "email": "anna@example.org", "organization_name": "", "consent": "on"}
    page = client.post(f"/events/{event.pk}/", data).content.decode()
    assert page.count("Обязательное поле.") == 2  # the organization and the length of service
    assert not Registration.objects.exists()


def test_the_answers_are_columns_of_the_participants_page_and_the_excel(client_for, methodist, school):
    event = form_event(school)
    register(event, organization_name="СОШ № 2", answers={"Стаж работы": "7 лет"})
    # a question renamed after someone answered it keeps its answers visible
    services.update_event(event, questions=[{"label": "Стаж работы, лет", "required": False}])
    register(event, full_name="Петров Пётр", email="petr@example.org", organization_name="СОШ № 3",
             answers={"Стаж работы, лет": "3"})
    client = client_for(methodist)
    page = client.get(f"/events/{event.pk}/participants/").content.decode()
    assert "Стаж работы, лет" in page and "7 лет" in page
    sheet = load_workbook(BytesIO(client.get(f"/events/{event.pk}/participants.xlsx").content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-2:] == ("Стаж работы, лет", "Стаж работы")
    assert rows[1][-2:] == (None, "7 лет") and rows[2][-2:] == ("3", None)


def test_the_participants_page_runs_no_query_per_row_with_answers(client_for, methodist, school, assert_constant_queries):
    event = form_event(school)
    count = iter(range(100))

    def grow(n):
        for _ in range(n):
            i = next(count)
            register(event, email=f"p{i}@example.org", organization_name="СОШ", answers={"Стаж работы": str(i)})

    assert_constant_queries(client_for(methodist), f"/events/{event.pk}/participants/", grow, maximum=16)


def test_sign_up_still_works_for_the_default_form(school):
    assert sign_up(make_event(school), 2)[1].answers == {}
