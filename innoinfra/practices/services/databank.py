"""The data-bank call of the review engine: the rubric of five criteria, the territory's experts, one call per
territory and year whose review stage lasts the whole year, created on first need."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from innoinfra.accounts.enums import Role
from innoinfra.accounts.models import Membership, User
from innoinfra.reference.models import Municipality
from innoinfra.review import services as review_services
from innoinfra.review.enums import CallPurpose, StageKind
from innoinfra.review.models import Call, Rubric

DATABANK_RUBRIC = "Экспертиза материалов для банка данных"
# What experts read in the application; the practice's own page is open to them as well.
DATABANK_FORM = ["authors", "main_idea", "expected_results", "resources"]


def _levels(*meanings: str) -> list[dict]:
    return [{"value": value, "meaning": meaning} for value, meaning in enumerate(meanings)]


DATABANK_CRITERIA = [
    dict(
        title="Актуальность",
        description="Соответствие практики задачам развития образования, запросам обучающихся, педагогов, территории.",
        levels=_levels(
            "Актуальность не обоснована",
            "Актуальность обоснована в общих чертах",
            "Актуальность убедительно обоснована задачами развития образования и запросами территории",
        ),
    ),
    dict(
        title="Новизна",
        description="Что нового по сравнению с массовой практикой: содержание, формы, технологии, способы организации.",
        levels=_levels(
            "Повторяет известный опыт",
            "Есть элементы новизны (новое применение известного)",
            "Предложено новое решение, отличие от массовой практики показано",
        ),
    ),
    dict(
        title="Результативность",
        description="Подтверждённые результаты и эффекты для обучающихся, педагогов, организации.",
        levels=_levels(
            "Результаты не описаны",
            "Результаты описаны, но не подтверждены данными",
            "Результаты подтверждены данными диагностики, мониторинга, внешней оценки",
        ),
    ),
    dict(
        title="Возможность тиражирования",
        description="Можно ли перенести опыт в другие организации: условия, ресурсы, описание шагов.",
        levels=_levels(
            "Опыт привязан к условиям одной организации",
            "Перенос возможен при дополнительной доработке",
            "Описаны условия и шаги: опыт готов к переносу в другие организации",
        ),
    ),
    dict(
        title="Качество оформления",
        description="Полнота и логичность описания, грамотность, наличие приложений и материалов.",
        levels=_levels(
            "Описание неполное, материалы не приложены",
            "Описание в целом полное, есть недочёты",
            "Описание полное и логичное, материалы готовы к использованию",
        ),
    ),
]


def databank_rubric():
    rubric = Rubric.objects.filter(purpose=CallPurpose.DATABANK, name=DATABANK_RUBRIC, is_active=True).first()
    return rubric or review_services.create_rubric(
        name=DATABANK_RUBRIC,
        purpose=CallPurpose.DATABANK,
        description="Оценочный лист экспертизы практик, предлагаемых в муниципальный банк данных инновационного опыта: "
        "5 критериев, от 0 до 2 баллов каждый.",
        criteria=DATABANK_CRITERIA,
    )


def territory_experts(municipality):
    """Experts of the territory: members of its bodies (e.g. the municipal expert council) and experts named for it."""

    experts = (
        Membership.objects.active()
        .filter(role=Role.EXPERT)
        .filter(
            Q(municipality=municipality)
            | Q(body__municipality=municipality)
            | Q(body__organization__municipality=municipality)
        )
    )
    return User.objects.filter(pk__in=experts.values("user_id"), is_active=True)


def databank_call(municipality, *, by=None, day: dt.date | None = None):
    """The territory's published data-bank call whose review stage includes the day; created on first need.

    The data bank is a continuous procedure, not a dated competition: a call per territory and year, whose one
    stage — the expertise — lasts the whole year. Its panel is the territory's experts."""

    day = day or timezone.localdate()
    Municipality.objects.select_for_update().filter(pk=municipality.pk).first()  # one call even if two send at once
    call = (
        Call.objects.filter(
            purpose=CallPurpose.DATABANK,
            municipality=municipality,
            is_published=True,
            stages__kind=StageKind.REVIEW,
            stages__starts_on__lte=day,
            stages__ends_on__gte=day,
        )
        .order_by("-created_at", "-id")
        .first()
    )
    if call is None:
        name = municipality.short_name or municipality.name
        call = review_services.create_call(
            title=f"Банк данных инновационного опыта ({name}): экспертиза материалов, {day.year} год",
            municipality=municipality,
            rubric=databank_rubric(),
            by=by,
            purpose=CallPurpose.DATABANK,
            description="Постоянно действующая экспертиза практик, которые модератор банка данных направляет после "
            "проверки: каждую практику оценивают назначенные эксперты по оценочному листу, после чего модератор "
            "публикует её, возвращает авторам на доработку или отклоняет.",
            form_fields=DATABANK_FORM,
            pass_threshold=Decimal("0.5"),
            experts_per_application=2,
        )
        review_services.set_stages(call, [(StageKind.REVIEW, dt.date(day.year, 1, 1), dt.date(day.year, 12, 31))])
        review_services.set_published(call, True)
    call.panel.add(*territory_experts(municipality))
    return call
