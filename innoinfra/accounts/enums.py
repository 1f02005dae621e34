from django.db import models


class Role(models.TextChoices):
    AUTHORITY = "authority", "Управление образования"
    METHODIST = "methodist", "Методист (методический центр)"
    EXPERT = "expert", "Эксперт"
    ORG_ADMIN = "org_admin", "Руководитель / координатор ОО"
    TEACHER = "teacher", "Педагог"


# Roles that run the registry of their territory.
STAFF_ROLES = frozenset({Role.AUTHORITY, Role.METHODIST})


class BodyPosition(models.TextChoices):
    CHAIR = "chair", "Председатель"
    DEPUTY = "deputy", "Заместитель председателя"
    SECRETARY = "secretary", "Секретарь"
    MEMBER = "member", "Член"
