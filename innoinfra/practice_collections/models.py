from django.conf import settings
from django.db import models
from django.urls import reverse

from innoinfra.core.files import RandomName
from innoinfra.core.models import BackgroundJob


class CollectionState(models.TextChoices):
    DRAFT = "draft", "Черновик"
    PUBLISHED = "published", "Опубликован"


class BuildFormat(models.TextChoices):
    DOCX = "docx", "DOCX"
    PDF = "pdf", "PDF"


class BuildState(models.TextChoices):
    QUEUED = "queued", "В очереди"
    RUNNING = "running", "Собирается"
    DONE = "done", "Готово"
    FAILED = "failed", "Ошибка"


class Collection(models.Model):
    """A book of best practice compiled by the methodists of a territory from published practices."""

    title = models.CharField("название", max_length=500)
    subtitle = models.CharField("подзаголовок", max_length=500, blank=True)
    year = models.PositiveIntegerField("год")
    preface = models.TextField("предисловие", blank=True)
    municipality = models.ForeignKey(
        "reference.Municipality", on_delete=models.PROTECT, related_name="collections", verbose_name="муниципалитет"
    )
    state = models.CharField(
        "состояние", max_length=20, choices=CollectionState.choices, default=CollectionState.DRAFT, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="составитель",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "сборник практик"
        verbose_name_plural = "сборники практик"
        ordering = ["-year", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("practice_collections:detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.state == CollectionState.PUBLISHED


class CollectionEntry(models.Model):
    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="entries")
    practice = models.ForeignKey("practices.Practice", on_delete=models.CASCADE, related_name="collection_entries")
    position = models.PositiveIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "практика сборника"
        verbose_name_plural = "практики сборника"
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["collection", "practice"], name="collection_entry_unique_practice")
        ]

    def __str__(self):
        return f"{self.position}. {self.practice_id}"


class CollectionBuild(BackgroundJob):
    """One rendering of the book as DOCX or PDF, done in the background with progress.

    A job of core.jobs with its own table rather than an export: it belongs to the collection, not to whoever
    pressed the button — every compiler of the collection follows it, and once done its file is the book the
    public downloads. A failed build is not resumed: the book is laid out whole, so one builds it again."""

    INTERRUPTED = "Сборка прервалась: обработчик фоновых задач не отвечал больше {minutes}. Соберите сборник снова."

    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="builds")
    format = models.CharField("формат", max_length=10, choices=BuildFormat.choices)
    state = models.CharField("состояние", max_length=20, choices=BuildState.choices, default=BuildState.QUEUED)
    file = models.FileField("файл", upload_to=RandomName("collections", name_field=None), blank=True)

    class Meta(BackgroundJob.Meta):
        verbose_name = "сборка сборника"
        verbose_name_plural = "сборки сборников"

    def __str__(self):
        return f"{self.collection_id} {self.format} {self.state}"
