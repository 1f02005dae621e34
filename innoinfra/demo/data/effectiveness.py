"""Demo criteria of effectiveness (roadmap item 33), in force since the previous academic year, so that the demo's
finished reporting campaign is scored."""

from __future__ import annotations

from decimal import Decimal

from innoinfra.effectiveness.models import CriteriaSet, Criterion
from innoinfra.effectiveness.services import current_year

TITLE = "Критерии эффективности инновационной деятельности (дорожная карта, п. 33)"
CRITERIA = [
    ("Выполнение плана работы", "plan_items_done / plan_items_due", "0.9", "3", "доля пунктов"),
    ("Мероприятия для педагогов района", "events_held", "4", "2", "мероприятий"),
    ("Охват педагогов мероприятиями", "event_participants", "60", "2", "человек"),
    ("Публикации по теме проекта", "publications", "3", "1", "публикаций"),
    ("Продукты в банке данных инновационного опыта", "products_in_bank", "2", "1", "продуктов"),
    ("Сетевое взаимодействие", "partners", "3", "1", "организаций-партнёров"),
]


def load(registry: dict | None = None) -> CriteriaSet:
    # created directly, not through services: the demo sets up a past that services rightly refuse to rewrite
    criteria_set, created = CriteriaSet.objects.get_or_create(
        municipality=None,
        first_year=current_year() - 1,
        defaults={"title": TITLE, "note": "Приказ № 172-Д от 11 апреля 2025 г., приложение, п. 33."},
    )
    if created:
        Criterion.objects.bulk_create(
            Criterion(
                criteria_set=criteria_set,
                position=n,
                title=title,
                formula=formula,
                target=Decimal(target),
                weight=Decimal(weight),
                unit=unit,
            )
            for n, (title, formula, target, weight, unit) in enumerate(CRITERIA, start=1)
        )
    return criteria_set
