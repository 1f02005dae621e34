from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from innoinfra.core.files import RandomName, display_name, file_name_field
from innoinfra.core.versioning import Versioned
from innoinfra.reference.enums import CycleStage

from .enums import OPEN_REVISION_STATES, EducationLevel, Licence, PracticeKind, PracticeState

# what the authors write: a new edition copies it, its publication carries it over to the practice
CONTENT_FIELDS = (
    "title",
    "kind",
    "authors",
    "organization",
    "site",
    "cycle_stage",
    "levels",
    "subjects",
    "keywords",
    "annotation",
    "description",
    "results",
    "conditions",
    "licence",
)


class Practice(Versioned):
    """An authored product of innovative practice in the municipal data bank: a programme, a methodical
    development, a lesson scenario … Entered as a draft by its authors, published by the methodist."""

    title = models.CharField("название", max_length=500)
    kind = models.CharField("вид", max_length=20, choices=PracticeKind.choices)
    authors = models.TextField("авторы", help_text="По одному на строке: ФИО, должность, организация.")
    organization = models.ForeignKey(
        "reference.Organization", on_delete=models.PROTECT, related_name="practices", verbose_name="организация"
    )
    site = models.ForeignKey(
        "registry.Site",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practices",
        verbose_name="инновационная площадка",
    )
    # copied from the organization: the territory whose methodists moderate the practice and whose bank holds it
    municipality = models.ForeignKey(
        "reference.Municipality", on_delete=models.PROTECT, related_name="practices", verbose_name="муниципалитет"
    )
    levels = models.CharField("уровни образования", max_length=200, blank=True, help_text="Коды через запятую.")
    directions = models.ManyToManyField(
        "reference.Direction", blank=True, related_name="practices", verbose_name="направления"
    )
    subjects = models.CharField("предметы", max_length=500, blank=True)
    keywords = models.CharField("ключевые слова", max_length=500, blank=True, help_text="Через запятую.")
    annotation = models.TextField("аннотация")
    description = models.TextField("описание", blank=True)
    results = models.TextField("результаты и эффекты", blank=True)
    conditions = models.TextField("условия применения", blank=True)
    licence = models.CharField("лицензия", max_length=20, choices=Licence.choices, default=Licence.CC_BY)
    state = models.CharField(
        "состояние", max_length=20, choices=PracticeState.choices, default=PracticeState.DRAFT, db_index=True
    )
    # where the practice stands in the innovation cycle (идея → … → тиражирование); empty while nobody said
    cycle_stage = models.CharField(
        "этап инновационного цикла", max_length=20, choices=CycleStage.choices, blank=True, db_index=True
    )
    moderator_comment = models.TextField("комментарий модератора", blank=True)
    registry_number = models.CharField("номер в банке данных", max_length=20, unique=True, null=True, blank=True)
    published_at = models.DateTimeField("опубликована", null=True, blank=True, db_index=True)
    # the expertise through the review engine: an application of the territory's data-bank call
    expertise = models.ForeignKey(
        "review.Application",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practices",
        verbose_name="заявка на экспертизу",
    )
    # the expert conclusion of the edition in force (anonymised: «Эксперт 1: …»)
    expert_score = models.DecimalField("средний балл экспертов", max_digits=8, decimal_places=2, null=True, blank=True)
    expert_max = models.DecimalField("наибольший балл", max_digits=8, decimal_places=2, null=True, blank=True)
    expert_recommendation = models.CharField("рекомендации экспертов", max_length=300, blank=True)
    expert_conclusion = models.TextField("экспертное заключение", blank=True)
    # a new edition of a published practice is prepared as a separate row; publishing it copies it onto this one
    revision_of = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name="новая редакция практики",
    )
    views = models.PositiveIntegerField("просмотры", default=0)
    # kept by the network translator on every rating (translator.services.rate), for the catalogue's order and filter
    rating = models.DecimalField("средняя оценка педагогов", max_digits=3, decimal_places=2, null=True, blank=True)
    ratings_count = models.PositiveIntegerField("число оценок", default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practices",
        verbose_name="внёс",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["views", "updated_at", "rating", "ratings_count"])

    class Meta:
        verbose_name = "практика"
        verbose_name_plural = "практики"
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["state", "kind"]),
            # the catalogue: published originals newest first, counted and paged from the index alone
            models.Index(fields=["state", "revision_of", "published_at"], name="practice_catalogue_idx"),
            # the catalogue's organization filter: organizations with something published
            models.Index(fields=["state", "organization"], name="practice_state_org_idx"),
            # the catalogue's other orders, exactly as queries.filter_practices sorts the published originals: the
            # first page is the first rows of the index, not a sort of every published practice. The order by rating
            # (NULLS LAST, which SQLite's CREATE INDEX cannot spell) is made per engine by migration 0011.
            # the default order (newest first): the index the first page walks, stopping after twenty rows —
            # practice_catalogue_idx lacks the id that breaks ties, and the plain published_at index walked past every
            # unpublished row first (128 ms at ten regions)
            models.Index(
                F("published_at").desc(),
                F("id").desc(),
                name="practice_by_date_idx",
                condition=Q(state="published", revision_of__isnull=True),
            ),
            models.Index(
                F("views").desc(),
                F("published_at").desc(),
                F("id").desc(),
                name="practice_by_views_idx",
                condition=Q(state="published", revision_of__isnull=True),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["revision_of"],
                condition=models.Q(state__in=OPEN_REVISION_STATES),
                name="practice_one_open_revision",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("practices:detail", args=[self.pk])

    @property
    def level_codes(self) -> list[str]:
        return [code for code in self.levels.split(",") if code]

    @property
    def level_labels(self) -> list[str]:
        return [EducationLevel(code).label for code in self.level_codes if code in EducationLevel.values]

    @property
    def author_lines(self) -> list[str]:
        return [line.strip() for line in self.authors.splitlines() if line.strip()]

    @property
    def keyword_list(self) -> list[str]:
        return [word.strip() for word in self.keywords.split(",") if word.strip()]

    @property
    def is_published(self) -> bool:
        return self.state == PracticeState.PUBLISHED and self.revision_of_id is None

    @property
    def is_revision(self) -> bool:
        return self.revision_of_id is not None


class PracticeVersion(models.Model):
    """An edition of a published practice as the public saw it: recorded at every publication, never changed."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="versions", verbose_name="практика")
    number = models.PositiveIntegerField("номер редакции")
    # the public fields at publication: title, kind, authors, texts, levels, subjects, directions, files …
    snapshot = models.JSONField("содержание", default=dict)
    expert_score = models.DecimalField("средний балл экспертов", max_digits=8, decimal_places=2, null=True, blank=True)
    expert_max = models.DecimalField("наибольший балл", max_digits=8, decimal_places=2, null=True, blank=True)
    expert_recommendation = models.CharField("рекомендации экспертов", max_length=300, blank=True)
    expert_conclusion = models.TextField("экспертное заключение", blank=True)
    published_at = models.DateTimeField("опубликована")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "редакция практики"
        verbose_name_plural = "редакции практик"
        ordering = ["practice", "number"]
        constraints = [models.UniqueConstraint(fields=["practice", "number"], name="practice_version_number_unique")]

    def __str__(self):
        return f"Редакция {self.number}"

    def get_absolute_url(self):
        return reverse("practices:version", args=[self.practice_id, self.number])


class PracticeFile(models.Model):
    """A document, a presentation or a video link attached to a practice."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="files", verbose_name="практика")
    title = models.CharField("название", max_length=300)
    file = models.FileField("файл", upload_to=RandomName("practices"), blank=True)
    file_name = file_name_field()
    url = models.URLField("ссылка на видео", max_length=500, blank=True)
    size = models.PositiveBigIntegerField("размер, байт", null=True, blank=True)
    # the words of a DOCX or PDF, so that the search finds a practice by what its documents say
    text = models.TextField("текст файла", blank=True)
    extraction_note = models.CharField("почему текст не извлечён", max_length=300, blank=True)
    # a new upload of the same material keeps the old one: earlier versions stay downloadable
    replaces = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replaced_by", verbose_name="заменяет"
    )
    is_current = models.BooleanField("действующая версия", default=True)
    downloads = models.PositiveIntegerField("скачивания", default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField("загружен", null=True, blank=True)

    class Meta:
        verbose_name = "материал практики"
        verbose_name_plural = "материалы практик"
        ordering = ["id"]
        indexes = [models.Index(fields=["practice", "is_current"])]

    def __str__(self):
        return self.title

    @property
    def download_name(self) -> str:
        return display_name(self.file, self.file_name)
