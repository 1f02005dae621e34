from django.db import models


class MemberRole(models.TextChoices):
    MODERATOR = "moderator", "Модератор"
    MEMBER = "member", "Участник"


class MemberState(models.TextChoices):
    ACTIVE = "active", "Участник"
    REQUESTED = "requested", "Заявка на вступление"


class Digest(models.TextChoices):
    NONE = "none", "Не присылать"
    DAILY = "daily", "Раз в день"
    WEEKLY = "weekly", "Раз в неделю"


# how many days after the previous digest the next one is due
DIGEST_INTERVAL_DAYS = {Digest.DAILY: 1, Digest.WEEKLY: 7}


class PostKind(models.TextChoices):
    NEWS = "news", "Новость"
    DISCUSSION = "discussion", "Обсуждение"
