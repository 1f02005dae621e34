"""Members and agreements of a complex or a network: who keeps them, what the services refuse, how the state of an
agreement reads, the API and the reminders before an agreement ends.

Ирина (orgadmin) heads school № 1, the lead organization of the complex; Лариса (methodist) and Наталья (authority)
run Amursky; Вера (other_methodist) runs Vyselki and may not touch it; Пётр (teacher) and Олег (expert) only read."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from innoinfra.core.errors import ServiceError
from innoinfra.core.models import Notification
from innoinfra.registry import networks
from innoinfra.registry.enums import AgreementState, MemberKind
from innoinfra.registry.models import Agreement, ComplexMember

from ..api.clients import api
from ..factories import OrganizationFactory, UserFactory, make_site

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 10)
PDF = b"%PDF-1.4\n%test\n1 0 obj<<>>endobj\n"


@pytest.fixture
def december():
    with time_machine.travel(dt.datetime(2026, 12, 10, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def complex_(school):
    return make_site(kind_abbr="ИК", organization=school, theme="Непрерывное инклюзивное образование")


@pytest.fixture
def partner(amursky):
    return OrganizationFactory(municipality=amursky, short_name="МБДОУ № 15")


def agreement(site, *, number="12", end=None, start=None, **kw):
    kw.setdefault("organizations", [site.lead_organization])
    kw.setdefault("external_parties", "ФГБОУ ВО «АмГПГУ»")
    return networks.add_agreement(
        site=site, number=number, date=dt.date(2025, 4, 11), subject="Сетевое взаимодействие",
        start_date=start, end_date=end, **kw,
    )  # fmt: skip


# ---------------------------------------------------------------- services


def test_a_complex_takes_a_team_a_laboratory_and_a_teacher(complex_, school):
    networks.add_member(site=complex_, kind=MemberKind.TEAM, name="  Творческая группа   «Навигатор» ",
                        leader="Иванова О. П.", people="Петрова А. А.\nСидоров Б. Б.", role="coordinator")  # fmt: skip
    networks.add_member(site=complex_, kind=MemberKind.LABORATORY, name="Лаборатория инклюзии", role="consultant")
    networks.add_member(site=complex_, kind=MemberKind.PERSON, name="Кравченко Виктор Петрович",
                        position="учитель-логопед", organization=school, role="participant")  # fmt: skip
    names = [m.name for m in networks.members_of(complex_)]
    assert names == ["Лаборатория инклюзии", "Кравченко Виктор Петрович", "Творческая группа «Навигатор»"]
    assert complex_.complex_members.get(kind="team").people == "Петрова А. А.\nСидоров Б. Б."
    assert ComplexMember.history.count() == 3


def test_organizations_stay_the_sites_participants(complex_, school, partner):
    """The members page adds no second list of organizations: the registry still finds the site by its school."""
    networks.add_member(site=complex_, kind=MemberKind.TEAM, name="Творческая группа", organization=school)
    assert complex_.involves(school.pk)
    assert not complex_.involves(partner.pk)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": "person", "name": "Кравченко В. П."}, "Укажите должность педагога"),
        ({"kind": "team", "name": "   "}, "Укажите наименование"),
        ({"kind": "robot", "name": "R2-D2"}, "Укажите вид участника"),
        ({"kind": "team", "name": "Группа", "organization_name": "Школа", "organization": "school"}, "что-то одно"),
    ],
)
def test_it_refuses_an_incomplete_member(complex_, school, fields, message):
    fields = {k: (school if v == "school" else v) for k, v in fields.items()}
    with pytest.raises(ServiceError, match=message):
        networks.add_member(site=complex_, **fields)
    assert not ComplexMember.objects.exists()


def test_a_site_of_one_organization_has_no_members_nor_agreements(school):
    site = make_site(kind_abbr="МИП", organization=school)
    with pytest.raises(ServiceError, match="предполагает одну организацию"):
        networks.add_member(site=site, kind="team", name="Группа")
    with pytest.raises(ServiceError, match="предполагает одну организацию"):
        agreement(site)


def test_an_agreement_needs_two_parties_and_a_sane_term(complex_, school):
    with pytest.raises(ServiceError, match="не меньше двух сторон"):
        agreement(complex_, organizations=[school], external_parties="")
    with pytest.raises(ServiceError, match="не может быть раньше"):
        agreement(complex_, start=dt.date(2026, 1, 1), end=dt.date(2025, 1, 1))
    assert not Agreement.objects.exists()


def test_the_state_of_an_agreement_is_read_from_its_term(december, complex_):
    cases = {
        "1": (None, dt.date(2027, 6, 30), AgreementState.ACTIVE),
        "2": (None, dt.date(2026, 12, 31), AgreementState.EXPIRING),
        "3": (None, dt.date(2026, 12, 9), AgreementState.EXPIRED),
        "4": (dt.date(2027, 1, 1), dt.date(2028, 1, 1), AgreementState.UPCOMING),
        "5": (None, None, AgreementState.ACTIVE),
    }
    for number, (start, end, _) in cases.items():
        agreement(complex_, number=number, start=start, end=end)
    for found in Agreement.objects.all():
        assert found.state() == cases[found.number][2], found.number
    for state in AgreementState.values:
        expected = {n for n, case in cases.items() if case[2] == state}
        assert {a.number for a in networks.agreements_for_staff(UserFactory(is_superuser=True), state=state)} == expected


def test_a_file_that_is_not_what_it_says_is_refused(complex_):
    fake = SimpleUploadedFile("Соглашение.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    with pytest.raises(ServiceError, match=r"Соглашение\.pdf"):
        agreement(complex_, file=fake)
    assert not Agreement.objects.exists()


# ---------------------------------------------------------------- pages and permissions


@pytest.mark.parametrize(
    ("role", "status"),
    [("methodist", 200), ("authority", 200), ("orgadmin", 200), ("admin_user", 200), ("other_methodist", 403),
     ("teacher", 403), ("expert", 403), ("moderator", 403)],
)  # fmt: skip
def test_who_keeps_the_members_and_agreements(request, client_for, complex_, role, status):
    client = client_for(request.getfixturevalue(role))
    assert client.get(f"/registry/sites/{complex_.pk}/network/").status_code == status
    response = client.post(
        f"/registry/sites/{complex_.pk}/members/new/", {"kind": "laboratory", "name": "Лаборатория", "role": "partner"}
    )
    assert response.status_code == (302 if status == 200 else status)
    assert ComplexMember.objects.count() == (1 if status == 200 else 0)


def test_the_curator_keeps_them_too(client_for, complex_):
    curator = UserFactory(username="curator")
    complex_.curator = curator
    complex_.save(update_fields=["curator"])
    assert client_for(curator).get(f"/registry/sites/{complex_.pk}/network/").status_code == 200


def test_html_in_names_is_shown_as_text(client, complex_):
    networks.add_member(site=complex_, kind="team", name="<script>alert(1)</script> Группа")
    agreement(complex_, external_parties="<b>Вуз</b>\nТеатр")
    page = client.get(complex_.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Группа" in page
    assert "&lt;b&gt;Вуз&lt;/b&gt;" in page
    assert "<script>alert(1)" not in page


def test_the_file_is_for_the_parties_not_for_everyone(client_for, complex_, orgadmin, teacher, methodist):
    found = agreement(complex_, file=SimpleUploadedFile("Соглашение № 12.pdf", PDF))
    url = f"/registry/agreements/{found.pk}/file/"
    assert client_for(orgadmin).get(url).status_code == 200
    assert client_for(methodist).get(url).status_code == 200
    assert client_for(teacher).get(url).status_code == 404
    page = client_for(teacher).get(complex_.get_absolute_url()).content.decode()
    assert "Соглашение № 12.pdf" not in page and "№ 12 от 11 апреля 2025 г." in page


def test_a_refused_form_says_why_and_changes_nothing(client_for, complex_, methodist):
    response = client_for(methodist).post(
        f"/registry/sites/{complex_.pk}/agreements/new/",
        {"number": "5", "date": "2025-04-11", "subject": "Сеть", "external_parties": "Только один"},
    )
    assert response.status_code == 400
    assert "не меньше двух сторон" in response.content.decode()
    assert not Agreement.objects.exists()


def test_the_staff_list_shows_what_expires_without_a_query_per_row(december, client_for, methodist, complex_,
                                                                   assert_constant_queries):  # fmt: skip
    agreement(complex_, number="7", end=dt.date(2026, 12, 20))
    response = client_for(methodist).get("/registry/agreements/?state=expiring")
    assert "Истекает: 10 дней" in response.content.decode()

    def grow(n):
        for _ in range(n):
            agreement(complex_, number=str(Agreement.objects.count() + 10), end=dt.date(2026, 12, 21))

    assert_constant_queries(client_for(methodist), "/registry/agreements/", grow)


def test_the_site_page_reads_the_network_in_a_constant_number_of_queries(client, complex_, assert_constant_queries):
    def grow(n):
        for _ in range(n):
            networks.add_member(site=complex_, kind="team", name=f"Группа {ComplexMember.objects.count()}")
            agreement(complex_, number=str(Agreement.objects.count() + 1))

    assert_constant_queries(client, complex_.get_absolute_url(), grow)


# ---------------------------------------------------------------- API


def test_the_api_reads_for_everyone_and_writes_for_the_keepers(complex_, methodist, teacher, other_methodist, school):
    agreement(complex_, file=SimpleUploadedFile("Соглашение.pdf", PDF))
    body = api().get(f"/api/v1/agreements/?site={complex_.pk}").json()
    assert body["count"] == 1
    assert body["results"][0]["state_label"] == "Действует"
    assert body["results"][0]["file_url"].endswith(f"/registry/agreements/{body['results'][0]['id']}/file/")
    data = {"site": complex_.pk, "kind": "person", "name": "Шевченко Н. В.", "position": "учитель", "role": "coordinator"}
    assert api().post("/api/v1/complex-members/", data, format="json").status_code in (401, 403)
    assert api(teacher).post("/api/v1/complex-members/", data, format="json").status_code == 403
    assert api(other_methodist).post("/api/v1/complex-members/", data, format="json").status_code == 403
    created = api(methodist).post("/api/v1/complex-members/", data, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["role_label"] == "Координатор"
    member = created.json()["id"]
    assert api(teacher).delete(f"/api/v1/complex-members/{member}/").status_code == 403
    refused = api(methodist).patch(f"/api/v1/complex-members/{member}/", {"position": ""}, format="json")
    assert refused.status_code == 400
    assert "Укажите должность педагога" in refused.json()["detail"]
    assert api(methodist).delete(f"/api/v1/complex-members/{member}/").status_code == 204
    assert api().get("/api/v1/complex-members/?site=abc").status_code == 400


def test_the_api_takes_an_agreement_with_its_file_through_the_gate(complex_, methodist, school):
    data = {"site": complex_.pk, "number": "3", "date": "2025-09-01", "subject": "Стажировки",
            "organizations": [school.pk], "external_parties": "Театр юного зрителя", "end_date": "2026-08-31"}  # fmt: skip
    fake = dict(data, file=SimpleUploadedFile("Соглашение.pdf", b"<html><body>not a pdf</body></html>"))
    refused = api(methodist).post("/api/v1/agreements/", fake, format="multipart")
    assert refused.status_code == 400 and "file" in refused.json()
    good = dict(data, file=SimpleUploadedFile("Соглашение.pdf", PDF))
    created = api(methodist).post("/api/v1/agreements/", good, format="multipart")
    assert created.status_code == 201, created.json()
    assert Agreement.objects.get().file_name == "Соглашение.pdf"


# ---------------------------------------------------------------- reminders


def test_reminders_come_at_30_and_at_7_days_once_each(december, complex_, orgadmin, methodist):
    complex_.curator = methodist
    complex_.save(update_fields=["curator"])
    agreement(complex_, end=dt.date(2026, 12, 17))  # 7 days left
    agreement(complex_, number="13", end=dt.date(2027, 1, 5))  # 26 days left: the 30-day one
    agreement(complex_, number="14", end=dt.date(2027, 3, 1))  # too far
    first = networks.send_agreement_reminders(today=TODAY)
    assert first["reminders"] == 4 and first["agreements"] == 2
    titles = set(Notification.objects.filter(user=orgadmin).values_list("title", flat=True))
    assert titles == {
        "Сетевое соглашение № 12 от 11 апреля 2025 г. истекает через 7 дней",
        "Сетевое соглашение № 13 от 11 апреля 2025 г. истекает через 26 дней",
    }
    assert networks.send_agreement_reminders(today=TODAY)["reminders"] == 0
    assert networks.send_agreement_reminders(today=TODAY + dt.timedelta(days=1))["reminders"] == 0
    # the 13th reaches 7 days left on 29 December: its second reminder
    assert networks.send_agreement_reminders(today=dt.date(2026, 12, 29))["reminders"] == 2
    assert "истекает через 7 дней" in Notification.objects.filter(user=orgadmin).latest("id").title


def test_the_words_agree_with_the_days():
    assert networks.days_phrase(1) == "через 1 день"
    assert networks.days_phrase(3) == "через 3 дня"
    assert networks.days_phrase(21) == "через 21 день"
    assert networks.days_phrase(0) == "сегодня"


def test_the_daily_command_mails_once(december, complex_, orgadmin, capsys, django_capture_on_commit_callbacks):
    agreement(complex_, end=dt.date(2026, 12, 17))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_agreement_reminders", today="2026-12-10")
        call_command("send_agreement_reminders", today="2026-12-10")
    out = capsys.readouterr().out
    assert "Напоминаний об окончании сетевых соглашений: 1." in out
    assert "Напоминаний об окончании сетевых соглашений: 0." in out
    assert len([m for m in mail.outbox if "истекает через 7 дней" in m.subject]) == 1
