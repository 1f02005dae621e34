"""Reminders of due dates: who is told, once, and by one e-mail per person."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from innoinfra.core.models import InstallationSettings, Notification
from innoinfra.plans import services
from innoinfra.plans.enums import OccurrenceStatus
from innoinfra.plans.reminders import send_plan_reminders

from .factories import make_plan

pytestmark = pytest.mark.django_db
TODAY = dt.date(2024, 10, 28)


@pytest.fixture
def plan(amursky, methodist, school, teacher, orgadmin):
    """Семинар (31 October) is Пётр's and school № 1's; nobody is named on Педсовет (30 September, overdue):
    it falls to Лариса, who runs the plan; Круглый стол is in May."""
    plan = make_plan(
        amursky,
        items=[("Семинар для педагогов", "октябрь"), ("Педсовет", "сентябрь"), ("Круглый стол", "май")],
        approved=True,
        by=methodist,
    )
    seminar = plan.items.get(activity="Семинар для педагогов")
    seminar.responsible_users.add(teacher)
    seminar.responsible_organizations.add(school)
    return plan


def keys_of(user):
    return set(Notification.objects.filter(user=user).values_list("key", flat=True))


def occurrence(plan, activity):
    return plan.occurrences.get(item__activity=activity)


def test_the_responsible_people_are_reminded(plan, teacher, orgadmin, methodist, django_capture_on_commit_callbacks):
    seminar, council = occurrence(plan, "Семинар для педагогов"), occurrence(plan, "Педсовет")
    with django_capture_on_commit_callbacks(execute=True):
        result = send_plan_reminders(TODAY, days=7)
    assert result == {"due_soon": 2, "overdue": 1, "emails": 3, "unattended": 0}
    assert keys_of(teacher) == keys_of(orgadmin) == {f"plans:occurrence:{seminar.pk}:due-soon"}
    assert keys_of(methodist) == {f"plans:occurrence:{council.pk}:overdue:2024-10"}
    notice = Notification.objects.get(user=teacher)
    assert notice.title == "Приближается срок: Семинар для педагогов"
    assert notice.text.startswith("Срок — 31 октября 2024 г. (через 3 дня).")
    assert notice.url == f"/plans/{plan.pk}/#item-{seminar.item_id}"
    overdue = Notification.objects.get(user=methodist)
    assert overdue.title == "Просрочено: Педсовет"
    assert overdue.text.startswith("Срок истёк 30 сентября 2024 г. Отметьте выполнение или укажите причину.")


def test_a_second_run_the_same_day_sends_nothing(plan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_plan_reminders(TODAY)
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        again = send_plan_reminders(TODAY)
    assert again == {"due_soon": 0, "overdue": 0, "emails": 0, "unattended": 0}
    assert len(mail.outbox) == sent and Notification.objects.count() == 3


def test_an_overdue_item_is_reminded_again_next_month(plan, methodist, teacher):
    send_plan_reminders(TODAY)
    result = send_plan_reminders(dt.date(2024, 11, 2))
    seminar, council = occurrence(plan, "Семинар для педагогов"), occurrence(plan, "Педсовет")
    # The seminar is overdue now; the council was reminded in October and is reminded again in November.
    assert result["overdue"] == 3 and result["due_soon"] == 0
    assert f"plans:occurrence:{seminar.pk}:overdue:2024-11" in keys_of(teacher)
    assert keys_of(methodist) == {
        f"plans:occurrence:{council.pk}:overdue:2024-10",
        f"plans:occurrence:{council.pk}:overdue:2024-11",
    }


def test_no_reminders_for_drafts_or_what_is_done(plan, amursky, methodist, teacher):
    make_plan(amursky, title="Проект плана", items=[("Черновое мероприятие", "октябрь")], by=methodist)
    services.record_execution(
        occurrence(plan, "Семинар для педагогов"), by=methodist, status=OccurrenceStatus.DONE, today=TODAY
    )
    services.record_execution(
        occurrence(plan, "Педсовет"), by=methodist, status=OccurrenceStatus.NOT_DONE, today=TODAY, comment="Не провели"
    )
    assert send_plan_reminders(TODAY) == {"due_soon": 0, "overdue": 0, "emails": 0, "unattended": 0}
    assert not Notification.objects.exists()


def test_a_former_school_head_is_not_reminded(plan, orgadmin, teacher):
    orgadmin.memberships.update(end_date=TODAY - dt.timedelta(days=1))
    send_plan_reminders(TODAY)
    assert keys_of(orgadmin) == set() and keys_of(teacher)


def test_one_e_mail_per_person_lists_all_their_items(plan, teacher, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://innoinfra.example"
    occurrence(plan, "Педсовет").item.responsible_users.add(teacher)
    with django_capture_on_commit_callbacks(execute=True):
        send_plan_reminders(TODAY)
    letters = [m for m in mail.outbox if m.to == [teacher.email]]
    assert len(letters) == 1
    letter = letters[0]
    assert letter.subject == "Сроки мероприятий планов: просрочено 1, приближается срок 1"
    assert letter.body.startswith("Здравствуйте, Пётр!")
    assert letter.body.index("Просрочено: Педсовет") < letter.body.index("Приближается срок: Семинар для педагогов")
    seminar = occurrence(plan, "Семинар для педагогов")
    assert f"Открыть: https://innoinfra.example/plans/{plan.pk}/#item-{seminar.item_id}" in letter.body
    assert "Все уведомления: https://innoinfra.example/notifications/" in letter.body
    assert "Это письмо отправлено автоматически" in letter.body


def test_nothing_is_mailed_if_the_run_is_rolled_back(plan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send_plan_reminders(TODAY)
    assert callbacks and mail.outbox == []


def test_reminders_take_a_constant_number_of_queries(amursky, methodist, school, teacher, orgadmin):
    InstallationSettings.current()
    counter = iter(range(100))

    def run_with_new_plans(n):
        for _ in range(n):
            plan = make_plan(amursky, title=f"План {next(counter)}", items=[("Семинар", "октябрь")], approved=True)
            item = plan.items.get()
            item.responsible_users.add(teacher)
            item.responsible_organizations.add(school)
        with CaptureQueriesContext(connection) as ctx:
            send_plan_reminders(TODAY)
        return len(ctx)

    few, many = run_with_new_plans(1), run_with_new_plans(3)
    assert few == many <= 10, (few, many)


def test_the_command_prints_a_russian_summary(plan, capsys):
    call_command("send_reminders", "--today", "2024-10-28", "--days", "7")
    out = capsys.readouterr().out
    assert "Напоминаний о сроках: 2, о просроченных: 1." in out
    assert "Отправлено 3 письма." in out
    call_command("send_reminders", "--today", "2024-10-28")
    assert "Напоминаний о сроках: 0, о просроченных: 0." in capsys.readouterr().out


def test_the_command_rejects_a_bad_date(db):
    with pytest.raises(CommandError, match=r"Неверная дата «28\.10\.2024»"):
        call_command("send_reminders", "--today", "28.10.2024")
    with pytest.raises(CommandError, match="не может быть отрицательным"):
        call_command("send_reminders", "--days", "-1")
