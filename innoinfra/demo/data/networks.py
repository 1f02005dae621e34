"""The innovation complex of the demo as the Amursky procedure (seed 001, 2.2.2) describes one: «группы
образовательных организаций, лабораторий, творческих коллективов педагогов … а также лиц» — a creative team, a
laboratory and a teacher beside its schools, and two network agreements, one of them ending within a month (so the
staff list and the reminders have something to show). Names of people are invented. Idempotent."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from innoinfra.registry import networks
from innoinfra.registry.enums import MemberKind, MemberRole
from innoinfra.registry.models import Agreement, ComplexMember, Site

COMPLEX_THEME = "Непрерывное инклюзивное образование: детский сад — школа"
UNIVERSITY = "ФГБОУ ВО «Амурский гуманитарно-педагогический государственный университет»"


def load(registry: dict) -> None:
    orgs = registry["organizations"]
    site = Site.objects.filter(theme=COMPLEX_THEME, kind__abbreviation="ИК").first()
    if site is None or ComplexMember.objects.filter(site=site).exists():
        return
    members = [
        dict(kind=MemberKind.TEAM, name="Творческая группа «Равные возможности»", leader="Шевченко Наталья Викторовна",
             people="Кравченко Виктор Петрович, учитель-логопед\nЛысенко Оксана Николаевна, педагог-психолог\n"
                    "Тарасова Ольга Ивановна, воспитатель", organization=orgs["amur-sosh2"],
             role=MemberRole.COORDINATOR),
        dict(kind=MemberKind.LABORATORY, name="Лаборатория ранней помощи и сопровождения", leader="Петрова Галина "
             "Николаевна", organization=orgs["amur-ds15"], role=MemberRole.PARTICIPANT,
             note="Разработка и апробация индивидуальных маршрутов сопровождения детей с ОВЗ"),
        dict(kind=MemberKind.PERSON, name="Кравченко Виктор Петрович", position="учитель-логопед",
             organization=orgs["amur-elban"], role=MemberRole.PARTICIPANT),
        dict(kind=MemberKind.PERSON, name="Никитина Светлана Андреевна", position="доцент кафедры педагогики",
             organization_name=UNIVERSITY, role=MemberRole.CONSULTANT),
    ]  # fmt: skip
    for fields in members:
        networks.add_member(site=site, **fields)
    today = timezone.localdate()
    agreements = [
        dict(number="1-С", date=dt.date(2025, 9, 1), subject="Сетевое взаимодействие в реализации проекта инновационного "
             "комплекса: совместные программы, обмен кадрами и методическими материалами",
             organizations=[orgs["amur-sosh2"], orgs["amur-elban"], orgs["amur-ds15"]],
             start_date=dt.date(2025, 9, 1), end_date=dt.date(2028, 6, 30)),
        # signed for a year's practice of students; ends in three weeks whenever the demo is loaded
        dict(number="14", date=today - dt.timedelta(days=345), subject="Научное консультирование и педагогическая "
             "практика студентов в классах инклюзивного обучения", organizations=[orgs["amur-sosh2"]],
             external_parties=UNIVERSITY, start_date=today - dt.timedelta(days=345),
             end_date=today + dt.timedelta(days=20)),
    ]  # fmt: skip
    for fields in agreements:
        if not Agreement.objects.filter(site=site, number=fields["number"]).exists():
            networks.add_agreement(site=site, **fields)
