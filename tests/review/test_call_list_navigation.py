"""The list of calls as a school head and an expert see it: no «Экспертиза» leading to an empty page for a head,
and the head's recent applications told apart by their calls (each call numbers its applications from 1)."""

import pytest

from .factories import make_application, make_call

pytestmark = pytest.mark.django_db


def test_a_school_head_sees_no_expert_desk_link_and_an_expert_does(client_for, orgadmin, expert):
    assert 'href="/expertise/"' not in client_for(orgadmin).get("/calls/").content.decode()
    assert 'href="/expertise/"' in client_for(expert).get("/calls/").content.decode()


def test_recent_applications_of_two_calls_are_told_apart_by_the_call(client_for, orgadmin, amursky, school):
    first = make_call(amursky, title="Конкурс на статус МИП")
    second = make_call(amursky, title="Конкурс лучших практик")
    make_application(first, school, by=orgadmin)
    make_application(second, school, by=orgadmin)
    page = client_for(orgadmin).get("/calls/").content.decode()
    recent = page.split("Мои последние заявки")[1]
    assert "Конкурс на статус МИП: заявка № 1" in recent
    assert "Конкурс лучших практик: заявка № 1" in recent


def test_the_menu_offers_reports_only_to_those_who_have_reports(client_for, teacher, orgadmin):
    assert 'href="/reports/"' not in client_for(teacher).get("/").content.decode()
    assert 'href="/reports/"' in client_for(orgadmin).get("/").content.decode()
