"""Consultations of the demo: the methodological support the Amursky roadmap names (items 9 and 12: consulting the
organizations that prepare applications and describe their experience), and consultation hours ahead, one booked by
the school head's organization. Written for the demo. Idempotent."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from innoinfra.accounts.models import User
from innoinfra.consultations import services
from innoinfra.consultations.models import Consultation, ConsultationSlot

D = dt.date

# organization key, date, form, topic, minutes, participants, advised, result
RECORDS = [
    ("amur-sosh1", D(2025, 2, 11), "in_person", "Подготовка заявки на статус МИП: паспорт проекта", 60, 2,
     "Иванова И. С., директор; Петров П. А., учитель физики", "Уточнены цель, задачи и ожидаемые результаты"),
    ("amur-gym8", D(2025, 3, 5), "online", "Описание опыта для банка данных инновационной практики", 45, 1,
     "заместитель директора по УВР", "Структура описания практики согласована, срок — 20 марта"),
    ("amur-sosh3", D(2025, 4, 16), "group", "Апробация программ по предмету «Труд (технология)»: мониторинг", 90, 6,
     "учителя технологии", "Выбраны показатели мониторинга апробации"),
    ("amur-ds10", D(2025, 10, 8), "phone", "Отчёт инновационной площадки за учебный год", 20, 1,
     "заведующий", "Даны рекомендации по разделу «Трансляция опыта»"),
]  # fmt: skip


def load(registry: dict) -> None:
    orgs = registry["organizations"]
    methodist = User.objects.filter(username="methodist").first()
    orgadmin = User.objects.filter(username="orgadmin").first()
    if methodist is None:
        return
    for org_key, held_on, form, topic, minutes, participants, advised, result in RECORDS:
        organization = orgs.get(org_key)
        if organization is None or Consultation.objects.filter(organization=organization, topic=topic).exists():
            continue
        services.record_consultation(
            by=methodist,
            held_on=held_on,
            form=form,
            adviser=methodist,
            organization=organization,
            topic=topic,
            duration_minutes=minutes,
            participants=participants,
            advised=advised,
            result=result,
        )
    if ConsultationSlot.objects.filter(adviser=methodist, starts_at__gt=timezone.now()).exists():
        return
    # the next three Wednesdays at 15:00, local time
    today = timezone.localdate()
    wednesday = today + dt.timedelta(days=(2 - today.weekday()) % 7 or 7)
    hours = []
    for week in range(3):
        day = wednesday + dt.timedelta(weeks=week)
        starts_at = timezone.make_aware(dt.datetime.combine(day, dt.time(15, 0)))
        hours.append(
            services.offer_hour(
                by=methodist,
                starts_at=starts_at,
                duration_minutes=30,
                form="online",
                place="Ссылка на встречу придёт в уведомлении",
                topics="Заявки на статус, паспорт проекта, отчёты площадок",
            )
        )
    if orgadmin is not None and orgadmin.organization is not None:
        services.book_hour(
            hours[0], by=orgadmin, organization=orgadmin.organization, question="Как описать новизну проекта?"
        )
