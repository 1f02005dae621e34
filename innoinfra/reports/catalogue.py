"""The two ready forms every installation has: a site's yearly report (the activity kinds of a site's work plan,
seed 002) and the monitoring of an organization's innovation activity (the roadmap's analytical section, seed 000).
Methodists copy them into a campaign and adjust the copy."""

from __future__ import annotations

from .enums import NUMBER_TYPES
from .enums import ItemKind as K
from .enums import ValueType as V

SITE_REPORT = "Ежегодный отчёт инновационной площадки"
MONITORING = "Мониторинг инновационной деятельности организации"

SEC, IND, ATT = K.SECTION, K.INDICATOR, K.ATTACHMENT


def section(title: str, code: str, *, hint: str = "", required: bool = True) -> dict:
    return {"kind": SEC, "title": title, "code": code, "hint": hint, "required": required, "value_type": ""}


def indicator(
    title: str,
    code: str,
    value_type: str = V.INTEGER,
    *,
    unit: str = "",
    minimum=Ellipsis,
    maximum=None,
    options=(),
    hint: str = "",
    required: bool = True,
) -> dict:
    """A number never goes below zero unless told otherwise; yes/no and choices have no bounds."""
    if minimum is Ellipsis:
        minimum = 0 if value_type in NUMBER_TYPES else None
    return {
        "kind": IND,
        "title": title,
        "code": code,
        "value_type": value_type,
        "unit": unit,
        "min_value": minimum,
        "max_value": maximum,
        "options": list(options),
        "hint": hint,
        "required": required,
    }


def attachment(title: str, code: str, *, hint: str = "", required: bool = True) -> dict:
    return {
        "kind": ATT,
        "value_type": "",
        "title": title,
        "code": code,
        "hint": hint,
        "required": required,
        "allowed_types": ".pdf,.jpg,.png",
    }


FORMS: dict[str, tuple[str, list[dict]]] = {
    SITE_REPORT: (
        "Отчёт о реализации инновационного проекта за отчётный период: выполнение плана работы, проведённые мероприятия, публикации, продукты и эффекты. Числовые показатели можно заполнить по данным системы.",
        [
            section(
                "Выполнение плана работы площадки",
                "plan_summary",
                hint="Что из плана выполнено, что перенесено и почему.",
            ),
            indicator("Пунктов плана со сроком в отчётном периоде", "plan_items_due", unit="пунктов"),
            indicator("Из них выполнено", "plan_items_done", unit="пунктов"),
            indicator(
                "Проведено мероприятий",
                "events_held",
                unit="мероприятий",
                hint="Семинары, вебинары, мастер-классы, конференции, организованные площадкой.",
            ),
            indicator("Участников проведённых мероприятий", "event_participants", unit="человек"),
            indicator("Выдано сертификатов участникам", "certificates_issued", unit="шт.", required=False),
            indicator(
                "Публикаций по теме проекта",
                "publications",
                unit="публикаций",
                hint="Статьи, сборники, публикации на сайтах и в СМИ.",
            ),
            indicator(
                "Продуктов, размещённых в банке данных инновационного опыта", "products_in_bank", unit="продуктов"
            ),
            indicator("Педагогов, вовлечённых в инновационную деятельность", "teachers_involved", unit="человек"),
            indicator(
                "Сетевых партнёров проекта",
                "partners",
                unit="организаций",
                hint="Организации, с которыми заключены договоры о сетевом взаимодействии.",
            ),
            indicator("Наставнических пар с участием организации", "mentoring_pairs", unit="пар", required=False),
            section(
                "Диагностическая деятельность",
                "diagnostic",
                hint="Мониторинги, анализ мероприятий, аналитические справки.",
            ),
            section(
                "Теоретическая деятельность",
                "theoretical",
                hint="Договоры с партнёрами, заседания творческой группы, разработка нормативного обеспечения.",
            ),
            section(
                "Практическая деятельность",
                "practical",
                hint="Проведённые мероприятия проекта, консультации, конкурсы.",
            ),
            section(
                "Методическая деятельность",
                "methodical",
                hint="Разработанные конспекты, сценарии, методические рекомендации.",
            ),
            section(
                "Трансляционная деятельность",
                "translational",
                hint="Участие в мероприятиях разного уровня, публикации, размещение материалов на сайтах.",
            ),
            section(
                "Эффекты инновационной деятельности",
                "effects",
                hint="Изменения в организации, у педагогов, обучающихся и родителей; для муниципальной системы образования.",
            ),
            indicator(
                "Результаты проекта за период",
                "results_level",
                V.CHOICE,
                options=["Превзошли ожидания", "Соответствуют плану", "Достигнуты частично", "Не достигнуты"],
            ),
            indicator("Планируется продолжение работы в статусе", "continue_work", V.BOOLEAN),
            attachment(
                "Отчёт, подписанный руководителем организации",
                "signed_report",
                hint="Скан или PDF с подписью и печатью.",
            ),
        ],
    ),
    MONITORING: (
        "Ежегодный мониторинг инновационной деятельности образовательных организаций: по его данным выявляются дефициты и успешные практики, составляется карта инновационной деятельности.",
        [
            indicator("В организации есть программа (проект) инновационной деятельности", "has_program", V.BOOLEAN),
            indicator(
                "Уровень участия в инновационной деятельности",
                "participation_level",
                V.CHOICE,
                options=["Не участвует", "Муниципальный", "Региональный", "Федеральный"],
            ),
            indicator("Педагогов в организации", "teachers_total", unit="человек"),
            indicator("Педагогов, вовлечённых в инновационную деятельность", "teachers_involved", unit="человек"),
            indicator(
                "Доля педагогов, прошедших обучение по направлению инноваций",
                "teachers_trained_share",
                V.DECIMAL,
                unit="%",
                maximum=100,
                required=False,
            ),
            indicator("Проведено мероприятий для педагогов района", "events_held", unit="мероприятий"),
            indicator("Участников проведённых мероприятий", "event_participants", unit="человек", required=False),
            indicator("Подано заявок на статус площадки", "applications_submitted", unit="заявок", required=False),
            indicator("Наставнических пар с участием организации", "mentoring_pairs", unit="пар", required=False),
            indicator("Практик, представленных в банк данных", "products_in_bank", unit="практик", required=False),
            section(
                "Успешные практики", "good_practices", hint="Что получилось и может быть полезно другим организациям."
            ),
            section("Дефициты и затруднения", "deficits", hint="Чего не хватает: кадры, методическая помощь, ресурсы."),
        ],
    ),
}


def install(apps=None) -> dict[str, object]:
    """Create the ready forms that do not exist yet (by title); runs from a migration and from loaddemo."""
    if apps is None:
        from .models import FormItem, ReportForm
    else:
        ReportForm = apps.get_model("reports", "ReportForm")
        FormItem = apps.get_model("reports", "FormItem")
    forms = {}
    for title, (description, items) in FORMS.items():
        form, created = ReportForm.objects.get_or_create(
            title=title, is_template=True, defaults={"description": description}
        )
        forms[title] = form
        if created:
            FormItem.objects.bulk_create(
                FormItem(form=form, position=position, **item) for position, item in enumerate(items, start=1)
            )
    return forms
