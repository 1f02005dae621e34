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


# Allowed transitions: from → {to}. Read by the transition service and by the buttons shown.
SITE_TRANSITIONS: dict[str, frozenset[str]] = {
    SiteState.ACTIVE: frozenset({SiteState.SUSPENDED, SiteState.COMPLETED, SiteState.REVOKED}),
    SiteState.SUSPENDED: frozenset({SiteState.ACTIVE, SiteState.COMPLETED, SiteState.REVOKED}),
    SiteState.COMPLETED: frozenset(),
    SiteState.REVOKED: frozenset(),
}
# Leaving the registry's active set is a legal act: it needs an order.
STATES_NEEDING_ORDER = frozenset({SiteState.COMPLETED, SiteState.REVOKED})
CURRENT_STATES = frozenset({SiteState.ACTIVE, SiteState.SUSPENDED})
FINAL_STATES = frozenset({SiteState.COMPLETED, SiteState.REVOKED})


class ParticipantRole(models.TextChoices):
    LEAD = "lead", "Ведущая организация"
    PARTICIPANT = "participant", "Участник"
