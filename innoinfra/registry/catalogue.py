"""The infrastructure as the Amursky procedure (seed 001) defines it, plus the kinds seen in
practice elsewhere. Installed by a data migration; staff edit it afterwards."""

from __future__ import annotations

SUBSYSTEMS = [
    (
        "generating",
        "Генерирующая подсистема",
        "Производство инноваций: генерирование новых идей, реализация их в новом продукте, экспериментальная проверка эффективности новшества.",
    ),
    (
        "supporting",
        "Содействующая подсистема",
        "Методическое сопровождение, экспертиза, апробация, распространение инновационного продукта.",
    ),
    (
        "providing",
        "Обеспечивающая подсистема",
        "Информационное и кадровое обеспечение функционирования всех подсистем инновационной инфраструктуры.",
    ),
    (
        "coordinating",
        "Координирующая подсистема",
        "Координация и регулирование деятельности субъектов инновационного процесса.",
    ),
]

# name, abbreviation, subsystem code, level, is_network, colour, rank, description
SITE_KINDS = [
    (
        "Муниципальная инновационная площадка",
        "МИП",
        "generating",
        "municipal",
        False,
        "#0d6efd",
        60,
        "Образовательная организация, осуществляющая инновационную деятельность по одному или нескольким перспективным направлениям муниципальной образовательной политики.",
    ),
    (
        "Инновационный комплекс",
        "ИК",
        "generating",
        "municipal",
        True,
        "#6610f2",
        55,
        "Объединение образовательных организаций, совместно реализующих инновационный проект.",
    ),
    (
        "Муниципальная апробационная площадка",
        "МАП",
        "supporting",
        "municipal",
        False,
        "#20c997",
        40,
        "Образовательная организация, проводящая апробацию инновационных педагогических технологий и учебных изданий.",
    ),
    (
        "Центр трансфера технологий",
        "ЦТТ",
        "supporting",
        "municipal",
        False,
        "#fd7e14",
        45,
        "Организация, на базе которой проводятся практические занятия (стажировки) по освоению трудно технологизируемых инноваций.",
    ),
    (
        "Центр компетенций",
        "ЦК",
        "supporting",
        "municipal",
        False,
        "#d63384",
        50,
        "Организация, аккумулирующая и распространяющая инновационную образовательную практику, содействующая профессиональному развитию педагогов.",
    ),
    (
        "Муниципальная опорная площадка",
        "МОП",
        "supporting",
        "municipal",
        False,
        "#198754",
        35,
        "Организация, транслирующая успешный опыт по направлению развития муниципальной системы образования.",
    ),
    (
        "Стажировочная площадка",
        "СП",
        "supporting",
        "municipal",
        False,
        "#ffc107",
        30,
        "Организация, принимающая педагогов на стажировку по освоению инновационного опыта.",
    ),
    (
        "Сетевая инновационная площадка",
        "СИП",
        "generating",
        "municipal",
        True,
        "#0dcaf0",
        45,
        "Сеть организаций: центр и участники, реализующие общий инновационный проект.",
    ),
    (
        "Ресурсный центр",
        "РЦ",
        "providing",
        "municipal",
        False,
        "#6c757d",
        25,
        "Организация, обеспечивающая другие организации кадровыми, методическими и информационными ресурсами.",
    ),
    (
        "Краевая (региональная) инновационная площадка",
        "КИП",
        "generating",
        "regional",
        False,
        "#b02a37",
        80,
        "Статус регионального уровня, присваиваемый органом управления образованием субъекта РФ (РИП/КИП).",
    ),
    (
        "Федеральная инновационная площадка",
        "ФИП",
        "generating",
        "federal",
        False,
        "#842029",
        100,
        "Статус федерального уровня (приказ Минпросвещения России, ст. 20 Федерального закона № 273-ФЗ).",
    ),
]

DIRECTIONS = [
    "Функциональная грамотность",
    "Цифровая образовательная среда",
    "Инклюзивное образование",
    "Воспитание и социализация",
    "Наставничество",
    "Профессиональная ориентация",
    "Управление образовательной организацией",
    "Дошкольное образование",
    "Дополнительное образование детей",
    "Работа с одарёнными детьми",
    "Здоровьесбережение",
    "Естественно-научное и инженерное образование",
]


def install(apps=None) -> None:
    """Idempotent: adds what is missing, never overwrites what staff changed."""
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    Subsystem = apps.get_model("registry", "Subsystem")
    SiteKind = apps.get_model("registry", "SiteKind")
    # Directions moved to `reference`; the registry's first migrations still see them at home.
    try:
        Direction = apps.get_model("reference", "Direction")
    except LookupError:
        Direction = apps.get_model("registry", "Direction")
    subsystems = {}
    for position, (code, name, function) in enumerate(SUBSYSTEMS, start=1):
        subsystems[code], _ = Subsystem.objects.get_or_create(
            code=code, defaults={"name": name, "function": function, "position": position}
        )
    for position, (name, abbr, subsystem, level, network, color, rank, description) in enumerate(SITE_KINDS, start=1):
        SiteKind.objects.get_or_create(
            name=name,
            defaults={
                "abbreviation": abbr,
                "subsystem": subsystems[subsystem],
                "level": level,
                "is_network": network,
                "color": color,
                "rank": rank,
                "description": description,
                "position": position,
            },
        )
    for name in DIRECTIONS:
        Direction.objects.get_or_create(name=name)
