from django.db import models


class PlanKind(models.TextChoices):
    ROADMAP = "roadmap", "Дорожная карта"
    EVENT_PLAN = "event_plan", "План мероприятий"
    SITE_WORK_PLAN = "site_work_plan", "План работы площадки"
    COUNCIL_WORK_PLAN = "council_work_plan", "План работы совета"
    OTHER = "other", "Иной план"


class PlanState(models.TextChoices):
    DRAFT = "draft", "Проект"
    APPROVED = "approved", "Утверждён"
    ARCHIVED = "archived", "В архиве"


# Only a draft is edited (its particulars, sections, items); an approved plan is what its order approved, and it
# goes back to a draft to be corrected. Execution is marked on approved plans: that is not an edit of the plan.
EDITABLE_STATES = frozenset({PlanState.DRAFT})

# state → states it may move to; approval needs an order (services check it)
PLAN_TRANSITIONS = {
    PlanState.DRAFT: {PlanState.APPROVED, PlanState.ARCHIVED},
    PlanState.APPROVED: {PlanState.ARCHIVED, PlanState.DRAFT},
    PlanState.ARCHIVED: {PlanState.APPROVED},
}


class OwnerKind(models.TextChoices):
    MUNICIPALITY = "municipality", "Муниципалитет (управление образования)"
    METHODICAL_CENTER = "methodical_center", "Методический центр"
    BODY = "body", "Коллегиальный орган"
    ORGANIZATION = "organization", "Образовательная организация"
    SITE = "site", "Инновационная площадка"


class PeriodKind(models.TextChoices):
    ACADEMIC_YEAR = "academic_year", "Учебный год"
    CALENDAR_YEAR = "calendar_year", "Календарный год"
    YEARS = "years", "Несколько лет"


class Column(models.TextChoices):
    """Optional columns of a plan table; number and activity are always there."""

    RESPONSIBLE = "responsible", "Ответственный"
    TIMING = "timing", "Сроки"
    AUDIENCE = "audience", "Целевая аудитория"
    RESULT = "result", "Ожидаемый результат"
    NOTES = "notes", "Примечание"


DEFAULT_COLUMNS = [Column.RESPONSIBLE, Column.TIMING, Column.RESULT]


class SectionKind(models.TextChoices):
    """Kinds of activity of a site's work plan (seed 002)."""

    NONE = "", "—"
    DIAGNOSTIC = "diagnostic", "Диагностическая деятельность"
    THEORETICAL = "theoretical", "Теоретическая деятельность"
    PRACTICAL = "practical", "Практическая деятельность"
    METHODICAL = "methodical", "Методическая деятельность"
    TRANSLATIONAL = "translational", "Трансляционная деятельность"


class TimingKind(models.TextChoices):
    SCHEDULED = "scheduled", "По графику"
    FREQUENCY = "frequency", "С периодичностью"
    CONTINUOUS = "continuous", "В течение периода"
    ON_DEMAND = "on_demand", "По мере запроса"
    EXTERNAL = "external", "По другому плану"
    UNKNOWN = "unknown", "Не распознано"
    MANUAL = "manual", "Задано вручную"


class OccurrenceStatus(models.TextChoices):
    PLANNED = "planned", "Запланировано"
    IN_PROGRESS = "in_progress", "Выполняется"
    DONE = "done", "Выполнено"
    NOT_DONE = "not_done", "Не выполнено"
    CANCELLED = "cancelled", "Отменено"


# statuses after which an occurrence is no longer expected to happen
CLOSED_STATUSES = (OccurrenceStatus.DONE, OccurrenceStatus.NOT_DONE, OccurrenceStatus.CANCELLED)
OPEN_STATUSES = (OccurrenceStatus.PLANNED, OccurrenceStatus.IN_PROGRESS)
