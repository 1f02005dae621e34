from django.db import models


class Level(models.TextChoices):
    MUNICIPAL = "municipal", "Муниципальный"
    REGIONAL = "regional", "Региональный"
    FEDERAL = "federal", "Федеральный"


class SiteState(models.TextChoices):
    ACTIVE = "active", "Действует"
    SUSPENDED = "suspended", "Приостановлена"
    COMPLETED = "completed", "Завершена"
    REVOKED = "revoked", "Статус прекращён"
    # Set by the daily expiry service (registry.lifecycle) the day after the period ends; no order is needed:
    # the order that granted the status named its end. Pages compute it from the dates even before the job runs.
    EXPIRED = "expired", "Завершена (срок истёк)"


# Allowed transitions: from → {to}. Read by the transition service and by the buttons shown.
SITE_TRANSITIONS: dict[str, frozenset[str]] = {
    SiteState.ACTIVE: frozenset({SiteState.SUSPENDED, SiteState.COMPLETED, SiteState.REVOKED}),
    SiteState.SUSPENDED: frozenset({SiteState.ACTIVE, SiteState.COMPLETED, SiteState.REVOKED}),
    SiteState.COMPLETED: frozenset(),
    SiteState.REVOKED: frozenset(),
    SiteState.EXPIRED: frozenset(),
}
# Leaving the registry's active set is a legal act: it needs an order.
STATES_NEEDING_ORDER = frozenset({SiteState.COMPLETED, SiteState.REVOKED})
CURRENT_STATES = frozenset({SiteState.ACTIVE, SiteState.SUSPENDED})
FINAL_STATES = frozenset({SiteState.COMPLETED, SiteState.REVOKED, SiteState.EXPIRED})
# Not a stored state: an active status whose period has not begun yet («Вступает в силу дд.мм.гггг»).
UPCOMING = "upcoming"


class ParticipantRole(models.TextChoices):
    LEAD = "lead", "Ведущая организация"
    PARTICIPANT = "participant", "Участник"


class MemberKind(models.TextChoices):
    """Members of a complex or a network other than organizations (those are the site's participants)."""

    TEAM = "team", "Творческая группа"
    LABORATORY = "laboratory", "Лаборатория"
    PERSON = "person", "Педагог"


class MemberRole(models.TextChoices):
    COORDINATOR = "coordinator", "Координатор"
    PARTICIPANT = "participant", "Участник"
    CONSULTANT = "consultant", "Научный консультант"
    PARTNER = "partner", "Партнёр"


class AgreementState(models.TextChoices):
    """Not stored: read from the term and today (models.agreement_state)."""

    UPCOMING = "upcoming", "Вступает в силу"
    ACTIVE = "active", "Действует"
    EXPIRING = "expiring", "Истекает"
    EXPIRED = "expired", "Истекло"
