"""One approbation drawn from the seeds: the approbation site (МАП) of Amursky tries out the work programmes of the
new subject «Труд (технология)» — an approbation in progress with a stage plan and monitoring results."""

from __future__ import annotations

import datetime as dt

from innoinfra.accounts.models import User
from innoinfra.approbation import services
from innoinfra.approbation.enums import ProductKind
from innoinfra.approbation.models import Approbation
from innoinfra.registry.models import Site

TITLE = "Рабочие программы по учебному предмету «Труд (технология)» для 5–9 классов"
STAGES = [
    ("Подготовительный: изучение программ, входная диагностика", dt.date(2024, 9, 1), dt.date(2024, 10, 31)),
    ("Основной: реализация программ в 5–7 классах, мониторинг", dt.date(2024, 11, 1), dt.date(2025, 12, 31)),
    ("Итоговый: анализ результатов, заключение, рекомендации", dt.date(2026, 1, 1), dt.date(2026, 6, 30)),
]
RESULTS = [
    (dt.date(2024, 10, 25), "Доля обучающихся, освоивших программу на базовом уровне", "71 %", "Входная диагностика"),
    (
        dt.date(2025, 5, 20),
        "Доля обучающихся, освоивших программу на базовом уровне",
        "78 %",
        "По итогам 2024/2025 учебного года",
    ),
    (
        dt.date(2025, 5, 20),
        "Удовлетворённость педагогов программой",
        "4,3 из 5",
        "Анкетирование 12 учителей технологии",
    ),
]


def load(registry: dict) -> None:
    site = Site.objects.filter(theme__startswith="Апробация рабочих программ по учебному предмету").first()
    if site is None or Approbation.objects.filter(product_title=TITLE).exists():
        return
    methodist = User.objects.filter(username="methodist").first()
    approbation = services.create_approbation(
        site=site,
        by=methodist,
        product_title=TITLE,
        product_kind=ProductKind.PROGRAMME,
        product_authors="Рабочая группа учителей технологии Амурского муниципального района",
        aims=(
            "Оценить возможность и условия использования рабочих программ по учебному предмету «Труд (технология)» "
            "в общеобразовательных организациях района; подготовить рекомендации по их внедрению."
        ),
        indicators=(
            "Доля обучающихся, освоивших программу на базовом уровне\n"
            "Удовлетворённость педагогов программой\n"
            "Обеспеченность кабинетов оборудованием"
        ),
    )
    for title, starts_on, ends_on in STAGES:
        services.add_stage(approbation, title=title, starts_on=starts_on, ends_on=ends_on, by=methodist)
    services.start(approbation, by=methodist)
    for date, indicator, value, comment in RESULTS:
        services.add_result(approbation, date=date, indicator=indicator, value=value, comment=comment, by=methodist)
