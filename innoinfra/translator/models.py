"""Public expertise of published practices: ratings on fixed criteria, moderated comments, abuse reports."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

# The criteria every rating scores, 1 to 5: (field name, label).
CRITERIA = (
    ("novelty", "Новизна"),
    ("significance", "Практическая значимость"),
    ("reproducibility", "Воспроизводимость"),
    ("description_quality", "Качество описания"),
)
SCORE = [MinValueValidator(1), MaxValueValidator(5)]


def _score(label):
    return models.PositiveSmallIntegerField(label, validators=SCORE)


class Rating(models.Model):
    """One user's rating of one practice; rating again changes it."""

    practice = models.ForeignKey(
        "practices.Practice", on_delete=models.CASCADE, related_name="ratings", verbose_name="практика"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_ratings", verbose_name="оценил"
    )
    novelty = _score("новизна")
    significance = _score("практическая значимость")
    reproducibility = _score("воспроизводимость")
    description_quality = _score("качество описания")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "оценка практики"
        verbose_name_plural = "оценки практик"
        constraints = [models.UniqueConstraint(fields=["practice", "user"], name="one_rating_per_user")]

    def __str__(self):
        return f"{self.user} → {self.practice}"

    @property
    def mean(self) -> float:
        return sum(getattr(self, name) for name, _ in CRITERIA) / len(CRITERIA)


class CommentState(models.TextChoices):
    PENDING = "pending", "на модерации"
    PUBLISHED = "published", "опубликован"
    HIDDEN = "hidden", "скрыт"


class Comment(models.Model):
    """A comment on a practice, or (with a parent) the practice's authors' answer to one."""

    practice = models.ForeignKey(
        "practices.Practice", on_delete=models.CASCADE, related_name="comments", verbose_name="практика"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_comments", verbose_name="автор"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="answers", verbose_name="ответ на"
    )
    text = models.TextField("текст", max_length=4000)
    state = models.CharField(
        "состояние", max_length=20, choices=CommentState.choices, default=CommentState.PENDING, db_index=True
    )
    created_at = models.DateTimeField("создан", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "комментарий к практике"
        verbose_name_plural = "комментарии к практикам"
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["practice", "state"])]

    def __str__(self):
        return self.text[:60]


class AbuseReport(models.Model):
    """A complaint about a comment; the methodist resolves it by publishing or hiding the comment."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports", verbose_name="комментарий")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="abuse_reports", verbose_name="пожаловался"
    )
    reason = models.CharField("причина", max_length=500, blank=True)
    resolved = models.BooleanField("рассмотрена", default=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "жалоба на комментарий"
        verbose_name_plural = "жалобы на комментарии"
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["comment", "reporter"], name="one_report_per_user")]

    def __str__(self):
        return f"{self.reporter}: {self.reason or 'жалоба'}"
