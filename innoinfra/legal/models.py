from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from innoinfra.core.dates import numeric_date
from innoinfra.core.files import RandomName, display_name, file_name_field
from innoinfra.core.search import normalize
from innoinfra.core.versioning import Versioned

from .enums import DocumentLevel, DocumentStatus, DocumentType


class LegalDocument(Versioned):
    """A normative document regulating innovation activity, from a federal law to a school's own regulation."""

    level = models.CharField("уровень", max_length=20, choices=DocumentLevel.choices)
    doc_type = models.CharField("вид документа", max_length=20, choices=DocumentType.choices)
    issuer = models.CharField("кем принят", max_length=500)
    number = models.CharField("номер", max_length=50, blank=True)
    date = models.DateField("дата принятия", db_index=True)
    title = models.CharField("наименование", max_length=1000)
    summary = models.TextField("краткое содержание", blank=True)
    status = models.CharField("статус", max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.IN_FORCE)
    replaced_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name="заменён документом",
    )
    related = models.ManyToManyField("self", blank=True, verbose_name="связанные документы")
    url = models.URLField("официальная ссылка", max_length=500, blank=True)
    file = models.FileField("файл", upload_to=RandomName("legal"), blank=True)
    file_name = file_name_field()
    keywords = models.CharField("ключевые слова", max_length=500, blank=True, help_text="Через запятую.")
    # A municipal or institutional document belongs to a territory; federal and regional ones to everyone.
    municipality = models.ForeignKey(
        "reference.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legal_documents",
        verbose_name="муниципалитет",
    )
    search_text = models.TextField(editable=False, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["search_text", "updated_at"])

    class Meta:
        verbose_name = "нормативный документ"
        verbose_name_plural = "нормативные документы"
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["level", "doc_type"]),
            models.Index(fields=["status"]),
        ]

    def __str__(self):
        return self.reference

    @property
    def download_name(self) -> str:
        return display_name(self.file, self.file_name)

    def get_absolute_url(self):
        return reverse("legal:document", args=[self.pk])

    @property
    def reference(self) -> str:
        """«Приказ от 22.03.2019 № 21н „Об утверждении …“» — as documents cite one another."""
        number = f" № {self.number}" if self.number else ""
        return f"{self.get_doc_type_display()} от {numeric_date(self.date)}{number} «{self.title}»"

    @property
    def keyword_list(self) -> list[str]:
        return [word.strip() for word in self.keywords.split(",") if word.strip()]

    def save(self, *args, **kwargs):
        self.search_text = normalize(" ".join([self.number, self.title, self.issuer, self.summary, self.keywords]))
        super().save(*args, **kwargs)
