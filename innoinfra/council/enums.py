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
    POSTPONE = "postpone", "Отложить рассмотрение"


# Outcomes that need an order of the education authority to take effect.
OUTCOMES_NEEDING_ORDER = frozenset({Outcome.RECOMMEND, Outcome.CHANGE_THEME, Outcome.EXTEND, Outcome.TERMINATE})


class VotingMode(models.TextChoices):
    VOTES = "votes", "Голосованием"
    CONSENSUS = "consensus", "Единогласно (консенсус)"


class VoteChoice(models.TextChoices):
    """A member's answer in a roll-call vote; a recused member does not count among those voting."""

    FOR = "for", "за"
    AGAINST = "against", "против"
    ABSTAINED = "abstained", "воздержался"
    RECUSED = "recused", "самоотвод"


# Allowed meeting transitions (from → to): read by the service and by the buttons the page shows.
MEETING_TRANSITIONS: dict[str, frozenset[str]] = {
    MeetingState.PLANNED: frozenset({MeetingState.HELD, MeetingState.CANCELLED}),
    MeetingState.HELD: frozenset(),
    MeetingState.CANCELLED: frozenset({MeetingState.PLANNED}),
}
# Outcomes an order carries out (CONTINUE is only recorded in the order, nothing changes in the registry).
ORDER_OUTCOMES = OUTCOMES_NEEDING_ORDER | {Outcome.CONTINUE}
# Outcomes the council may give to each kind of agenda item.
OUTCOMES_BY_KIND: dict[str, tuple[str, ...]] = {
    AgendaKind.APPLICATION: (Outcome.RECOMMEND, Outcome.NOT_RECOMMEND, Outcome.NOTE, Outcome.POSTPONE),
    AgendaKind.SITE: (
        Outcome.CONTINUE,
        Outcome.CHANGE_THEME,
        Outcome.EXTEND,
        Outcome.TERMINATE,
        Outcome.NOTE,
        Outcome.POSTPONE,
    ),
    AgendaKind.OTHER: (Outcome.NOTE, Outcome.POSTPONE),
}
