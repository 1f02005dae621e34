from django.db import models


class PracticeKind(models.TextChoices):
    PROGRAM = "program", "Образовательная программа"
    METHODICAL = "methodical", "Методическая разработка"
    TECHNOLOGY = "technology", "Технология"
    MODEL = "model", "Модель"
    SCENARIO = "scenario", "Сценарий урока / мероприятия"
    COLLECTION = "collection", "Сборник"
    OTHER = "other", "Иное"


class EducationLevel(models.TextChoices):
    # codes never contain one another, so «levels contains code» finds exactly that level
    PRESCHOOL = "preschool", "ДО"
    PRIMARY = "primary", "НОО"
    BASIC = "basic", "ООО"
    SECONDARY = "secondary", "СОО"
    VOCATIONAL = "vocational", "СПО"
    CHILDREN = "children", "ДОД"
    PROFESSIONAL = "professional", "ДПО"


class Licence(models.TextChoices):
    CC_BY = "cc-by-4.0", "CC BY 4.0"
    CC_BY_SA = "cc-by-sa-4.0", "CC BY-SA 4.0"
    CC_BY_NC = "cc-by-nc-4.0", "CC BY-NC 4.0"
    ALL_RIGHTS = "all-rights", "Все права защищены (использование с согласия авторов)"


class PracticeState(models.TextChoices):
    DRAFT = "draft", "Черновик"
    SUBMITTED = "submitted", "На модерации"
    UNDER_EXPERTISE = "expertise", "На экспертизе"
    PUBLISHED = "published", "Опубликована"
    RETURNED = "returned", "Возвращена на доработку"
    REJECTED = "rejected", "Отклонена"
    WITHDRAWN = "withdrawn", "Снята с публикации"
    # a new edition after its publication: its content now lives in the original practice; kept for the audit trail
    MERGED = "merged", "Включена в новую редакцию"


EDITABLE_STATES = (PracticeState.DRAFT, PracticeState.RETURNED)
# Waiting for the moderator: the formal check, the expertise, the decision after it.
MODERATED_STATES = (PracticeState.SUBMITTED, PracticeState.UNDER_EXPERTISE)
# A revision still on its way to publication: only one at a time per practice.
OPEN_REVISION_STATES = (
    PracticeState.DRAFT,
    PracticeState.RETURNED,
    PracticeState.SUBMITTED,
    PracticeState.UNDER_EXPERTISE,
)
