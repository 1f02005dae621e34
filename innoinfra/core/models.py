import datetime as dt

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from .enums import JOB_ACTIVE, JOB_TRANSITIONS, JobState, MailKind, MailStatus
from .files import RandomName


class InstallationSettings(models.Model):
    """Settings a district changes without a developer: one row, edited by staff."""

    name = models.CharField("название системы", max_length=200, default="Инновационная инфраструктура образования")
    one_status_per_organization = models.BooleanField(
        "организация может иметь только один действующий статус",
        default=False,
        help_text="Если включено, нельзя создать площадку для организации, у которой уже есть действующий статус.",
    )
    # The letterhead (бланк) orders are printed on: drafts of orders open it and add their text after it.
    order_template = models.FileField(
        "бланк приказа (DOCX)",
        upload_to=RandomName("templates", name_field=None),
        blank=True,
        help_text=(
            "Документ Word с реквизитами бланка органа управления образованием; текст приказа добавляется после них."
        ),
    )
    comments_premoderated = models.BooleanField(
        "премодерация комментариев к практикам",
        default=True,
        help_text="Если включено, комментарий появляется после проверки методистом; иначе сразу, а проверка — после.",
    )
    about = models.TextField(
        "о системе (текст на главной странице)",
        blank=True,
        default=(
            "Инновационная инфраструктура муниципальной системы образования — совокупность "
            "образовательных организаций, экспертных и методических структур, которые создают, "
            "проверяют и распространяют новшества: инновационные, апробационные и опорные площадки, "
            "центры компетенций и трансфера технологий, муниципальный экспертный совет, банк данных "
            "инновационного опыта."
        ),
    )

    class Meta:
        verbose_name = "настройки системы"
        verbose_name_plural = "настройки системы"

    def __str__(self):
        return self.name

    @classmethod
    def current(cls) -> "InstallationSettings":
        from django.conf import settings

        # A plain read first: every page asks for the settings, and get_or_create would read them on the primary
        # database even with a read replica (core/db_router.py). INSTALLATION_NAME from the environment names a new
        # installation; staff rename it later.
        obj = cls.objects.filter(pk=1).first()
        if obj is None:
            try:
                with transaction.atomic():
                    obj = cls.objects.create(pk=1, name=settings.INNOINFRA["INSTALLATION_NAME"])
            except IntegrityError:  # another request has just created it
                obj = cls.objects.get(pk=1)
        return obj


class Notification(models.Model):
    """An in-app message («уведомление»); the same text usually goes by e-mail too."""

    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="notifications", verbose_name="получатель"
    )
    title = models.CharField("заголовок", max_length=300)
    text = models.TextField("текст", blank=True)
    url = models.CharField("ссылка", max_length=500, blank=True)
    # What the message is about, so a daily job never sends the same reminder twice.
    key = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField("прочитано", null=True, blank=True)

    class Meta:
        verbose_name = "уведомление"
        verbose_name_plural = "уведомления"
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="notification_once_per_key")]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return self.title


class SearchEntry(models.Model):
    """One searchable thing (a site, an organization, a normative document …) as the global search sees it.

    The entries are a derived index, rebuilt from the objects (`manage.py rebuild_search_index`); the full-text
    machinery around this table is in core.fulltext: a GIN index over the `russian` configuration on PostgreSQL, an
    FTS5 table of Snowball stems on SQLite."""

    kind = models.CharField(max_length=30)
    object_id = models.PositiveBigIntegerField()
    title = models.TextField()
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    municipality_id = models.BigIntegerField(null=True, blank=True)
    is_public = models.BooleanField(default=True)
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_once_per_object")]
        # the freshest public entries of one kind, newest first: a search with more matches than it counts walks
        # them and stops after a page (core migration 0015), instead of walking past every entry of other kinds
        indexes = [models.Index(fields=["kind", "is_public", "id"], name="search_entry_kind_fresh")]

    def __str__(self):
        return self.title


class OutgoingMail(models.Model):
    """An e-mail the system sends: recorded in the action's transaction, handed to the mail server by a background
    task after commit (core.mail), retried while the server is down. Staff see the record; old ones are deleted
    (`manage.py prune_outgoing_mail`), since the body holds personal data."""

    kind = models.CharField("вид письма", max_length=20, choices=MailKind.choices, default=MailKind.OTHER)
    to = models.EmailField("кому", max_length=254)
    subject = models.TextField("тема")
    body = models.TextField("текст")
    html = models.TextField("HTML-версия", blank=True)
    # [{"name", "mimetype", "loader", "args"}]: the file is made when the letter goes (a dotted path of a function
    # returning bytes), so a certificate's PDF is not copied into the database.
    attachments = models.JSONField("вложения", default=list, blank=True)
    status = models.CharField("состояние", max_length=10, choices=MailStatus.choices, default=MailStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField("попыток", default=0)
    last_error = models.TextField("последняя ошибка", blank=True)
    created_at = models.DateTimeField("создано", default=timezone.now)
    last_attempt_at = models.DateTimeField("последняя попытка", null=True, blank=True)
    next_attempt_at = models.DateTimeField("следующая попытка", null=True, blank=True)
    sent_at = models.DateTimeField("отправлено", null=True, blank=True)
    resent_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="отправил(а) повторно",
    )
    resent_at = models.DateTimeField("отправлено повторно", null=True, blank=True)

    class Meta:
        verbose_name = "исходящее письмо"
        verbose_name_plural = "исходящие письма"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outgoing_mail_due"),
            models.Index(fields=["created_at"], name="outgoing_mail_created"),
        ]

    def __str__(self):
        return f"{self.to}: {self.subject}"


class Submission(models.Model):
    """One sending of a form (its one-time token) or of an API request (its Idempotency-Key) that creates records.

    The unique (owner, key) pair makes a repeat — a double click, a reload, a retried request, ten at once — find the
    first one instead of creating again; see core.once. Rows are only needed while a repeat can come; rows older than
    a few days may be deleted (`manage.py prune_submissions`)."""

    owner = models.CharField(max_length=64)  # «user:<id>», or «anonymous» for public forms (the token is random)
    key = models.CharField(max_length=150)
    purpose = models.CharField(max_length=200)  # the page or endpoint, so a key cannot be replayed elsewhere
    fingerprint = models.CharField(max_length=64, blank=True)  # of an API request's body: same key, other body → 422
    result_url = models.CharField(max_length=500, blank=True)
    status = models.PositiveSmallIntegerField(null=True, blank=True)
    response = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "key"], name="submission_once_per_key")]

    def __str__(self):
        return f"{self.purpose} ({self.key})"


def job_stale_after() -> dt.timedelta:
    """How long a job may wait or work with no sign of life before it is taken for dead (core.jobs.sweep)."""
    return dt.timedelta(minutes=getattr(settings, "BACKGROUND_JOB_STALE_MINUTES", 30))


class BackgroundJob(models.Model):
    """What every long job run by the task queue shares (core.jobs moves it): its state, its progress counters, who
    asked, when it was queued, started, last heard from (`heartbeat_at`) and finished, and the Russian message of
    its failure.

    The mechanism is shared, not the table: an export belongs to its requester and keeps a file only they download;
    a certificate batch writes certificates and resumes where it stopped; a collection build belongs to the
    collection and every compiler of it sees it. Each concrete model keeps its own table, relations and wording of
    the states (it may override `state` with its own choices of the same values) and says in `TRANSITIONS` and
    `INTERRUPTED` how it differs."""

    TRANSITIONS = JOB_TRANSITIONS
    # the sweeper's message when the worker fell silent (core.jobs.sweep); {minutes} is filled in agreed Russian
    INTERRUPTED = "Работа прервалась: обработчик фоновых задач не отвечал больше {minutes}. Запустите её снова."

    state = models.CharField("состояние", max_length=20, choices=JobState.choices, default=JobState.QUEUED)
    done = models.PositiveIntegerField("сделано", default=0)
    total = models.PositiveIntegerField("всего", default=0)
    error = models.TextField("ошибка", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="кто заказал",
    )
    created_at = models.DateTimeField("заказана", auto_now_add=True)
    started_at = models.DateTimeField("начата", null=True, blank=True)
    heartbeat_at = models.DateTimeField("последний признак жизни", null=True, blank=True)
    finished_at = models.DateTimeField("окончена", null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]

    @property
    def active(self) -> bool:
        return self.state in JOB_ACTIVE

    @property
    def percent(self) -> int:
        if self.state == JobState.DONE:
            return 100
        return 0 if not self.total else min(100, round(100 * self.done / self.total))

    @property
    def silent(self) -> bool:
        """Waiting or working, yet not heard from for too long: its worker has most likely died. The page may offer
        to start it again; the sweeper (or that start) fails it first."""
        last = self.heartbeat_at or self.created_at
        return self.active and last is not None and last < timezone.now() - job_stale_after()

    @property
    def restartable(self) -> bool:
        """May this very job go again (rather than a new one be started)?"""
        return JobState.QUEUED in self.TRANSITIONS.get(self.state, ())


class ExportJob(BackgroundJob):
    """A document built in the background (core.exports): what was asked for, by whom, how far it got, and the
    file once ready. Only its requester (and staff) may download the file."""

    INTERRUPTED = "Выгрузка прервалась: обработчик фоновых задач не отвечал больше {minutes}. Запустите её снова."

    kind = models.CharField("вид выгрузки", max_length=60)
    title = models.CharField("название", max_length=300)
    parameters = models.JSONField("параметры", default=dict, blank=True, encoder=DjangoJSONEncoder)
    # an export is its requester's own: it goes with them
    requested_by = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="export_jobs", verbose_name="кто заказал"
    )
    total = models.PositiveIntegerField("всего", default=1)
    file = models.FileField("файл", upload_to=RandomName("exports", name_field=None), blank=True)
    filename = models.CharField("имя файла", max_length=255, blank=True)
    finished_at = models.DateTimeField("готова", null=True, blank=True)

    class Meta(BackgroundJob.Meta):
        verbose_name = "выгрузка"
        verbose_name_plural = "выгрузки"
        # «my exports» and «is the same one already running» both look by requester and state
        indexes = [models.Index(fields=["requested_by", "state"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("exports:job", args=[self.pk])
