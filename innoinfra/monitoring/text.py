"""Short Russian sentences about the year's figures, compared with the year before, for the analytical report.

Word forms agree with numbers through `core.numerals`, the same helper the templates use, so «1 площадка», «3 площадки»,
«12 площадок» read right everywhere."""

from __future__ import annotations

import datetime as dt

from innoinfra.core import numerals
from innoinfra.core.dates import numeric_date
from innoinfra.core.numerals import plural as plural_ru

SITES = "инновационная площадка,инновационные площадки,инновационных площадок"
ORGANIZATIONS = "образовательная организация,образовательные организации,образовательных организаций"
EVENTS = "мероприятие,мероприятия,мероприятий"
# after «у» and «из» the noun is in the genitive: «у 1 участника», «у 2 участников», «из 21 пункта»
PARTICIPANTS_GENITIVE = "участника,участников,участников"
APPLICATIONS = "заявка,заявки,заявок"
ITEMS_GENITIVE = "пункта,пунктов,пунктов"


def cell(value):
    """A figure as Russian documents print it: «48 655», «30.11.2025»; text as it is."""
    if isinstance(value, bool) or value is None:
        return "" if value is None else value
    if isinstance(value, int):
        return number(value)
    if isinstance(value, dt.date):
        return numeric_date(value)
    return value


def number(n: int) -> str:
    """«1 234», with the thin no-break space Russian documents put between thousands."""
    return f"{n:,}".replace(",", "\u00a0")


def counted(n: int, forms: str) -> str:
    """«12 инновационных площадок»"""
    return numerals.numeral(n, forms)


def agree(n: int, singular: str, plural: str) -> str:
    """The verb after a number: «действовала 1 площадка», «действовали 12 площадок» (21 takes the singular)."""
    return singular if plural_ru(n, "1,2,5") == "1" else plural


def compared(now: int, before: int | None) -> str:
    """«на 3 больше, чем годом ранее» / «на 1 меньше, …» / «столько же, сколько годом ранее»; empty without data."""
    if before is None:
        return ""
    if now == before:
        return "столько же, сколько годом ранее"
    difference = abs(now - before)
    return f"на {number(difference)} {'больше' if now > before else 'меньше'}, чем годом ранее"


def _with(phrase: str, comparison: str) -> str:
    return f"{phrase} ({comparison})" if comparison else phrase


def sites_sentence(year_label: str, now: int, before: int | None) -> str:
    """«В 2024/2025 учебном году действовали 12 инновационных площадок (на 3 больше, чем годом ранее).»"""
    verb = agree(now, "действовала", "действовали")
    return _with(f"В {_in_year(year_label)} {verb} {counted(now, SITES)}", compared(now, before)) + "."


def kind_sentence(year_label: str, kind: str, now: int, before: int | None) -> str:
    """«В 2024/2025 учебном году статус МИП имели 12 образовательных организаций (на 3 больше, чем годом ранее).»"""
    verb = agree(now, "имела", "имели")
    phrase = f"В {_in_year(year_label)} статус {kind} {verb} {counted(now, ORGANIZATIONS)}"
    return _with(phrase, compared(now, before)) + "."


def events_sentence(events: int, events_before: int | None, participants: int) -> str:
    """«Проведено 45 мероприятий (на 5 меньше, чем годом ранее); присутствие отмечено у 1 234 участников.»"""
    phrase = _with(f"Проведено {counted(events, EVENTS)}", compared(events, events_before))
    if not events:
        return phrase + "."
    return f"{phrase}; присутствие отмечено у {counted(participants, PARTICIPANTS_GENITIVE)}."


def applications_sentence(submitted: int, before: int | None, success: int, rate: int | None) -> str:
    """«Подано 14 заявок на конкурсы (на 2 больше, чем годом ранее), поддержано 9 (64 % решений).»"""
    verb = agree(submitted, "Подана", "Подано")
    phrase = _with(f"{verb} {counted(submitted, APPLICATIONS)} на конкурсы", compared(submitted, before))
    if rate is None:
        return phrase + "; решения по ним ещё не приняты." if submitted else phrase + "."
    return f"{phrase}, поддержано {number(success)} ({rate} % принятых решений)."


def plans_sentence(total: int, done: int, overdue: int, percent: int | None) -> str:
    """«Из 120 пунктов планов со сроком в учебном году выполнено 100 (83 %), просрочено 5.»"""
    if not total:
        return "Пунктов утверждённых планов со сроком в этом учебном году нет."
    share = f" ({percent} %)" if percent is not None else ""
    return (
        f"Из {counted(total, ITEMS_GENITIVE)} утверждённых планов со сроком в учебном году "
        f"выполнено {number(done)}{share}, просрочено {number(overdue)}."
    )


def _in_year(year_label: str) -> str:
    """«2024/2025 учебный год» → «2024/2025 учебном году» (the prepositional case after «в»)."""
    return year_label.replace("учебный год", "учебном году")
