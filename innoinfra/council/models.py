from django.db import models


class BodyKind(models.TextChoices):
    EXPERT_COUNCIL = "expert_council", "Муниципальный экспертный совет"
    MANAGEMENT_COUNCIL = "management_council", "Совет по управлению инновациями"
    CREATIVE_GROUP = "creative_group", "Творческая группа"
    OTHER = "other", "Иной коллегиальный орган"


class Body(models.Model):
    """A collegial body; its members are memberships with a body position (accounts.Membership)."""

    name = models.CharField("наименование", max_length=500)
    short_name = models.CharField("краткое наименование", max_length=100, blank=True)
    kind = models.CharField("вид", max_length=30, choices=BodyKind.choices, default=BodyKind.EXPERT_COUNCIL)
    municipality = models.ForeignKey(
        "registry.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bodies",
        verbose_name="муниципалитет",
    )
    organization = models.ForeignKey(
        "registry.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bodies",
        verbose_name="при организации",
    )

    class Meta:
        verbose_name = "коллегиальный орган"
        verbose_name_plural = "коллегиальные органы"
        ordering = ["name"]

    def __str__(self):
        return self.short_name or self.name
