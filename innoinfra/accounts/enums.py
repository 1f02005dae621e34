from django.db import models


class Role(models.TextChoices):
    AUTHORITY = "authority", "Управление образования"
    METHODIST = "methodist", "Методист (методический центр)"
    EXPERT = "expert", "Эксперт"
    # checks practices for the data bank and sends them to expertise; moderates comments; no registry rights
    MODERATOR = "moderator", "Модератор банка данных"
    ORG_ADMIN = "org_admin", "Руководитель / координатор ОО"
    TEACHER = "teacher", "Педагог"


# Roles that run the registry of their territory.
STAFF_ROLES = frozenset({Role.AUTHORITY, Role.METHODIST})
# Roles that moderate the data bank of their territory (staff moderate it too, see Scope.moderates).
MODERATOR_ROLES = frozenset({Role.MODERATOR})


class BodyPosition(models.TextChoices):
    CHAIR = "chair", "Председатель"
    DEPUTY = "deputy", "Заместитель председателя"
    SECRETARY = "secretary", "Секретарь"
    MEMBER = "member", "Член"
