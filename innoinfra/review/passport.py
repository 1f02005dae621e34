"""The project passport of a status application (seed 002), as the catalogue of form fields a call may ask for."""

from dataclasses import dataclass


@dataclass(frozen=True)
class PassportField:
    code: str
    label: str
    help: str = ""
    # Names, organizations and places live here: a blind call shows experts the depersonalised copy instead.
    personal: bool = False
    rows: int = 4


PASSPORT_FIELDS: tuple[PassportField, ...] = (
    PassportField("authors", "Авторы проекта", "ФИО, должности", personal=True, rows=3),
    PassportField("main_idea", "Основная идея проекта"),
    PassportField("goal", "Цель проекта", rows=3),
    PassportField("tasks", "Задачи проекта"),
    PassportField("normative_base", "Нормативно-правовое обеспечение проекта"),
    PassportField("significance", "Обоснование значимости проекта для развития системы образования"),
    PassportField("novelty", "Новизна (инновационность) проекта"),
    PassportField("practical_significance", "Практическая значимость проекта"),
    PassportField("year_tasks", "Задачи на текущий учебный год"),
    PassportField("expected_results", "Ожидаемые результаты"),
    PassportField("resources", "Ресурсное обеспечение (кадровое, материально-техническое, финансовое)"),
    PassportField("partners", "Сетевые партнёры и социальные партнёры", personal=True, rows=3),
    PassportField("experience", "Опыт инновационной деятельности организации", personal=True),
)
BY_CODE = {f.code: f for f in PASSPORT_FIELDS}
STATUS_FORM = [f.code for f in PASSPORT_FIELDS]
PRACTICE_FORM = ["authors", "main_idea", "goal", "novelty", "practical_significance", "expected_results", "resources"]


def default_form(purpose: str) -> list[str]:
    from .enums import CallPurpose

    return list(STATUS_FORM if purpose == CallPurpose.STATUS else PRACTICE_FORM)


def fields_of(codes) -> list[PassportField]:
    return [BY_CODE[c] for c in codes if c in BY_CODE]
