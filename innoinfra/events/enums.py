from django.db import models


class EventFormat(models.TextChoices):
    SEMINAR = "seminar", "Семинар"
    WEBINAR = "webinar", "Вебинар"
    MASTER_CLASS = "master_class", "Мастер-класс"
    ROUND_TABLE = "round_table", "Круглый стол"
    CONFERENCE = "conference", "Конференция"
    CONFERENCE_SECTION = "conference_section", "Секция конференции"
    CONTEST = "contest", "Конкурс"
    MEETING = "meeting", "Совещание"
    COURSE = "course", "Курсы повышения квалификации"
    INTERNSHIP = "internship", "Стажировка"


# formats that teach by a programme (ДПП) of so many academic hours and end in an удостоверение о ПК
COURSE_FORMATS = (EventFormat.COURSE, EventFormat.INTERNSHIP)


class AssessmentForm(models.TextChoices):
    """Итоговая аттестация по дополнительной профессиональной программе."""

    CREDIT = "credit", "Зачёт"
    EXAM = "exam", "Экзамен"
    PROJECT = "project", "Защита проекта"
    TEST = "test", "Итоговое тестирование"
    PORTFOLIO = "portfolio", "Защита портфолио"


class AssessmentResult(models.TextChoices):
    PASSED = "passed", "Аттестован(а)"
    FAILED = "failed", "Не аттестован(а)"


class EventState(models.TextChoices):
    DRAFT = "draft", "Черновик"
    PUBLISHED = "published", "Опубликовано"
    HELD = "held", "Проведено"
    CANCELLED = "cancelled", "Отменено"


# state → states it may move to (services check it; the organizer's buttons are drawn from it)
EVENT_TRANSITIONS = {
    EventState.DRAFT: {EventState.PUBLISHED, EventState.CANCELLED},
    EventState.PUBLISHED: {EventState.HELD, EventState.CANCELLED},
    EventState.HELD: set(),
    EventState.CANCELLED: set(),
}
# what the public sees (a cancelled event stays visible so registrants learn of it)
PUBLIC_STATES = (EventState.PUBLISHED, EventState.HELD, EventState.CANCELLED)


class RegistrationState(models.TextChoices):
    CONFIRMED = "confirmed", "Участие подтверждено"
    WAITING = "waiting", "В листе ожидания"
    PENDING = "pending", "Ожидает подтверждения организатора"
    CANCELLED = "cancelled", "Отменена"
    ATTENDED = "attended", "Присутствовал(а)"


# registrations that hold a seat
SEATED_STATES = (RegistrationState.CONFIRMED, RegistrationState.ATTENDED)
# registrations that are still alive (a person may not register twice while one of these exists)
ACTIVE_STATES = (
    RegistrationState.CONFIRMED,
    RegistrationState.WAITING,
    RegistrationState.PENDING,
    RegistrationState.ATTENDED,
)


class Audience(models.TextChoices):
    """Whom an event is for: the public calendar filters by it (the free-text audience says more)."""

    TEACHERS = "teachers", "Педагоги"
    YOUNG_TEACHERS = "young_teachers", "Молодые педагоги"
    HEADS = "heads", "Руководители и заместители"
    METHODISTS = "methodists", "Методисты"
    PRESCHOOL = "preschool", "Педагоги дошкольного образования"
    STUDENTS = "students", "Обучающиеся"
    PARENTS = "parents", "Родители"


class FieldMode(models.TextChoices):
    """How the registration form asks for an optional standard field."""

    OFF = "off", "Не спрашивать"
    OPTIONAL = "optional", "Необязательно"
    REQUIRED = "required", "Обязательно"


# the standard fields an organizer may ask for besides name and e-mail (always required), with their default mode
OPTIONAL_REGISTRATION_FIELDS = {
    "organization_name": FieldMode.OPTIONAL,
    "position": FieldMode.OPTIONAL,
    "phone": FieldMode.OPTIONAL,
}


class CertificateKind(models.TextChoices):
    PARTICIPANT = "participant", "Сертификат участника"
    SPEAKER = "speaker", "Сертификат выступающего"
    WINNER = "winner", "Диплом победителя"
    PRIZE_WINNER = "prize_winner", "Диплом призёра"


class BatchState(models.TextChoices):
    QUEUED = "queued", "В очереди"
    RUNNING = "running", "Выполняется"
    DONE = "done", "Готово"
    FAILED = "failed", "Ошибка"
