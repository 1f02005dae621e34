"""The Russian «Сроки» text of a plan item turned into its due dates within the plan's period.

``parse_timing(text, period_start, period_end)`` never raises; it returns a :class:`TimingResult` whose kind is

* ``scheduled``: concrete occurrences (months, ranges, quarters, half-years, school terms, dates, deadlines,
  years); with «ежегодно» (or «каждый год») every item repeats once a year;
* ``frequency``: N a year without named dates («ежемесячно», «ежеквартально», «два раза в год», «1 раз в
  полугодие», bare «ежегодно» = 1): every plan year is split into N equal parts, one occurrence each;
* ``frequency`` also for school terms («ежечетвертно», «по четвертям», «в конце каждой четверти»): one
  occurrence per term (Sep–Oct, Nov–Dec, Jan–Mar, Apr–May), ``per_year`` 4;
* ``continuous``: «в течение года», «постоянно», «весь период» … — one occurrence spanning the period; whole
  years written as the time of the work («в течение 2024 года», «на протяжении 2027 года», «2023–2024 уч.
  год» on its own) are continuous too, spanning those years within the period — not a due date at their end;
* ``on_demand``: «по мере запроса / необходимости», «по запросу» … — no occurrences;
* ``external``: «по плану …», «по отдельному графику», «в соответствии с …» — no occurrences;
* ``unknown``: nothing understood — no occurrences, a person sets the dates by hand.

When a text says several of these, the first in this order wins: concrete dates, a reference to another
schedule, a frequency, continuous, on demand. So «октябрь, ноябрь и по мере запроса» is scheduled, while
«по плану работы МЭС ежегодно» is external; a reference whose only dates are whole years («по плану на 2024
год») stays external as well.

How dates are read
------------------
* The text is normalised first: lower case, ё → е, every dash → «-», «г.», «гг.», «года» after a year
  dropped, whitespace collapsed, document requisites («от 11.04.2025», «№ 172-Д») dropped.
* Months in any case (январь, января, январе …) and as adjectives («к августовскому совещанию» = August);
  «15.03.2024» and «15.03»; «10-15 ноября 2025»; quarters and half-years with arabic, roman or word
  ordinals («2 квартал», «II квартал», «во втором полугодии»); school terms («3 четверть»: Sep–Oct, Nov–Dec,
  Jan–Mar, Apr–May); years («2026», «2025-2030»); academic years («2023/2024 учебный год»: Sep–Aug);
  «начало / середина / конец / первая / вторая половина» of a month (days 1–10 / 11–20 / 21–end / 1–15 /
  16–end) or of a year; «конец года» (December), «конец учебного года» (May).
* A list of quarters, half-years or school terms («I, III четверть», «1 и 2 квартал») gives one date per part
  named; a range of school terms («II–IV четверти») one date per term, a range of quarters or half-years
  («2-3 квартал») one span.
* Seasons: весна Mar–May, лето Jun–Aug, осень Sep–Nov, зима Dec–Feb; «летние каникулы» = summer. Other
  holidays («осенние каникулы», «в каникулярное время») differ by region and year: ``unknown``.
* A range is two dates joined by «-» or by «с … по / до …».
* Deadlines: «до», «к» fall due on the first day of what follows («до мая» = 1 May, «до 25 мая» = 25 May);
  «не позднее», «не позже», «до конца» on its last day («не позднее мая» = 31 May). A one-off deadline's
  occurrence starts at the period start, a yearly one's the day after the previous year's due date; a
  deadline whose due date lies outside the period is dropped rather than clipped.
* «ежемесячно» (or «раз в месяц») together with named dates splits them into calendar months.

Dates written without a year
----------------------------
* A year written after the last of several months belongs to the months before it: «Июнь, декабрь 2024»,
  «Апрель-август 2024», «Сентябрь 2023, февраль, июнь 2024» (February 2024). Precisely: a date without a year
  followed somewhere by a dated one takes the latest placement ending no later than the start of the next
  date in the text.
* Otherwise a date without a year that follows a dated one takes the first placement starting no earlier
  than the end of the previous date («Сентябрь 2023, февраль» = February 2024).
* Dates of a text without any year are placed in the first plan year: each takes the first placement that
  has not ended before the month the period starts in. In an academic-year period (Sep 2023 – Aug 2024)
  September–December thus fall in 2023 and January–August in 2024; in a calendar year every month falls in
  that year; in a multi-year period (the roadmap, Apr 2025 – Dec 2030) «март» is March 2026 and «апрель»
  April 2025. Without «ежегодно» such dates are NOT repeated in later years.
* With «ежегодно» the placed dates repeat every year of the period (from their own year on when the text
  names a year: «апрель 2025, далее ежегодно»).
* A half-year without a year in an academic-year period is a school half-year (I: Sep–Dec, II: Jan–May);
  with a year, or in any other period, it is a calendar half-year.

Plan years and occurrences
--------------------------
* The plan years are academic (starting in the month the period starts) when the period starts in August or
  September, calendar years otherwise; ``frequency`` splits each plan year into N parts: whole months when N
  divides 12, otherwise equal runs of days.
* Occurrences are clipped to the period (those entirely outside are dropped), sorted and de-duplicated, and
  there are at most ``MAX_OCCURRENCES`` of them. Each occurrence's end is its due date.

Where it is written
-------------------
* ``result``: the kinds of a text, the caps and ``TimingResult``;
* ``grammar``: normalisation, the date tokens and the words before them, ``read_items``;
* ``placing``: dates without a year placed in years;
* ``occurrences``: date items turned into occurrences within the period (scheduled or N a year);
* ``parser``: what kind of text it is, and ``parse_timing`` putting it all together.
"""

from .grammar import normalise
from .parser import parse_timing
from .result import (
    CONTINUOUS,
    EXTERNAL,
    FREQUENCY,
    KINDS,
    MAX_OCCURRENCES,
    MAX_PER_YEAR,
    MAX_TEXT_LENGTH,
    ON_DEMAND,
    SCHEDULED,
    UNKNOWN,
    TimingResult,
)

__all__ = [
    "CONTINUOUS",
    "EXTERNAL",
    "FREQUENCY",
    "KINDS",
    "MAX_OCCURRENCES",
    "MAX_PER_YEAR",
    "MAX_TEXT_LENGTH",
    "ON_DEMAND",
    "SCHEDULED",
    "UNKNOWN",
    "TimingResult",
    "normalise",
    "parse_timing",
]
