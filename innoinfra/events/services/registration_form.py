"""The registration form the organizer chooses: optional standard fields, own questions, and the answers checked
against them."""

from __future__ import annotations

from collections.abc import Iterable

from innoinfra.core.errors import ServiceError

from ..enums import OPTIONAL_REGISTRATION_FIELDS, FieldMode
from ..models import Event, Registration

MAX_QUESTIONS = 5
QUESTION_LENGTH = 300
ANSWER_LENGTH = 2000
STANDARD_LABELS = {"organization_name": "Организация", "position": "Должность", "phone": "Телефон"}


def field_modes(event: Event) -> dict[str, str]:
    """Each optional standard field with its mode on this event's form; a key the event lacks takes the default."""
    chosen = event.registration_fields or {}
    return {name: chosen.get(name, default) for name, default in OPTIONAL_REGISTRATION_FIELDS.items()}


def clean_registration_fields(modes: dict) -> dict[str, str]:
    unknown = sorted(set(modes) - set(OPTIONAL_REGISTRATION_FIELDS))
    if unknown:
        raise ServiceError(f"Такого поля в форме регистрации нет: {', '.join(unknown)}.")
    cleaned = {}
    for name, default in OPTIONAL_REGISTRATION_FIELDS.items():
        mode = modes.get(name) or default
        if mode not in FieldMode.values:
            raise ServiceError(f"Поле «{STANDARD_LABELS[name]}»: непонятно, спрашивать ли его ({mode}).")
        cleaned[name] = str(mode)
    return cleaned


def clean_questions(questions) -> list[dict]:
    """[{"label": …, "required": bool}], labels unique: the answers are kept under them."""
    if not isinstance(questions, list | tuple):
        raise ServiceError("Дополнительные вопросы не распознаны.")
    cleaned: list[dict] = []
    seen: set[str] = set()
    for question in questions:
        if not isinstance(question, dict):
            raise ServiceError("Дополнительные вопросы не распознаны.")
        label = " ".join(str(question.get("label") or "").split())
        if not label:
            raise ServiceError("У дополнительного вопроса нет текста.")
        if len(label) > QUESTION_LENGTH:
            raise ServiceError(f"Вопрос «{label[:50]}…» длиннее {QUESTION_LENGTH} знаков.")
        if label.casefold() in seen:
            raise ServiceError(f"Вопрос «{label}» задан дважды.")
        seen.add(label.casefold())
        cleaned.append({"label": label, "required": bool(question.get("required"))})
    if len(cleaned) > MAX_QUESTIONS:
        raise ServiceError(f"Дополнительных вопросов может быть не больше {MAX_QUESTIONS}.")
    return cleaned


def checked_standard_fields(event: Event, values: dict[str, str]) -> dict[str, str]:
    modes = field_modes(event)
    checked = {}
    for name, value in values.items():
        value = (value or "").strip()
        if modes[name] == FieldMode.OFF:
            value = ""  # the organizer does not collect it: whatever a client sent is not kept
        elif modes[name] == FieldMode.REQUIRED and not value:
            raise ServiceError(f"Заполните поле «{STANDARD_LABELS[name]}».")
        checked[name] = value
    return checked


def checked_answers(event: Event, answers: dict) -> dict[str, str]:
    questions = event.questions or []
    labels = {question["label"] for question in questions}
    unknown = [label for label in answers if label not in labels]
    if unknown:
        raise ServiceError(f"Организатор не задавал вопроса «{unknown[0]}».")
    checked = {}
    for question in questions:
        label = question["label"]
        answer = str(answers.get(label) or "").strip()
        if len(answer) > ANSWER_LENGTH:
            raise ServiceError(f"Ответ на вопрос «{label}» длиннее {ANSWER_LENGTH} знаков.")
        if question.get("required") and not answer:
            raise ServiceError(f"Ответьте на вопрос «{label}».")
        if answer:
            checked[label] = answer
    return checked


def answer_labels(event: Event, registrations: Iterable[Registration]) -> list[str]:
    """The columns of the answers: the event's questions, then labels only older answers have (a question
    renamed or removed after people answered it keeps its answers visible)."""
    labels = [question["label"] for question in event.questions or []]
    for registration in registrations:
        labels.extend(label for label in registration.answers or {} if label not in labels)
    return labels
