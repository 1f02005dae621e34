from django.db import models


class RequestState(models.TextChoices):
    OPEN = "open", "Ждёт наставника"
    MATCHED = "matched", "Наставник назначен"
    COMPLETED = "completed", "Выполнен"
    WITHDRAWN = "withdrawn", "Отозван"


class PairState(models.TextChoices):
    ACTIVE = "active", "Действует"
    COMPLETED = "completed", "Завершена с результатом"
    DISCONTINUED = "discontinued", "Прекращена досрочно"


CLOSED_PAIR_STATES = (PairState.COMPLETED, PairState.DISCONTINUED)


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", "Очная встреча"
    ONLINE = "online", "Онлайн-встреча"
    VISIT = "visit", "Посещение, стажировка на базе наставника"
    OPEN_LESSON = "open_lesson", "Открытое занятие, мастер-класс"
    CONSULTATION = "consultation", "Консультация (переписка, телефон)"
