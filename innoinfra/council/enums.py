from django.db import models


class MeetingState(models.TextChoices):
    PLANNED = "planned", "Запланировано"
    HELD = "held", "Проведено"
    CANCELLED = "cancelled", "Отменено"


class AgendaKind(models.TextChoices):
    APPLICATION = "application", "Заявка конкурса"
    SITE = "site", "Площадка (отчёт, защита)"
    OTHER = "other", "Иной вопрос"


class Outcome(models.TextChoices):
    RECOMMEND = "recommend", "Рекомендовать к присвоению статуса"
    NOT_RECOMMEND = "not_recommend", "Не рекомендовать"
    CONTINUE = "continue", "Продолжить работу в статусе"
    CHANGE_THEME = "change_theme", "Изменить тему"
    EXTEND = "extend", "Продлить срок статуса"
    TERMINATE = "terminate", "Прекратить статус досрочно"
    NOTE = "note", "Принять к сведению / иное"


# Outcomes that need an order of the education authority to take effect.
OUTCOMES_NEEDING_ORDER = frozenset({Outcome.RECOMMEND, Outcome.CHANGE_THEME, Outcome.EXTEND, Outcome.TERMINATE})


class VotingMode(models.TextChoices):
    VOTES = "votes", "Голосованием"
    CONSENSUS = "consensus", "Единогласно (консенсус)"
