from django.db import models


class PublicationKind(models.TextChoices):
    ARTICLE = "article", "Статья"
    INTERVIEW = "interview", "Интервью"
    VIDEO = "video", "Видеосюжет, видеоотчёт"
    NEWS = "news", "Новость"
    CHAPTER = "chapter", "Статья (глава) в сборнике"
    SPEECH = "speech", "Выступление на мероприятии"
    METHODICAL = "methodical", "Методические материалы"


class PublicationLevel(models.TextChoices):
    """The reach of the outlet, as site reports count «трансляционная деятельность» (seed 002)."""

    ORGANIZATION = "organization", "Уровень образовательной организации"
    MUNICIPAL = "municipal", "Муниципальный"
    REGIONAL = "regional", "Региональный"
    FEDERAL = "federal", "Федеральный"
    INTERNATIONAL = "international", "Международный"
