"""The «Сроки» of a plan item read into due dates: every timing of the seed plans, the general rules, robustness."""

import calendar
import itertools
import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from innoinfra.plans.timing import KINDS, MAX_OCCURRENCES, TimingResult, parse_timing

# The periods of the seed documents.
ROADMAP = (date(2025, 4, 11), date(2030, 12, 31))  # 000: roadmap to 2030, approved 11.04.2025
SITE_2024 = (date(2024, 1, 1), date(2024, 12, 31))  # 002: work plan of a regional site for 2024
EVENTS_2021 = (date(2021, 9, 1), date(2022, 8, 31))  # 003: event plan for the 2021/2022 academic year
EVENTS_2023 = (date(2023, 9, 1), date(2024, 8, 31))  # 004: event plan for the 2023/2024 academic year


def month(year, number):
    return (date(year, number, 1), date(year, number, calendar.monthrange(year, number)[1]))


def every_year(number, years):
    return [month(year, number) for year in years]


def span(first, last):
    return (date.fromisoformat(first), date.fromisoformat(last))


ROADMAP_YEARS = range(2025, 2031)
FULL_YEARS = [span(f"{year}-01-01", f"{year}-12-31") for year in range(2026, 2031)]

SEED_CASES = [
    # 000, the roadmap
    ("январь-февраль. ежегодно", ROADMAP, "scheduled", [(month(y, 1)[0], month(y, 2)[1]) for y in range(2026, 2031)]),
    ("апрель 2025 г.", ROADMAP, "scheduled", [span("2025-04-11", "2025-04-30")]),
    ("май ежегодно", ROADMAP, "scheduled", every_year(5, ROADMAP_YEARS)),
    ("июнь ежегодно", ROADMAP, "scheduled", every_year(6, ROADMAP_YEARS)),
    ("сентябрь ежегодно", ROADMAP, "scheduled", every_year(9, ROADMAP_YEARS)),
    (" сентябрь ежегодно ", ROADMAP, "scheduled", every_year(9, ROADMAP_YEARS)),
    ("ежегодно", ROADMAP, "frequency", [span("2025-04-11", "2025-12-31"), *FULL_YEARS]),
    ("март \n\nежегодно", ROADMAP, "scheduled", every_year(3, range(2026, 2031))),
    ("по планам инновационных площадок", ROADMAP, "external", []),
    ("по плану работы МЭС ежегодно", ROADMAP, "external", []),
    ("по плану\n\nежегодно", ROADMAP, "external", []),
    ("ежегодно в рамках подготовки к августовскому совещанию", ROADMAP, "scheduled", every_year(8, ROADMAP_YEARS)),
    ("сентябрь 2025 г.", ROADMAP, "scheduled", [month(2025, 9)]),
    ("январь 2026 г.", ROADMAP, "scheduled", [month(2026, 1)]),
    # 002, the site's work plan for 2024
    ("В соответствии с планом проведения\nмероприятий", SITE_2024, "external", []),
    ("Июнь, декабрь 2024", SITE_2024, "scheduled", [month(2024, 6), month(2024, 12)]),
    ("Апрель-август 2024", SITE_2024, "scheduled", [span("2024-04-01", "2024-08-31")]),
    (
        "Сентябрь, ноябрь, январь, март, апрель",
        SITE_2024,
        "scheduled",
        [month(2024, 1), month(2024, 3), month(2024, 4), month(2024, 9), month(2024, 11)],
    ),
    ("В течение года", SITE_2024, "continuous", [SITE_2024]),
    (
        "Ежегодно в период - октябрь, ноябрь\n[bookmark: _GoBack]и по мере запроса ",
        SITE_2024,
        "scheduled",
        [month(2024, 10), month(2024, 11)],
    ),
    ("По мере запроса", SITE_2024, "on_demand", []),
    ("Март\n 2024г.,\n\nОктябрь 2024г.\n", SITE_2024, "scheduled", [month(2024, 3), month(2024, 10)]),
    # 003, the event plan for 2021/2022
    ("В течение года", EVENTS_2021, "continuous", [EVENTS_2021]),
    ("В течение года ИМЦ", EVENTS_2021, "continuous", [EVENTS_2021]),
    ("Сентябрь 2021-июнь \n\n2022", EVENTS_2021, "scheduled", [span("2021-09-01", "2022-06-30")]),
    (
        "Два раза в год",
        EVENTS_2021,
        "frequency",
        [span("2021-09-01", "2022-02-28"), span("2022-03-01", "2022-08-31")],
    ),
    ("2 квартал 2022", EVENTS_2021, "scheduled", [span("2022-04-01", "2022-06-30")]),
    ("По плану редакционно-\n\nиздательского совета", EVENTS_2021, "external", []),
    (
        "Сентябрь 2021, март, \n\nиюнь 2022",
        EVENTS_2021,
        "scheduled",
        [month(2021, 9), month(2022, 3), month(2022, 6)],
    ),
    ("По планам площадок", EVENTS_2021, "external", []),
    (
        "1 раз в полугодие",
        EVENTS_2021,
        "frequency",
        [span("2021-09-01", "2022-02-28"), span("2022-03-01", "2022-08-31")],
    ),
    # 004, the event plan for 2023/2024
    ("В течение года", EVENTS_2023, "continuous", [EVENTS_2023]),
    ("Сентябрь 2023-июнь 2024", EVENTS_2023, "scheduled", [span("2023-09-01", "2024-06-30")]),
    (
        "Два раза в год",
        EVENTS_2023,
        "frequency",
        [span("2023-09-01", "2024-02-29"), span("2024-03-01", "2024-08-31")],
    ),
    ("2 квартал 2024", EVENTS_2023, "scheduled", [span("2024-04-01", "2024-06-30")]),
    ("По плану редакционно-издательского совета", EVENTS_2023, "external", []),
    (
        "Сентябрь 2023, февраль, июнь 2024",
        EVENTS_2023,
        "scheduled",
        [month(2023, 9), month(2024, 2), month(2024, 6)],
    ),
    ("По планам площадок", EVENTS_2023, "external", []),
    (
        "1 раз в полугодие",
        EVENTS_2023,
        "frequency",
        [span("2023-09-01", "2024-02-29"), span("2024-03-01", "2024-08-31")],
    ),
]

PER_YEAR = {"ежегодно": 1, "Два раза в год": 2, "1 раз в полугодие": 2}


@pytest.mark.parametrize(("text", "period", "kind", "occurrences"), SEED_CASES, ids=[c[0] for c in SEED_CASES])
def test_it_reads_every_timing_of_the_seed_plans(text, period, kind, occurrences):
    result = parse_timing(text, *period)

    assert result.kind == kind
    assert result.occurrences == occurrences
    assert result.per_year == PER_YEAR.get(text)


# Periods for the general rules.
YEAR_2024 = SITE_2024
ACADEMIC = EVENTS_2023
MULTI = ROADMAP
QUARTERS_2024 = [span("2024-01-01", "2024-03-31"), span("2024-04-01", "2024-06-30"), span("2024-07-01", "2024-09-30"), span("2024-10-01", "2024-12-31")]

RULE_CASES = [
    # months in any case, with and without a year, and lists of them
    ("в мае", YEAR_2024, "scheduled", [month(2024, 5)]),
    ("января 2024 года", YEAR_2024, "scheduled", [month(2024, 1)]),
    ("Ноябрь 2024 г., декабрь 2024 г.", YEAR_2024, "scheduled", [month(2024, 11), month(2024, 12)]),
    ("сентябрь, январь", ACADEMIC, "scheduled", [month(2023, 9), month(2024, 1)]),
    ("март", MULTI, "scheduled", [month(2026, 3)]),
    ("апрель", MULTI, "scheduled", [span("2025-04-11", "2025-04-30")]),
    ("сентябрь 2023, февраль", ACADEMIC, "scheduled", [month(2023, 9), month(2024, 2)]),
    ("май 2025", YEAR_2024, "scheduled", []),
    # month ranges
    ("ноябрь-февраль", ACADEMIC, "scheduled", [span("2023-11-01", "2024-02-29")]),
    ("с марта по май", YEAR_2024, "scheduled", [span("2024-03-01", "2024-05-31")]),
    ("ноябрь 2024 – март", YEAR_2024, "scheduled", [span("2024-11-01", "2024-12-31")]),
    ("сентябрь—май", ACADEMIC, "scheduled", [span("2023-09-01", "2024-05-31")]),
    ("с начала мая до середины июня", YEAR_2024, "scheduled", [span("2024-05-01", "2024-06-20")]),
    # quarters, half-years and school terms
    ("II квартал", YEAR_2024, "scheduled", [span("2024-04-01", "2024-06-30")]),
    ("IV квартал 2024 г.", YEAR_2024, "scheduled", [span("2024-10-01", "2024-12-31")]),
    ("в третьем квартале", YEAR_2024, "scheduled", [span("2024-07-01", "2024-09-30")]),
    ("2-3 квартал 2024", YEAR_2024, "scheduled", [span("2024-04-01", "2024-09-30")]),
    ("1 квартал", MULTI, "scheduled", [span("2026-01-01", "2026-03-31")]),
    ("во втором полугодии 2024 года", YEAR_2024, "scheduled", [span("2024-07-01", "2024-12-31")]),
    ("I полугодие", YEAR_2024, "scheduled", [span("2024-01-01", "2024-06-30")]),
    ("I полугодие", ACADEMIC, "scheduled", [span("2023-09-01", "2023-12-31")]),
    ("2 полугодие", ACADEMIC, "scheduled", [span("2024-01-01", "2024-05-31")]),
    ("3 четверть", ACADEMIC, "scheduled", [span("2024-01-01", "2024-03-31")]),
    # exact dates and parts of a month
    ("15.03.2024", YEAR_2024, "scheduled", [span("2024-03-15", "2024-03-15")]),
    ("15.03", ACADEMIC, "scheduled", [span("2024-03-15", "2024-03-15")]),
    ("10-15 ноября 2025 г.", MULTI, "scheduled", [span("2025-11-10", "2025-11-15")]),
    ("с 10 по 15 ноября", ACADEMIC, "scheduled", [span("2023-11-10", "2023-11-15")]),
    ("30 ноября - 2 декабря 2024", YEAR_2024, "scheduled", [span("2024-11-30", "2024-12-02")]),
    ("в начале сентября", YEAR_2024, "scheduled", [span("2024-09-01", "2024-09-10")]),
    ("конец мая", YEAR_2024, "scheduled", [span("2024-05-21", "2024-05-31")]),
    ("первая половина октября 2024", YEAR_2024, "scheduled", [span("2024-10-01", "2024-10-15")]),
    # deadlines
    ("до 25 мая", YEAR_2024, "scheduled", [span("2024-01-01", "2024-05-25")]),
    ("не позднее 15.03.2024", YEAR_2024, "scheduled", [span("2024-01-01", "2024-03-15")]),
    ("к 1 сентября 2025 г.", MULTI, "scheduled", [span("2025-04-11", "2025-09-01")]),
    ("к 1 сентября 2025 г.", YEAR_2024, "scheduled", []),
    ("до мая", YEAR_2024, "scheduled", [span("2024-01-01", "2024-05-01")]),
    ("не позднее мая", YEAR_2024, "scheduled", [span("2024-01-01", "2024-05-31")]),
    ("до конца мая 2024", YEAR_2024, "scheduled", [span("2024-01-01", "2024-05-31")]),
    ("до конца года", YEAR_2024, "scheduled", [YEAR_2024]),
    # «ежегодно» with any of these
    (
        "ежегодно до 25 мая",
        MULTI,
        "scheduled",
        [span("2025-04-11", "2025-05-25")] + [span(f"{y}-05-26", f"{y + 1}-05-25") for y in range(2025, 2030)],
    ),
    ("15 марта ежегодно", MULTI, "scheduled", [span(f"{y}-03-15", f"{y}-03-15") for y in range(2026, 2031)]),
    ("ежегодно, II квартал", MULTI, "scheduled", [span("2025-04-11", "2025-06-30")] + [
        span(f"{y}-04-01", f"{y}-06-30") for y in range(2026, 2031)
    ]),
    ("ежегодно 10-15 ноября", MULTI, "scheduled", [span(f"{y}-11-10", f"{y}-11-15") for y in ROADMAP_YEARS]),
    ("апрель 2027, далее ежегодно", MULTI, "scheduled", every_year(4, range(2027, 2031))),
    ("каждый год в декабре", MULTI, "scheduled", every_year(12, ROADMAP_YEARS)),
    ("ежегодно, в начале учебного года (сентябрь)", ACADEMIC, "scheduled", [month(2023, 9)]),
    # frequencies
    ("ежемесячно", YEAR_2024, "frequency", [month(2024, n) for n in range(1, 13)]),
    ("ежеквартально", YEAR_2024, "frequency", QUARTERS_2024),
    ("раз в квартал", YEAR_2024, "frequency", QUARTERS_2024),
    ("раз в месяц", YEAR_2024, "frequency", [month(2024, n) for n in range(1, 13)]),
    (
        "3 раза в год",
        YEAR_2024,
        "frequency",
        [span("2024-01-01", "2024-04-30"), span("2024-05-01", "2024-08-31"), span("2024-09-01", "2024-12-31")],
    ),
    ("не реже двух раз в год", YEAR_2024, "frequency", [span("2024-01-01", "2024-06-30"), span("2024-07-01", "2024-12-31")]),
    ("дважды в год", YEAR_2024, "frequency", [span("2024-01-01", "2024-06-30"), span("2024-07-01", "2024-12-31")]),
    (
        "раз в 2 месяца",
        YEAR_2024,
        "frequency",
        [(month(2024, n)[0], month(2024, n + 1)[1]) for n in range(1, 13, 2)],
    ),
    ("ежеквартально", ACADEMIC, "frequency", [span("2023-09-01", "2023-11-30"), span("2023-12-01", "2024-02-29"), span("2024-03-01", "2024-05-31"), span("2024-06-01", "2024-08-31")]),
    ("ежемесячно с сентября по декабрь", ACADEMIC, "scheduled", [month(2023, n) for n in range(9, 13)]),
    ("2 раза в год (апрель, октябрь)", YEAR_2024, "scheduled", [month(2024, 4), month(2024, 10)]),
    # years and academic years
    ("2026 год", MULTI, "scheduled", [span("2026-01-01", "2026-12-31")]),
    ("2029-2030 гг.", MULTI, "scheduled", [span("2029-01-01", "2030-12-31")]),
    # a whole year written as the time of the work is continuous work, not a due date at its end
    ("в течение 2024 года", YEAR_2024, "continuous", [YEAR_2024]),
    ("2023/2024 учебный год", ACADEMIC, "continuous", [ACADEMIC]),
    ("в течение 2026 года", MULTI, "continuous", [span("2026-01-01", "2026-12-31")]),
    # continuous
    ("постоянно", MULTI, "continuous", [MULTI]),
    ("в течение учебного года", ACADEMIC, "continuous", [ACADEMIC]),
    ("в течение всего периода", MULTI, "continuous", [MULTI]),
    ("В течение года по мере запроса", YEAR_2024, "continuous", [YEAR_2024]),
    # on demand
    ("по мере запроса/ необходимости", YEAR_2024, "on_demand", []),
    ("по запросу", YEAR_2024, "on_demand", []),
    ("по мере необходимости", YEAR_2024, "on_demand", []),
    ("при необходимости", YEAR_2024, "on_demand", []),
    # references to another schedule
    ("по отдельному графику", YEAR_2024, "external", []),
    ("в соответствии с планом работы МЭС", YEAR_2024, "external", []),
    ("согласно графику", YEAR_2024, "external", []),
    ("по плану на 2024 год", YEAR_2024, "external", []),
    ("по утвержденному расписанию", YEAR_2024, "external", []),
    ("по плану МЭС, март 2024", YEAR_2024, "scheduled", [month(2024, 3)]),
    ("в соответствии с приказом от 11.04.2025 № 172-Д", MULTI, "external", []),
    # nothing understood
    ("", YEAR_2024, "unknown", []),
    ("по итогам конкурса", YEAR_2024, "unknown", []),
    ("45.13.2024", YEAR_2024, "unknown", []),
    ("маяк", YEAR_2024, "unknown", []),
]


@pytest.mark.parametrize(
    ("text", "period", "kind", "occurrences"), RULE_CASES, ids=[f"{c[0]}|{c[1][0]:%Y}" for c in RULE_CASES]
)
def test_it_applies_the_general_rules(text, period, kind, occurrences):
    result = parse_timing(text, *period)

    assert (result.kind, result.occurrences) == (kind, occurrences)


@pytest.mark.parametrize(
    ("text", "per_year"),
    [
        ("ежемесячно", 12),
        ("ежеквартально", 4),
        ("раз в полгода", 2),
        ("пять раз в год", 5),
        ("2 раза в месяц", 24),
        ("еженедельно", 52),
        ("ежегодно", 1),
        ("май ежегодно", None),
        ("постоянно", None),
    ],
)
def test_it_reports_how_many_times_a_year(text, per_year):
    assert parse_timing(text, *YEAR_2024).per_year == per_year


def test_it_splits_a_year_into_equal_runs_of_days_when_months_do_not_divide():
    occurrences = parse_timing("5 раз в год", *YEAR_2024).occurrences

    assert len(occurrences) == 5
    assert occurrences[0][0] == date(2024, 1, 1)
    assert occurrences[-1][1] == date(2024, 12, 31)
    assert all(earlier[1].toordinal() + 1 == later[0].toordinal() for earlier, later in itertools.pairwise(occurrences))


def test_it_gives_nothing_for_a_period_that_ends_before_it_starts():
    for text in ("май ежегодно", "ежемесячно", "в течение года", "по запросу"):
        assert parse_timing(text, date(2024, 12, 31), date(2024, 1, 1)).occurrences == []


def test_it_turns_a_result_into_json_ready_data():
    result = TimingResult("frequency", [(date(2024, 1, 1), date(2024, 6, 30))], 2)

    assert result.as_dict() == {
        "kind": "frequency",
        "occurrences": [{"start": "2024-01-01", "end": "2024-06-30"}],
        "per_year": 2,
    }


# ---------------------------------------------------------------- robustness

VOCABULARY = [
    "январь", "февраля", "в марте", "апрель", "май", "мая", "июнь", "июля", "августовскому", "сентябрь",
    "октября", "ноябрь", "декабря", "2021", "2024 г.", "2030 года", "2023/2024 учебный год", "-", "–", ",",
    "и", "с", "по", "до", "к", "не позднее", "до конца", "начало", "конец", "середина", "первая половина",
    "15", "31", "29.02", "31.04.2024", "1", "2", "II", "iv", "квартал", "полугодие", "четверть", "ежегодно",
    "ежемесячно", "раз в", "раза в год", "два", "месяц", "в течение года", "по мере запроса", "по плану",
    "в соответствии с", "постоянно", "года", "г.", "№ 5", "от 01.01.2024", "\n", "ё", "0", "99", "9999",
]  # fmt: skip
texts = st.one_of(
    st.text(max_size=80),
    st.lists(st.sampled_from(VOCABULARY), max_size=12).map(" ".join),
    st.lists(st.sampled_from(VOCABULARY), max_size=12).map("".join),
)
realistic_dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))
any_dates = st.dates()


def assert_sound(result, start, end):
    assert result.kind in KINDS
    assert len(result.occurrences) <= MAX_OCCURRENCES
    assert result.occurrences == sorted(set(result.occurrences))
    for occurrence_start, occurrence_end in result.occurrences:
        assert start <= occurrence_start <= occurrence_end <= end
    if result.kind in ("on_demand", "external", "unknown"):
        assert result.occurrences == []
    if result.kind == "continuous":
        # the whole period, or the years the text names cut to it: one span inside the plan's period at most
        assert len(result.occurrences) <= 1
        assert all(start <= first <= last <= end for first, last in result.occurrences)
    assert (result.per_year is not None) == (result.kind == "frequency")
    json.dumps(result.as_dict())


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, first=realistic_dates, second=realistic_dates)
def test_it_never_raises_and_keeps_occurrences_inside_a_realistic_period(text, first, second):
    start, end = min(first, second), max(first, second)

    assert_sound(parse_timing(text, start, end), start, end)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, first=any_dates, second=any_dates)
def test_it_never_raises_at_the_edges_of_the_calendar(text, first, second):
    start, end = min(first, second), max(first, second)

    assert_sound(parse_timing(text, start, end), start, end)


# ---------------------------------------------------------------- the management command


def run_command(*args, **options):
    out = StringIO()
    call_command("parse_timing", *args, stdout=out, **options)
    return json.loads(out.getvalue())


def test_it_prints_the_occurrences_as_json():
    printed = run_command("Июнь, декабрь 2024", start="2024-01-01", end="2024-12-31")

    assert printed == {
        "kind": "scheduled",
        "occurrences": [{"start": "2024-06-01", "end": "2024-06-30"}, {"start": "2024-12-01", "end": "2024-12-31"}],
        "per_year": None,
    }


def test_it_prints_a_frequency_with_its_count():
    printed = run_command("Два раза в год", "--start", "2023-09-01", "--end", "2024-08-31")

    assert printed["kind"] == "frequency"
    assert printed["per_year"] == 2
    assert printed["occurrences"][1] == {"start": "2024-03-01", "end": "2024-08-31"}


def test_it_rejects_a_malformed_date_in_russian():
    with pytest.raises(CommandError, match="Неверная дата начала периода «2024-13-01»: укажите её в виде ГГГГ-ММ-ДД"):
        run_command("май", start="2024-13-01", end="2024-12-31")


def test_it_rejects_a_period_that_ends_before_it_starts_in_russian():
    with pytest.raises(CommandError, match=r"окончание \(01\.01\.2024\) раньше начала \(31\.12\.2024\)"):
        run_command("май", start="2024-12-31", end="2024-01-01")
