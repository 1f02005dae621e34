"""A number with its noun in correct Russian: «1 мероприятие», «2 мероприятия», «5 мероприятий», «21 организация».

The one place the agreement rule lives; pages (the `numeral` and `plural_ru` filters of `{% load ru %}`), Word and
Excel builders, e-mails and management commands all call it, so «1 мероприятий» cannot creep back in one of them."""

from __future__ import annotations

from decimal import Decimal

Forms = tuple[str, str, str] | str

# Units of report indicators are stored as the genitive plural a form builder types («мероприятий»); the forms
# below let a value agree with them («1 мероприятие»). A unit not listed here is shown as typed.
UNIT_FORMS: dict[str, tuple[str, str, str]] = {
    forms[2]: forms
    for forms in (
        ("мероприятие", "мероприятия", "мероприятий"),
        ("публикация", "публикации", "публикаций"),
        ("организация", "организации", "организаций"),
        ("пункт", "пункта", "пунктов"),
        ("продукт", "продукта", "продуктов"),
        ("практика", "практики", "практик"),
        ("заявка", "заявки", "заявок"),
        ("пара", "пары", "пар"),
        ("человек", "человека", "человек"),
        ("педагог", "педагога", "педагогов"),
        ("участник", "участника", "участников"),
        ("площадка", "площадки", "площадок"),
        ("сертификат", "сертификата", "сертификатов"),
        ("документ", "документа", "документов"),
        ("штука", "штуки", "штук"),
        ("раз", "раза", "раз"),
        ("день", "дня", "дней"),
        ("час", "часа", "часов"),
    )
}


def _split(forms: Forms) -> tuple[str, str, str]:
    if isinstance(forms, str):
        one, few, many = (part.strip() for part in forms.split(","))
        return one, few, many
    return forms


def plural(n, forms: Forms) -> str:
    """The form of the noun that agrees with the whole number n: one (1, 21, 101), few (2–4, 22–24), many (the rest,
    11–14 included). `forms` is a triple or a comma-separated string «мероприятие,мероприятия,мероприятий»."""
    one, few, many = _split(forms)
    n = abs(int(n or 0))
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def number(n) -> str:
    """«1 234»: thousands apart by a no-break space, as Russian documents write them."""
    return f"{int(n):,}".replace(",", "\u00a0")


def numeral(n, forms: Forms) -> str:
    """«1 мероприятие», «3 мероприятия», «1 234 мероприятия»."""
    return f"{number(n)} {plural(n, forms)}"


def _whole(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal | float) and value == int(value):
        return int(value)
    return None


def with_unit(value, shown: str, unit: str) -> str:
    """A report value followed by its unit, the unit agreeing with a whole number: («1», «мероприятий») →
    «1 мероприятие». A fraction keeps the unit as typed («2,5 %»); so does a unit the table above does not know."""
    if not shown:
        return ""
    if not unit:
        return shown
    whole = _whole(value)
    forms = UNIT_FORMS.get(unit.strip().lower())
    if whole is not None and forms:
        return f"{shown} {plural(whole, forms)}"
    return f"{shown} {unit}"


def label_with_unit(title: str, unit: str) -> str:
    """«Участников мероприятий, человек», but «Публикаций по теме проекта» without «, публикаций» when the title
    already names what is counted."""
    if not unit:
        return title
    words = {word.strip("«»,.:;()").lower() for word in title.split()}
    if unit.strip().lower() in words:
        return title
    return f"{title}, {unit}"
