from django.db import models


class ProductKind(models.TextChoices):
    """What an approbation site tries out (seed 001, 3.2.2): «учебных изданий, образовательных и управленческих
    технологий и средств»."""

    TEXTBOOK = "textbook", "Учебное издание"
    EDUCATIONAL_TECHNOLOGY = "educational_technology", "Образовательная технология"
    MANAGEMENT_TECHNOLOGY = "management_technology", "Управленческая технология"
    PROGRAMME = "programme", "Образовательная программа"
    MEANS = "means", "Средство обучения"
    OTHER = "other", "Другое"


class ApprobationState(models.TextChoices):
    PLANNED = "planned", "Планируется"
    IN_PROGRESS = "in_progress", "Идёт апробация"
    FINISHED = "finished", "Завершена"


class Verdict(models.TextChoices):
    """The conclusion (вывод) of an approbation."""

    RECOMMENDED = "recommended", "Рекомендован к внедрению"
    NEEDS_REVISION = "needs_revision", "Требует доработки"
    NOT_RECOMMENDED = "not_recommended", "Не рекомендован"
