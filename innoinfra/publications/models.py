"""Publications and media about innovation activity: articles, interviews, videos, news, chapters of collections.

A publication belongs to an organization (and through it to a municipality); it may tell about one of the
organization's sites and about a practice of the data bank. Publications are public facts: everyone reads them, the
people of the organization and the registry staff of its territory keep them."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from innoinfra.core.files import RandomName, display_name, file_name_field
from innoinfra.core.search import normalize
from innoinfra.core.versioning import Versioned

from .enums import PublicationKind, PublicationLevel


class Publication(Versioned):
    kind = models.CharField("вид", max_length=20, choices=PublicationKind.choices, default=PublicationKind.ARTICLE)
    level = models.CharField("уровень", max_length=20, choices=PublicationLevel.choices)
    title = models.CharField("заголовок", max_length=500)
    outlet = models.CharField(
        "издание, СМИ или сайт", max_length=500, help_text="Например: газета «Амурский труженик», сайт МКУ ИМЦ."
    )
    published_on = models.DateField("дата публикации")
    authors = models.CharField("авторы", max_length=500, blank=True, help_text="Фамилии и инициалы через запятую.")
    summary = models.TextField("аннотация", blank=True)
    url = models.URLField("ссылка", max_length=500, blank=True)
    file = models.FileField("файл", upload_to=RandomName("publications"), blank=True)
    file_name = file_name_field()
    organization = models.ForeignKey(
        "reference.Organization",
        on_delete=models.PROTECT,
        related_name="publications",
        verbose_name="организация",
    )
    # Kept from the organization so that territory filters and permission checks need no join.
    municipality = models.ForeignKey(
        "reference.Municipality", on_delete=models.PROTECT, related_name="publications", editable=False
    )
    site = models.ForeignKey(
        "registry.Site",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="publications",
        verbose_name="инновационная площадка",
    )
    practice = models.ForeignKey(
        "practices.Practice",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="publications",
        verbose_name="практика из банка данных",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    search_text = models.TextField(editable=False, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["search_text", "updated_at"])

    class Meta:
        verbose_name = "публикация"
        verbose_name_plural = "публикации"
        ordering = ["-published_on", "-id"]
        indexes = [
            models.Index(fields=["-published_on", "-id"], name="publication_feed"),
            models.Index(fields=["organization", "-published_on"], name="publication_org"),
            models.Index(fields=["municipality", "-published_on"], name="publication_territory"),
            models.Index(fields=["level", "published_on"], name="publication_level"),
            models.Index(fields=["kind"], name="publication_kind"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("publications:detail", args=[self.pk])

    @property
    def download_name(self) -> str:
        return display_name(self.file, self.file_name)

    def save(self, *args, **kwargs):
        self.search_text = normalize(" ".join([self.title, self.outlet, self.authors, self.summary]))
        super().save(*args, **kwargs)
