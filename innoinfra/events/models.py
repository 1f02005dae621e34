"""Events for teachers (seminars, webinars, master classes …) and the registrations of their participants."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from innoinfra.core.enums import JOB_TRANSITIONS, JobState
from innoinfra.core.files import RandomName, display_name, file_name_field
from innoinfra.core.models import BackgroundJob
from innoinfra.core.versioning import Versioned

from .enums import (
    COURSE_FORMATS,
    PUBLIC_STATES,
    SEATED_STATES,
    AssessmentForm,
    AssessmentResult,
    Audience,
    BatchState,
    CertificateKind,
    EventFormat,
    EventState,
    RegistrationState,
)


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Event(Versioned):
    """A dated event of the innovation infrastructure, announced to teachers, with registration."""

    title = models.CharField("название", max_length=500)
    format = models.CharField("форма проведения", max_length=30, choices=EventFormat.choices)
    organizer = models.ForeignKey(
        "reference.Organization", on_delete=models.PROTECT, related_name="events", verbose_name="организатор"
    )
    # partners named beside the organizer (the methodological centre with a site's school …); the organizer runs it
    co_organizers = models.ManyToManyField(
        "reference.Organization", blank=True, related_name="co_organized_events", verbose_name="соорганизаторы"
    )
    site = models.ForeignKey(
        "registry.Site",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name="на базе площадки",
    )
    # The territory whose staff run the event: the organizer's municipality, set by services.
    municipality = models.ForeignKey(
        "reference.Municipality", on_delete=models.PROTECT, related_name="events", verbose_name="муниципалитет"
    )
    starts_at = models.DateTimeField("начало")
    ends_at = models.DateTimeField("окончание")
    place = models.CharField("место проведения (адрес)", max_length=500, blank=True)
    online_url = models.URLField("ссылка для подключения", max_length=500, blank=True)
    audience_group = models.CharField(
        "для кого", max_length=30, choices=Audience.choices, blank=True, help_text="Для фильтра в календаре."
    )
    audience = models.TextField("целевая аудитория", blank=True)
    capacity = models.PositiveIntegerField(
        "число мест", null=True, blank=True, help_text="Пусто — без ограничения числа участников."
    )
    registration_deadline = models.DateTimeField(
        "регистрация до", null=True, blank=True, help_text="Пусто — до начала мероприятия."
    )
    requires_approval = models.BooleanField("участие подтверждает организатор", default=False)
    description = models.TextField("описание", blank=True)
    # optional standard fields of the registration form → "off" | "optional" | "required" (enums.FieldMode);
    # a missing key means the default of enums.OPTIONAL_REGISTRATION_FIELDS
    registration_fields = models.JSONField("поля формы регистрации", default=dict, blank=True)
    # the organizer's own questions: [{"label": "…", "required": true}, …]; answers go to Registration.answers
    questions = models.JSONField("дополнительные вопросы", default=list, blank=True)
    certificate_template = models.ForeignKey(
        "CertificateTemplate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name="шаблон сертификата",
        help_text="Пусто — общий шаблон системы.",
    )
    feedback_open = models.BooleanField("анкета обратной связи открыта", default=True)
    # courses and internships (COURSE_FORMATS): the ДПП's volume, its final assessment and the programme itself;
    # the host site (стажировочная площадка) is `site`
    hours = models.PositiveSmallIntegerField(
        "объём программы, академических часов",
        null=True,
        blank=True,
        help_text="Для курсов повышения квалификации и стажировок: объём по программе (ДПП).",
    )
    assessment_form = models.CharField(
        "форма итоговой аттестации", max_length=20, choices=AssessmentForm.choices, blank=True
    )
    programme_file = models.FileField(
        "программа (ДПП)", upload_to=RandomName("events/programmes", name_field="programme_file_name"), blank=True
    )
    programme_file_name = file_name_field()
    state = models.CharField("состояние", max_length=20, choices=EventState.choices, default=EventState.DRAFT)
    plan_items = models.ManyToManyField(
        "plans.PlanItem", blank=True, related_name="events", verbose_name="пункты планов"
    )
    published_at = models.DateTimeField("опубликовано", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "мероприятие"
        verbose_name_plural = "мероприятия"
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["state", "starts_at"]),
            models.Index(fields=["municipality", "state", "starts_at"]),
            models.Index(fields=["format", "state", "starts_at"]),
            models.Index(fields=["organizer", "starts_at"]),
            models.Index(fields=["audience_group", "state", "starts_at"]),
            models.Index(fields=["site", "starts_at"]),
            # The public list, month and feed (state in PUBLIC_STATES) in start order: `state IN (…)` ahead of
            # starts_at in the indexes above gives no order, so the list sorted every public event for a page of 20.
            # ends_at rides along so «upcoming» (ends_at >= now) is checked in the index, not in the table.
            models.Index(
                fields=["starts_at", "id", "ends_at"],
                name="event_public_by_start",
                condition=models.Q(state__in=PUBLIC_STATES),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(starts_at__lte=models.F("ends_at")),
                name="event_dates_order",
                violation_error_message="Окончание мероприятия не может быть раньше его начала.",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", args=[self.pk])

    @property
    def is_online(self) -> bool:
        return bool(self.online_url) and not self.place

    @property
    def registration_closes_at(self):
        return self.registration_deadline or self.starts_at

    @property
    def is_course(self) -> bool:
        return self.format in COURSE_FORMATS

    @property
    def programme_download_name(self) -> str:
        return display_name(self.programme_file, self.programme_file_name)


class Registration(models.Model):
    """One person's registration; the token is the participant's own key to their page (no account needed)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations", verbose_name="мероприятие")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name="пользователь",
    )
    # who filled the form for this person (a school's head registering staff); the registration stays the person's
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations_made",
        verbose_name="зарегистрировал(а)",
    )
    # the school that sent the person (group registration): its head sees the registration on «Сотрудники на
    # мероприятиях»
    organization = models.ForeignKey(
        "reference.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff_registrations",
        verbose_name="направившая организация",
    )
    full_name = models.CharField("фамилия, имя, отчество", max_length=300)
    organization_name = models.CharField("организация", max_length=500, blank=True)
    position = models.CharField("должность", max_length=300, blank=True)
    email = models.EmailField("электронная почта")  # stored in lower case by services
    phone = models.CharField("телефон", max_length=50, blank=True)
    answers = models.JSONField("ответы на вопросы организатора", default=dict, blank=True)
    consent_at = models.DateTimeField("согласие на обработку персональных данных")
    state = models.CharField(
        "состояние", max_length=20, choices=RegistrationState.choices, default=RegistrationState.CONFIRMED
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    attended_at = models.DateTimeField("отмечен(а) присутствующим", null=True, blank=True)
    # the final assessment of a course (COURSE_FORMATS); an удостоверение is issued only to those who passed
    assessment_result = models.CharField(
        "итоговая аттестация", max_length=20, choices=AssessmentResult.choices, blank=True
    )
    assessed_at = models.DateTimeField("дата аттестации", null=True, blank=True)
    reminded_at = models.DateTimeField("напоминание отправлено", null=True, blank=True)
    created_at = models.DateTimeField("зарегистрирован(а)", auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at", "token"])

    class Meta:
        verbose_name = "регистрация"
        verbose_name_plural = "регистрации"
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["event", "state", "created_at"]),
            models.Index(fields=["event", "created_at", "id"]),  # the participants page in arrival order, paged
            models.Index(fields=["user", "state"]),
            models.Index(fields=["email"]),
        ]
        constraints = [
            # one live registration per address and event; a cancelled one does not stop registering again
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~models.Q(state=RegistrationState.CANCELLED),
                name="registration_once_per_email",
            )
        ]

    def __str__(self):
        return f"{self.full_name} — {self.event}"

    def get_absolute_url(self):
        return reverse("events:participant", args=[self.token])

    @property
    def holds_seat(self) -> bool:
        return self.state in SEATED_STATES


class Session(models.Model):
    """One part of an event's programme, or one meeting of a series (courses, a school of several days)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions", verbose_name="мероприятие")
    starts_at = models.DateTimeField("начало")
    ends_at = models.DateTimeField("окончание", null=True, blank=True)
    title = models.CharField("тема", max_length=500)
    speakers = models.TextField("выступающие", blank=True, help_text="По одному в строке: ФИО, должность, организация.")
    place = models.CharField("место (аудитория, адрес)", max_length=500, blank=True)

    class Meta:
        verbose_name = "часть программы"
        verbose_name_plural = "программа"
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["event", "starts_at"])]

    def __str__(self):
        return self.title


class Material(models.Model):
    """A file or a link the organizer publishes: to everyone, or only to the event's participants."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="materials", verbose_name="мероприятие")
    title = models.CharField("название", max_length=500)
    file = models.FileField("файл", upload_to=RandomName("events/materials"), blank=True)
    file_name = file_name_field()
    url = models.URLField("ссылка", max_length=500, blank=True)
    participants_only = models.BooleanField("только для участников", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "материал"
        verbose_name_plural = "материалы"
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.title

    @property
    def download_name(self) -> str:
        return display_name(self.file, self.file_name)


class Feedback(models.Model):
    """A participant's answer to the short form after the event."""

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="feedback", verbose_name="регистрация"
    )
    rating = models.PositiveSmallIntegerField("оценка мероприятия (1–5)")
    useful = models.TextField("что было полезно", blank=True)
    suggestions = models.TextField("предложения организаторам", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "отзыв"
        verbose_name_plural = "отзывы"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5),
                name="feedback_rating_range",
                violation_error_message="Оценка — от 1 до 5.",
            )
        ]

    def __str__(self):
        return f"Отзыв ({self.rating}) — {self.registration}"


class CertificateTemplate(models.Model):
    """An HTML layout of certificates with placeholders ({{ фио }} …); nothing in it runs as code.
    A template without an organization is the installation's common one."""

    title = models.CharField("название", max_length=300)
    organization = models.ForeignKey(
        "reference.Organization",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="certificate_templates",
        verbose_name="организация",
    )
    body = models.TextField("разметка (HTML)")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "шаблон сертификата"
        verbose_name_plural = "шаблоны сертификатов"
        ordering = ["title", "id"]

    def __str__(self):
        return self.title


class Certificate(models.Model):
    """An issued certificate. The number is unique and not guessable; /certificates/<number>/ confirms it."""

    number = models.CharField("номер", max_length=32, unique=True)
    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="certificates", verbose_name="мероприятие")
    registration = models.ForeignKey(
        Registration,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
        verbose_name="регистрация",
    )
    kind = models.CharField("вид", max_length=20, choices=CertificateKind.choices, default=CertificateKind.PARTICIPANT)
    full_name = models.CharField("кому выдан", max_length=300)
    organization_name = models.CharField("организация", max_length=500, blank=True)
    email = models.EmailField("электронная почта", blank=True)
    extra = models.CharField("дополнительно (тема выступления, номинация)", max_length=500, blank=True)
    file = models.FileField("PDF", upload_to=RandomName("events/certificates", name_field=None), blank=True)
    issued_at = models.DateTimeField("выдан")
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    emailed_at = models.DateTimeField("отправлен по почте", null=True, blank=True)
    # the holder was told of the certificate (notification, letter): once, whatever runs the issue again
    announced_at = models.DateTimeField("участник извещён", null=True, blank=True)
    revoked_at = models.DateTimeField("аннулирован", null=True, blank=True)

    class Meta:
        verbose_name = "сертификат"
        verbose_name_plural = "сертификаты"
        ordering = ["event", "full_name", "id"]
        indexes = [models.Index(fields=["event", "kind"]), models.Index(fields=["email"])]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "kind"],
                condition=models.Q(registration__isnull=False),
                name="certificate_once_per_registration_and_kind",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} № {self.number}"

    def get_absolute_url(self):
        return reverse("certificates:verify", args=[self.number])


class CertificateBatch(BackgroundJob):
    """Bulk generation (and mailing) of an event's certificates, run in the background; its counters are the
    progress the organizer sees.

    A job of core.jobs with its own table: it writes certificates (one per present participant) rather than a file,
    belongs to the event (every organizer of it follows it), and — unlike an export — a failed or interrupted batch
    goes again («Запустить снова»): certificates issued so far stay, the rest are issued."""

    TRANSITIONS = {**JOB_TRANSITIONS, JobState.FAILED: frozenset({JobState.QUEUED})}
    INTERRUPTED = (
        "Выдача прервалась: обработчик фоновых задач не отвечал больше {minutes}. Выданные сертификаты сохранены — "
        "нажмите «Запустить снова», чтобы выдать остальные."
    )

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="certificate_batches")
    kind = models.CharField(max_length=20, choices=CertificateKind.choices, default=CertificateKind.PARTICIPANT)
    send_email = models.BooleanField(default=False)
    state = models.CharField("состояние", max_length=20, choices=BatchState.choices, default=BatchState.QUEUED)
    emailed = models.PositiveIntegerField(default=0)

    class Meta(BackgroundJob.Meta):
        verbose_name = "выдача сертификатов"
        verbose_name_plural = "выдачи сертификатов"

    def __str__(self):
        return f"Сертификаты мероприятия «{self.event}»: {self.done} из {self.total}"


# courses (ДПП) and the register of удостоверения о повышении квалификации live beside the certificates
from .courses.models import CourseModule, TrainingCertificate, TrainingCertificateCounter  # noqa: E402

__all__ = [
    "Certificate",
    "CertificateBatch",
    "CertificateTemplate",
    "CourseModule",
    "Event",
    "Feedback",
    "Material",
    "Registration",
    "Session",
    "TrainingCertificate",
    "TrainingCertificateCounter",
]
