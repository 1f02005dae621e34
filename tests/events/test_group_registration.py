"""A school's head registers staff: each colleague's own registration, letter, link, seat and certificate; the head's
«Сотрудники на мероприятиях»; a teacher's «Мои мероприятия и сертификаты»; the holder told of a certificate once."""

import datetime as dt

import pytest
from django.core import mail

from innoinfra.core.errors import ServiceError
from innoinfra.core.models import Notification
from innoinfra.events import services
from innoinfra.events.certificates import services as certificates
from innoinfra.events.enums import RegistrationState
from innoinfra.events.models import Certificate, Registration

from ..factories import UserFactory
from .factories import make_event

pytestmark = pytest.mark.django_db


def rows(*people):
    """The formset's POST data for these (name, position, e-mail) rows."""
    data = {"staff-TOTAL_FORMS": str(len(people)), "staff-INITIAL_FORMS": "0"}
    for n, (name, position, email) in enumerate(people):
        data |= {f"staff-{n}-full_name": name, f"staff-{n}-position": position, f"staff-{n}-email": email}
    return data


def colleagues(n=2, start=1):
    return [
        services.Colleague(f"Коллегова Анна {i}", f"colleague{i}@example.org", "учитель")
        for i in range(start, start + n)
    ]


def test_the_head_registers_two_colleagues_and_then_herself(
    client_for, orgadmin, school, django_capture_on_commit_callbacks
):
    event = make_event(school)
    client = client_for(orgadmin)
    form = {
        "organization": school.pk,
        "consent": "on",
        **rows(("Сидорова Анна Петровна", "учитель истории", "anna@example.org"),
               ("Кузнецов Олег Ильич", "учитель химии", "oleg@example.org")),
    }  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/events/{event.pk}/staff/", form)
    assert response.status_code == 302 and response.url == "/events/staff/"
    made = Registration.objects.filter(event=event).order_by("email")
    assert [(r.email, r.user_id, r.registered_by_id, r.organization_id) for r in made] == [
        ("anna@example.org", None, orgadmin.pk, school.pk),
        ("oleg@example.org", None, orgadmin.pk, school.pk),
    ]
    assert len({r.token for r in made}) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.org", "oleg@example.org"]
    # the colleagues' registrations are not hers: she registers herself from the same form
    response = client.post(f"/events/{event.pk}/staff/", {"organization": school.pk, "consent": "on",
                                                          "include_self": "on", **rows()})  # fmt: skip
    assert response.status_code == 302
    own = Registration.objects.get(event=event, email=orgadmin.email)
    assert own.user == orgadmin and own.state == RegistrationState.CONFIRMED
    page = client.get("/events/staff/").content.decode()
    for name in ("Сидорова Анна Петровна", "Кузнецов Олег Ильич"):
        assert name in page


def test_a_colleague_registered_from_the_event_page_is_not_the_heads(client_for, orgadmin, school):
    event = make_event(school)
    client = client_for(orgadmin)
    colleague = {"full_name": "Сидорова Анна Петровна", "email": "anna@example.org", "consent": "on"}
    assert client.post(f"/events/{event.pk}/", colleague).status_code == 302
    second = {"full_name": "Кузнецов Олег Ильич", "email": "oleg@example.org", "consent": "on"}
    assert client.post(f"/events/{event.pk}/", second).status_code == 302
    assert not Registration.objects.filter(user=orgadmin).exists()
    assert Registration.objects.filter(event=event, registered_by=orgadmin).count() == 2


def test_the_same_address_twice_is_refused_with_nothing_registered(orgadmin, school):
    event = make_event(school)
    people = [*colleagues(1), services.Colleague("Другая Анна", "COLLEAGUE1@example.org")]
    with pytest.raises(ServiceError, match=r"colleague1@example\.org указан дважды"):
        services.register_staff(event=event, organization=school, people=people, consent=True, by=orgadmin)
    assert not Registration.objects.exists()


def test_someone_already_registered_is_named_and_nobody_is_added(client_for, orgadmin, school):
    event = make_event(school)
    services.register_staff(event=event, organization=school, people=colleagues(1), consent=True, by=orgadmin)
    form = {"organization": school.pk, "consent": "on",
            **rows(("Новая Вера", "учитель", "vera@example.org"), ("Коллегова Анна 1", "учитель", "colleague1@example.org"))}  # fmt: skip
    response = client_for(orgadmin).post(f"/events/{event.pk}/staff/", form)
    assert response.status_code == 400
    assert (
        "Уже зарегистрированы на это мероприятие: colleague1@example.org (Коллегова Анна 1)"
        in response.content.decode()
    )
    assert Registration.objects.filter(event=event).count() == 1


def test_a_double_click_registers_the_group_once(client_for, orgadmin, school):
    event = make_event(school)
    client = client_for(orgadmin)
    form = {"organization": school.pk, "consent": "on", "submission_token": "group-token-123456",
            **rows(("Сидорова Анна", "учитель", "anna@example.org"))}  # fmt: skip
    client.post(f"/events/{event.pk}/staff/", form)
    again = client.post(f"/events/{event.pk}/staff/", form)
    assert again.status_code == 302
    assert Registration.objects.filter(event=event).count() == 1


def test_the_seats_left_go_in_list_order_the_rest_wait(orgadmin, school):
    event = make_event(school, capacity=2)
    made = services.register_staff(event=event, organization=school, people=colleagues(3), consent=True, by=orgadmin)
    assert [r.state for r in made] == [
        RegistrationState.CONFIRMED,
        RegistrationState.CONFIRMED,
        RegistrationState.WAITING,
    ]


def test_a_head_registers_only_her_own_schools_staff(client_for, orgadmin, school):
    from ..factories import OrganizationFactory

    event = make_event(school)
    other = OrganizationFactory(municipality=school.municipality, short_name="МБОУ СОШ № 9")
    form = {"organization": other.pk, "consent": "on", **rows(("Чужая Анна", "", "stranger@example.org"))}
    response = client_for(orgadmin).post(f"/events/{event.pk}/staff/", form)
    assert response.status_code == 400 and not Registration.objects.exists()


def test_without_consent_nobody_is_registered(client_for, orgadmin, school):
    event = make_event(school)
    form = {"organization": school.pk, **rows(("Сидорова Анна", "", "anna@example.org"))}
    response = client_for(orgadmin).post(f"/events/{event.pk}/staff/", form)
    assert response.status_code == 400
    assert "Без согласия сотрудников" in response.content.decode()
    assert not Registration.objects.exists()


def held_with_staff(school, head, people):
    event = make_event(school, starts_in=-dt.timedelta(days=1))
    made = services.register_staff(
        event=event,
        organization=school,
        people=people,
        consent=True,
        by=head,
        now=event.starts_at - dt.timedelta(days=2),
    )
    services.mark_attendance(event, attended=[r.pk for r in made])
    services.mark_held(event)
    return event, made


def test_the_teacher_finds_the_registration_made_by_the_head_and_downloads_the_certificate(
    client_for, orgadmin, teacher, school, django_capture_on_commit_callbacks
):
    event, _made = held_with_staff(school, orgadmin, [services.Colleague("Петров Пётр Алексеевич", teacher.email)])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        (certificate,) = certificates.issue_to_participants(event)
    page = client_for(teacher).get("/events/mine/")
    assert page.status_code == 200
    html = page.content.decode()
    assert event.title in html and f"/certificates/{certificate.number}/pdf/" in html
    # told once: a notification on the site and one letter, whatever issues the certificates again
    notes = Notification.objects.filter(user=teacher, key=f"events:certificate:{certificate.pk}:issued")
    assert notes.count() == 1
    assert [m.to for m in mail.outbox] == [[teacher.email]]
    with django_capture_on_commit_callbacks(execute=True):
        assert certificates.announce([Certificate.objects.get(pk=certificate.pk)]) == 0
    assert len(mail.outbox) == 1


def test_a_holder_without_an_account_gets_a_letter_with_the_links(orgadmin, school, django_capture_on_commit_callbacks):
    event, _made = held_with_staff(school, orgadmin, colleagues(1))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        (certificate,) = certificates.issue_to_participants(event)
    (letter,) = mail.outbox
    assert letter.to == ["colleague1@example.org"]
    assert f"/certificates/{certificate.number}/pdf/" in letter.body


def test_the_pdf_letter_is_the_only_letter_when_the_organizer_sends_pdfs(
    orgadmin, school, django_capture_on_commit_callbacks
):
    from innoinfra.events.certificates import batches

    event, _made = held_with_staff(school, orgadmin, colleagues(2))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        batches.start_batch(event, send_email=True)
    assert sorted(m.to[0] for m in mail.outbox) == ["colleague1@example.org", "colleague2@example.org"]
    assert all(m.attachments for m in mail.outbox)


def test_the_heads_page_shows_attendance_and_certificates_without_a_query_per_row(
    client_for, orgadmin, school, assert_constant_queries
):
    made = []

    def grow(n):
        people = colleagues(n, start=len(made) + 1)
        event, registrations = held_with_staff(school, orgadmin, people)
        certificates.issue_to_participants(event)
        made.extend(registrations)

    assert_constant_queries(client_for(orgadmin), "/events/staff/", grow)
    page = client_for(orgadmin).get("/events/staff/").content.decode()
    assert "присутствовал(а)" in page and "Коллегова Анна 3" in page


def test_the_teachers_page_costs_the_same_queries_however_many_events(
    client_for, teacher, school, assert_constant_queries
):
    def grow(n):
        for _ in range(n):
            event = make_event(school)
            services.register(event=event, full_name="Петров Пётр", email=teacher.email, consent=True)

    assert_constant_queries(client_for(teacher), "/events/mine/", grow)


def test_someone_elses_registrations_do_not_show_on_my_page(client_for, teacher, school):
    event = make_event(school)
    services.register(event=event, full_name="Чужой Семён", email="semen@example.org", consent=True)
    other = UserFactory(username="semen", email="semen@example.org")
    assert event.title in client_for(other).get("/events/mine/").content.decode()
    assert event.title not in client_for(teacher).get("/events/mine/").content.decode()
