from django.db import models


class CampaignState(models.TextChoices):
    DRAFT = "draft", "Подготовка"
    OPEN = "open", "Идёт сбор отчётов"
    CLOSED = "closed", "Завершена"


CAMPAIGN_TRANSITIONS = {
    CampaignState.DRAFT: {CampaignState.OPEN},
    CampaignState.OPEN: {CampaignState.CLOSED},
    CampaignState.CLOSED: {CampaignState.OPEN},
}


class Audience(models.TextChoices):
    """Who must report in a campaign."""

    SITES = "sites", "Все действующие площадки территории"
    SITE_KINDS = "site_kinds", "Площадки выбранных видов"
    ORGANIZATIONS = "organizations", "Все организации территории"


class ItemKind(models.TextChoices):
    SECTION = "section", "Раздел (текстовый ответ)"
    INDICATOR = "indicator", "Показатель"
    ATTACHMENT = "attachment", "Обязательное вложение"


class ValueType(models.TextChoices):
    INTEGER = "integer", "Целое число"
    DECIMAL = "decimal", "Дробное число"
    BOOLEAN = "boolean", "Да / нет"
    CHOICE = "choice", "Выбор из списка"


NUMBER_TYPES = (ValueType.INTEGER, ValueType.DECIMAL)


class ReportState(models.TextChoices):
    DRAFT = "draft", "Заполняется"
    SUBMITTED = "submitted", "Представлен"
    RETURNED = "returned", "Возвращён на доработку"
    ACCEPTED = "accepted", "Принят"


# the organization still owes the report
EDITABLE_STATES = (ReportState.DRAFT, ReportState.RETURNED)
REPORT_TRANSITIONS = {
    ReportState.DRAFT: {ReportState.SUBMITTED},
    ReportState.RETURNED: {ReportState.SUBMITTED},
    ReportState.SUBMITTED: {ReportState.ACCEPTED, ReportState.RETURNED},
    ReportState.ACCEPTED: set(),
}

DEFAULT_ATTACHMENT_TYPES = ".pdf,.docx,.doc,.xlsx,.jpg,.png,.zip"
