from django.db import models


class OrganizationType(models.TextChoices):
    SCHOOL = "school", "Общеобразовательная организация"
    DOO = "doo", "Дошкольная образовательная организация"
    UDO = "udo", "Организация дополнительного образования"
    COLLEGE = "college", "Профессиональная образовательная организация"
    METHODICAL_CENTER = "methodical_center", "Методический центр"
    AUTHORITY = "authority", "Орган управления образованием"
    OTHER = "other", "Иная организация"


class CycleStage(models.TextChoices):
    """The stage of the innovation cycle a site's project or a practice has reached (seed 001)."""

    IDEA = "idea", "Идея"
    DEVELOPMENT = "development", "Разработка"
    APPROBATION = "approbation", "Апробация"
    IMPLEMENTATION = "implementation", "Внедрение"
    REPLICATION = "replication", "Тиражирование"
