from django.db import models


class CallPurpose(models.TextChoices):
    STATUS = "status", "Конкурс на присвоение статуса"
    CONTEST = "contest", "Конкурс лучших практик"
    DEVELOPMENTS = "developments", "Конкурс методических разработок"
    DATABANK = "databank", "Включение опыта в банк данных"


class Aggregation(models.TextChoices):
    MEAN = "mean", "Среднее по экспертам"
    MEDIAN = "median", "Медиана по экспертам"
    TRIMMED_MEAN = "trimmed_mean", "Усечённое среднее (без крайних оценок)"


class StageKind(models.TextChoices):
    APPLICATIONS = "applications", "Приём заявок"
    FORMAL_CHECK = "formal_check", "Проверка комплектности"
    REVIEW = "review", "Экспертиза"
    MEETING = "meeting", "Заседание совета"
    RESULTS = "results", "Подведение итогов"


class ApplicationState(models.TextChoices):
    DRAFT = "draft", "Черновик"
    SUBMITTED = "submitted", "Подана"
    CHECKING = "checking", "Проверка комплектности"
    RETURNED = "returned", "Возвращена на доработку"
    UNDER_REVIEW = "under_review", "На экспертизе"
    REVIEWED = "reviewed", "Экспертиза завершена"
    RECOMMENDED = "recommended", "Рекомендована советом"
    NOT_RECOMMENDED = "not_recommended", "Не рекомендована советом"
    APPROVED = "approved", "Утверждена приказом"
    REJECTED = "rejected", "Отклонена"
    WITHDRAWN = "withdrawn", "Отозвана заявителем"


AS = ApplicationState
# Allowed transitions (from → to); read by the service and by the buttons a page shows.
APPLICATION_TRANSITIONS: dict[str, frozenset[str]] = {
    AS.DRAFT: frozenset({AS.SUBMITTED, AS.WITHDRAWN}),
    AS.SUBMITTED: frozenset({AS.CHECKING, AS.RETURNED, AS.UNDER_REVIEW, AS.WITHDRAWN}),
    AS.CHECKING: frozenset({AS.RETURNED, AS.UNDER_REVIEW, AS.REJECTED, AS.WITHDRAWN}),
    AS.RETURNED: frozenset({AS.SUBMITTED, AS.WITHDRAWN}),
    AS.UNDER_REVIEW: frozenset({AS.REVIEWED, AS.WITHDRAWN}),
    AS.REVIEWED: frozenset({AS.RECOMMENDED, AS.NOT_RECOMMENDED, AS.UNDER_REVIEW, AS.WITHDRAWN}),
    AS.RECOMMENDED: frozenset({AS.APPROVED, AS.REJECTED}),
    AS.NOT_RECOMMENDED: frozenset({AS.REJECTED}),
    AS.APPROVED: frozenset(),
    AS.REJECTED: frozenset(),
    AS.WITHDRAWN: frozenset(),
}
# The applicant may change these; everything after submission belongs to the procedure.
EDITABLE_STATES = frozenset({AS.DRAFT, AS.RETURNED})
# Reached once the council or the order has spoken: withdrawal is no longer possible.
DECIDED_STATES = frozenset({AS.RECOMMENDED, AS.NOT_RECOMMENDED, AS.APPROVED, AS.REJECTED})
FINAL_STATES = frozenset({AS.APPROVED, AS.REJECTED, AS.WITHDRAWN})
# States in which the application is in the competition and can be ranked.
RANKED_STATES = frozenset({AS.UNDER_REVIEW, AS.REVIEWED, AS.RECOMMENDED, AS.NOT_RECOMMENDED, AS.APPROVED, AS.REJECTED})


class AssignmentState(models.TextChoices):
    PENDING = "pending", "Ожидает ответа эксперта"
    ACCEPTED = "accepted", "Принято"
    DECLINED = "declined", "Отклонено экспертом"
    RECUSED = "recused", "Самоотвод"


ACTIVE_ASSIGNMENT_STATES = frozenset({AssignmentState.PENDING, AssignmentState.ACCEPTED})


class ReviewState(models.TextChoices):
    DRAFT = "draft", "Черновик"
    SUBMITTED = "submitted", "Отправлена"


class Recommendation(models.TextChoices):
    SUPPORT = "support", "Рекомендовать"
    REVISE = "revise", "Рекомендовать после доработки"
    REJECT = "reject", "Не рекомендовать"
