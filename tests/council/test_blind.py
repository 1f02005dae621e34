"""A blind call stays blind at the council: while the call hides its applicants, a member who is not the call's staff
sees a question about one of its applications only as «Заявка № N», cannot download the protocol that names it, and
cannot open the question's forms; the methodist sees everything."""

import pytest

from innoinfra.council.enums import AgendaKind
from innoinfra.review.enums import ApplicationState, StageKind
from innoinfra.review.models import Application
from tests.review.factories import make_application, make_call

from .conftest import add_item

pytestmark = pytest.mark.django_db

THEME = "Тема школы № 1 г. Амурска"


@pytest.fixture
def blind_item(meeting, amursky, school, orgadmin):
    call = make_call(amursky, stage=StageKind.REVIEW, is_blind=True, body=meeting.body)
    application = make_application(call, school, by=orgadmin, theme=THEME)
    Application.objects.filter(pk=application.pk).update(state=ApplicationState.UNDER_REVIEW)
    return add_item(meeting, kind=AgendaKind.APPLICATION, application=application)


def test_a_member_sees_the_question_without_the_applicant(client_for, meeting, blind_item, expert, school):
    page = client_for(expert).get(meeting.get_absolute_url())
    text = page.content.decode()
    assert page.status_code == 200
    assert school.short_name not in text and THEME not in text
    assert "сведения о заявителе скрыты (слепая экспертиза)" in text


def test_the_chair_may_neither_download_the_protocol_nor_open_the_question(client_for, meeting, blind_item, chair):
    client = client_for(chair)
    refused = client.get(f"/council/meetings/{meeting.pk}/protocol.docx")
    assert refused.status_code == 403
    assert "слепого конкурса" in refused.content.decode()
    assert client.get(f"/council/agenda/{blind_item.pk}/edit/").status_code == 403
    assert client.get(f"/council/agenda/{blind_item.pk}/decision/").status_code == 403
    assert THEME not in client.get(f"/council/meetings/{meeting.pk}/agenda/add/").content.decode()


def test_the_methodist_is_offered_the_blind_application_for_the_agenda(client_for, meeting, blind_item, methodist):
    assert THEME in client_for(methodist).get(f"/council/meetings/{meeting.pk}/agenda/add/").content.decode()


def test_the_methodist_sees_the_applicant_and_gets_the_protocol(client_for, meeting, blind_item, methodist, school):
    client = client_for(methodist)
    assert school.short_name in client.get(meeting.get_absolute_url()).content.decode()
    assert client.get(f"/council/meetings/{meeting.pk}/protocol.docx").status_code == 200


def test_once_a_stage_reveals_the_names_the_member_sees_them(client_for, meeting, blind_item, expert, school):
    from innoinfra.review import services
    from tests.review.factories import stages_around

    call = blind_item.application.call
    services.set_stages(call, stages_around(meeting.date, StageKind.RESULTS))
    call.stages.update(reveal_names=True)
    assert THEME in client_for(expert).get(meeting.get_absolute_url()).content.decode()
