"""The sections of a site passport in the order of seed 002 (the passport of a краевая инновационная площадка), and
which of them the application's project passport (review.passport) fills when a site is created from an application.

One list serves the page, the form, the API, the history and the Word document, so they never disagree on order or
wording."""

from __future__ import annotations

from dataclasses import dataclass

# Groups the page shows as its parts; the Word document numbers the rows straight through, as the seed does.
ORGANIZATION = "Организация"
PROJECT = "Проект"
RESOURCES = "Ресурсы и партнёры"


@dataclass(frozen=True)
class Section:
    code: str
    label: str
    group: str
    rows: int = 4
    # Contacts stay with signed-in staff and the site's editors: the seed's e-mail is a person's own mailbox.
    private: bool = False
    single_line: bool = False


SECTIONS: tuple[Section, ...] = (
    Section("organization_name", "Юридическое название организации (учреждения)", ORGANIZATION, single_line=True),
    Section("organization_short_name", "Сокращённое название организации", ORGANIZATION, single_line=True),
    Section("address", "Юридический адрес", ORGANIZATION, single_line=True),
    Section("contacts", "Телефон, факс, e-mail", ORGANIZATION, rows=2, private=True),
    Section("head_name", "ФИО руководителя", ORGANIZATION, single_line=True),
    Section("supervisor", "Научный руководитель (консультант). Учёная степень, звание", PROJECT, rows=2),
    Section("authors", "Авторы представляемого опыта (коллектив авторов)", PROJECT, rows=3),
    Section("theme", "Наименование инновационного продукта (тема)", PROJECT, rows=2),
    Section("main_idea", "Основная идея (идеи) деятельности инновационной площадки", PROJECT, rows=6),
    Section("goal", "Цель деятельности инновационной площадки", PROJECT, rows=3),
    Section("tasks", "Задачи деятельности", PROJECT, rows=6),
    Section("normative_base", "Нормативно-правовое обеспечение инновационной деятельности", PROJECT, rows=5),
    Section("significance", "Обоснование значимости для развития системы образования (актуальность)", PROJECT),
    Section("novelty", "Новизна (инновационность)", PROJECT),
    Section("practical_significance", "Предполагаемая практическая значимость", PROJECT),
    Section("expected_results", "Ожидаемые результаты (продукты)", PROJECT),
    Section("resources", "Ресурсное обеспечение (кадровое, материально-техническое, финансовое)", RESOURCES),
    Section("partners", "Сетевые и социальные партнёры", RESOURCES, rows=3),
    Section("experience", "Опыт инновационной деятельности организации", RESOURCES),
)
BY_CODE = {s.code: s for s in SECTIONS}
TEXT_CODES = [s.code for s in SECTIONS]
PUBLIC_CODES = [s.code for s in SECTIONS if not s.private]
YEAR_TASKS_LABEL = "Задачи деятельности на учебный год"

# The application's passport (review.passport codes) names these sections the same; `theme` and `supervisor` are
# the application's own fields, the rest of its passport lives in its JSON.
FROM_APPLICATION = (
    "authors",
    "main_idea",
    "goal",
    "tasks",
    "normative_base",
    "significance",
    "novelty",
    "practical_significance",
    "expected_results",
    "resources",
    "partners",
    "experience",
)
