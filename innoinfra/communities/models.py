"""Network communities of teachers: a community around a direction or a site, its members, a feed of news and
discussions with replies, and materials attached to posts (a material may be handed over to the data bank as a
draft practice; the community itself never becomes a second data bank)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from innoinfra.core.files import RandomName, display_name, file_name_field

from .enums import Digest, MemberRole, MemberState, PostKind


class Community(models.Model):
    title = models.CharField("название", max_length=300)
    description = models.TextField("о сообществе", blank=True, help_text="Чем занимается сообщество, кого ждёт.")
    direction = models.ForeignKey(
        "reference.Direction",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="communities",
        verbose_name="направление",
    )
    site = models.ForeignKey(
        "registry.Site",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="communities",
        verbose_name="площадка",
    )
    # the territory whose staff look after the community
    municipality = models.ForeignKey(
        "reference.Municipality", on_delete=models.PROTECT, related_name="communities", verbose_name="муниципалитет"
    )
    is_open = models.BooleanField(
        "открытое сообщество",
        default=True,
        help_text="Открытое сообщество читают все, вступить может любой вошедший пользователь. "
        "Закрытое читают только участники, вступление — по заявке, которую одобряет модератор.",
    )
    is_archived = models.BooleanField(
        "в архиве", default=False, help_text="В архивном сообществе нельзя публиковать записи и отвечать."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("создано", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "сетевое сообщество"
        verbose_name_plural = "сетевые сообщества"
        ordering = ["is_archived", "title", "id"]
        indexes = [
            models.Index(fields=["is_open", "is_archived"]),
            models.Index(fields=["municipality", "is_archived"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("communities:detail", args=[self.pk])


class CommunityMember(models.Model):
    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="members", verbose_name="сообщество"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_memberships", verbose_name="педагог"
    )
    role = models.CharField("роль", max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER)
    state = models.CharField("состояние", max_length=20, choices=MemberState.choices, default=MemberState.ACTIVE)
    joined_at = models.DateTimeField("вступил(а)", default=timezone.now)
    digest = models.CharField(
        "сводка новых записей на e-mail", max_length=20, choices=Digest.choices, default=Digest.NONE
    )
    last_digest_at = models.DateTimeField("последняя сводка", null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["last_digest_at"])

    class Meta:
        verbose_name = "участник сообщества"
        verbose_name_plural = "участники сообществ"
        ordering = ["community", "role", "joined_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "user"],
                name="community_member_once",
                violation_error_message="Пользователь уже состоит в сообществе или подал заявку.",
            )
        ]
        indexes = [
            models.Index(fields=["user", "state"]),
            models.Index(fields=["community", "state", "role"]),
            models.Index(fields=["state", "digest"]),
        ]

    def __str__(self):
        return f"{self.user} — {self.community}"

    @property
    def is_active(self) -> bool:
        return self.state == MemberState.ACTIVE

    @property
    def is_moderator(self) -> bool:
        return self.is_active and self.role == MemberRole.MODERATOR


class Post(models.Model):
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="posts", verbose_name="сообщество")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="community_posts",
        verbose_name="автор",
    )
    kind = models.CharField("вид записи", max_length=20, choices=PostKind.choices, default=PostKind.DISCUSSION)
    title = models.CharField("заголовок", max_length=300)
    body = models.TextField("текст")
    created_at = models.DateTimeField("опубликовано", default=timezone.now)
    is_pinned = models.BooleanField("закреплена", default=False)
    is_hidden = models.BooleanField("скрыта модератором", default=False)
    # the feed is ordered by it: a new reply lifts its discussion to the top
    last_activity_at = models.DateTimeField("последняя активность", default=timezone.now)
    history = HistoricalRecords(excluded_fields=["last_activity_at"])

    class Meta:
        verbose_name = "запись сообщества"
        verbose_name_plural = "записи сообществ"
        ordering = ["-is_pinned", "-last_activity_at", "-id"]
        indexes = [
            models.Index(fields=["community", "is_hidden", "is_pinned", "last_activity_at"]),
            models.Index(fields=["community", "is_hidden", "created_at"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("communities:post", args=[self.pk])

    @property
    def is_discussion(self) -> bool:
        return self.kind == PostKind.DISCUSSION


class Reply(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="replies", verbose_name="запись")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="community_replies",
        verbose_name="автор",
    )
    body = models.TextField("ответ")
    created_at = models.DateTimeField("опубликован", default=timezone.now)
    is_hidden = models.BooleanField("скрыт модератором", default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "ответ в обсуждении"
        verbose_name_plural = "ответы в обсуждениях"
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["post", "is_hidden", "created_at"]),
            models.Index(fields=["created_at"]),
        ]

    def __str__(self):
        return f"Ответ {self.author} в «{self.post}»"


class Material(models.Model):
    """A file or a link attached to a post; handed over to the data bank it becomes a draft practice."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="materials", verbose_name="запись")
    title = models.CharField("название материала", max_length=300)
    file = models.FileField("файл", upload_to=RandomName("communities"), blank=True)
    file_name = file_name_field()
    url = models.URLField("ссылка", max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="загрузил(а)"
    )
    uploaded_at = models.DateTimeField("загружен", default=timezone.now)
    promoted_practice = models.ForeignKey(
        "practices.Practice",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="практика в банке данных",
    )

    class Meta:
        verbose_name = "материал сообщества"
        verbose_name_plural = "материалы сообществ"
        ordering = ["id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("communities:material", args=[self.pk])

    @property
    def download_name(self) -> str:
        return display_name(self.file, self.file_name)
