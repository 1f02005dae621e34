"""One helper agrees a number with its noun for pages, Word, Excel, e-mails and commands."""

from decimal import Decimal

import pytest
from django.template import Context, Template

from innoinfra.core.numerals import label_with_unit, numeral, plural, with_unit

EVENTS = ("мероприятие", "мероприятия", "мероприятий")


@pytest.mark.parametrize(
    ("n", "word"),
    [(0, "мероприятий"), (1, "мероприятие"), (2, "мероприятия"), (4, "мероприятия"), (5, "мероприятий"),
     (11, "мероприятий"), (12, "мероприятий"), (14, "мероприятий"), (21, "мероприятие"), (22, "мероприятия"),
     (101, "мероприятие"), (111, "мероприятий"), (1001, "мероприятие")],
)
def test_the_noun_agrees_with_the_number(n, word):
    assert plural(n, EVENTS) == word
    assert plural(n, ",".join(EVENTS)) == word


def test_a_numeral_separates_thousands_and_keeps_its_noun():
    assert numeral(1, EVENTS) == "1 мероприятие"
    assert numeral(1234, EVENTS) == "1\u00a0234 мероприятия"


def test_a_report_unit_agrees_with_a_whole_value_and_stays_as_typed_otherwise():
    assert with_unit(Decimal("1"), "1", "мероприятий") == "1 мероприятие"
    assert with_unit(Decimal("2"), "2", "публикаций") == "2 публикации"
    assert with_unit(Decimal("21"), "21", "организаций") == "21 организация"
    assert with_unit(Decimal("2.5"), "2,5", "%") == "2,5 %"
    assert with_unit(Decimal("3"), "3", "шт.") == "3 шт."
    assert with_unit(None, "", "мероприятий") == ""


def test_a_label_does_not_name_the_counted_noun_twice():
    assert label_with_unit("Публикаций по теме проекта", "публикаций") == "Публикаций по теме проекта"
    assert label_with_unit("Участников проведённых мероприятий", "человек") == "Участников проведённых мероприятий, человек"
    assert label_with_unit("Доля педагогов", "") == "Доля педагогов"


def test_templates_use_the_same_rule():
    rendered = Template('{% load ru %}{{ a|numeral:"организация,организации,организаций" }}; {{ b|plural_ru:"пункт,пункта,пунктов" }}; {{ c|with_unit:"мероприятий" }}').render(
        Context({"a": 2, "b": 1, "c": Decimal("1")})
    )
    assert rendered == "2 организации; пункт; 1 мероприятие"
