from django.db import models


class DocumentLevel(models.TextChoices):
    FEDERAL = "federal", "Федеральный"
    REGIONAL = "regional", "Региональный"
    MUNICIPAL = "municipal", "Муниципальный"
    INSTITUTIONAL = "institutional", "Уровень образовательной организации"


class DocumentType(models.TextChoices):
    LAW = "law", "Закон"
    DECREE = "decree", "Указ, постановление"
    DIRECTIVE = "directive", "Распоряжение"
    ORDER = "order", "Приказ"
    REGULATION = "regulation", "Положение, порядок, регламент"
    STRATEGY = "strategy", "Стратегия, концепция, программа"
    INSTRUCTION = "instruction", "Инструкция"
    RECOMMENDATIONS = "recommendations", "Методические рекомендации"
    OTHER = "other", "Иной документ"


class DocumentStatus(models.TextChoices):
    IN_FORCE = "in_force", "Действует"
    AMENDED = "amended", "Действует с изменениями"
    REPEALED = "repealed", "Утратил силу"
