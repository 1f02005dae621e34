"""Monitoring figures as tables: what a dashboard shows under each chart, what each XLSX holds and what the Word
report prints. One builder per table, keyed by a slug; the pages, the downloads and the report all call them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from html import escape

from django.urls import reverse

from innoinfra.core.numerals import number, numeral

from . import snapshots, stats, text
from .filters import Filters


@dataclass
class Table:
    key: str
    title: str
    headers: list[str]
    rows: list[list]
    # Chart.js config (type, labels, datasets) for the page; None for lists that are read, not looked at
    chart: dict | None = None
    # a link per row for the first cell (an organization's or a site's page)
    links: list[str] = field(default_factory=list)
    note: str = ""
    wide: bool = False  # a long list or many bars: the full width of the page
    total: int | None = None  # a list's full length when only its first rows are shown
    # the rows as the page's HTML, drawn by `build` and stored with the table (None: not drawn, e.g. a download's)
    body: str | None = None

    @property
    def linked_rows(self) -> list[tuple[str, list]]:
        links = self.links or [""] * len(self.rows)
        return list(zip(links, self.rows, strict=True))


# Colours that carry a meaning in execution charts: done is green, overdue is red, whatever the palette says.
DONE, NOT_DONE, OVERDUE, OPEN = "#198754", "#6c757d", "#dc3545", "#0dcaf0"


# The long lists: titled here once, for the page, the Excel file and the background export's name.
LIST_TITLES = {
    "overdue_sites": "Площадки с просроченными пунктами плана",
    "deficits": "Организации без инновационной деятельности",
    "late_reports": "Отчёты с нарушением срока",
}


def _chart(kind: str, labels: list, *series: tuple, colors: list[str] | None = None) -> dict:
    """Chart.js data: series are (name, values) or (name, values, colour); `colors` colours a round chart's parts."""
    datasets = []
    for name, data, *colour in series:
        dataset = {"label": name, "data": data}
        if colour or colors:
            dataset["backgroundColor"] = colors or colour[0]
            dataset["borderColor"] = colors or colour[0]
        datasets.append(dataset)
    return {"type": kind, "labels": labels, "datasets": datasets}


def _pct(value) -> str:
    return "—" if value is None else f"{value} %"


def sites_by_kind(f: Filters, today: dt.date) -> Table:
    rows = stats.sites_by_kind(f.municipalities, f.year)
    return Table(
        "sites_by_kind",
        "Действующие площадки по видам",
        ["Вид", "Наименование вида", "Площадок", "Организаций со статусом"],
        [[r["kind"], r["name"], r["count"], r["organizations"]] for r in rows],
        _chart("bar", [r["kind"] for r in rows], ("Площадок", [r["count"] for r in rows])),
    )


def sites_by_level(f: Filters, today: dt.date) -> Table:
    rows = stats.sites_by_level(f.municipalities, f.year)
    return Table(
        "sites_by_level",
        "Действующие площадки по уровням",
        ["Уровень", "Площадок"],
        [[r["label"], r["count"]] for r in rows],
        _chart("doughnut", [r["label"] for r in rows], ("Площадок", [r["count"] for r in rows])),
    )


def sites_by_direction(f: Filters, today: dt.date) -> Table:
    rows = stats.sites_by_direction(f.municipalities, f.year)
    return Table(
        "sites_by_direction",
        "Действующие площадки по направлениям",
        ["Направление", "Площадок"],
        [[r["direction"], r["count"]] for r in rows],
        _chart("bar", [r["direction"] for r in rows], ("Площадок", [r["count"] for r in rows])),
        note="Площадка с несколькими направлениями учтена в каждом из них.",
    )


def sites_by_municipality(f: Filters, today: dt.date) -> Table:
    rows = stats.sites_by_municipality(f.municipalities, f.year)
    return Table(
        "sites_by_municipality",
        "Действующие площадки по муниципалитетам",
        ["Муниципалитет", "Площадок", "Организаций со статусом", "Всего ОО", "Доля ОО со статусом"],
        [
            [r["municipality"], r["count"], r["organizations"], r["all_organizations"], _pct(r["coverage"])]
            for r in rows
        ],
        _chart("bar", [r["municipality"] for r in rows], ("Площадок", [r["count"] for r in rows])),
    )


def trends(f: Filters, today: dt.date) -> Table:
    rows = stats.trends(f.municipalities, f.year)
    labels = [r["label"].removesuffix(" учебный год") for r in rows]
    return Table(
        "trends",
        "Динамика за пять лет",
        ["Учебный год", "Действующих площадок", "Проведено мероприятий", "Подано заявок"],
        [[r["label"], r["active_sites"], r["events_held"], r["applications"]] for r in rows],
        _chart(
            "line",
            labels,
            ("Действующих площадок", [r["active_sites"] for r in rows]),
            ("Проведено мероприятий", [r["events_held"] for r in rows]),
            ("Подано заявок", [r["applications"] for r in rows]),
        ),
    )


def applications(f: Filters, today: dt.date) -> Table:
    rows = stats.applications_by_year(f.municipalities, stats.trend_years(f.year))
    return Table(
        "applications",
        "Заявки на конкурсы и их результаты по годам",
        ["Учебный год", "Подано", "Поддержано", "Не поддержано", "Отозвано", "На рассмотрении", "Доля поддержанных"],
        [
            [
                r["label"],
                r["submitted"],
                r["success"],
                r["refused"],
                r["withdrawn"],
                r["in_progress"],
                _pct(r["success_rate"]),
            ]
            for r in rows
        ],
        _chart(
            "bar",
            [r["label"].removesuffix(" учебный год") for r in rows],
            ("Подано", [r["submitted"] for r in rows]),
            ("Поддержано", [r["success"] for r in rows]),
        ),
        note="Год заявки — учебный год её подачи. Поддержанные: рекомендованные советом и утверждённые приказом; "
        "доля считается от заявок, по которым принято решение.",
    )


EXECUTION_HEADERS = ["Пунктов со сроком в году", "Выполнено", "Не выполнено", "Просрочено", "Срок не наступил"]


def _execution_cells(r: dict) -> list:
    return [r["total"], r["done"], r["not_done"], r["overdue"], r["open"], _pct(r["percent_done"])]


def plan_execution(f: Filters, today: dt.date) -> Table:
    r = stats.plan_execution(f.municipalities, f.year, today)
    # one row of six figures does not fit half a page: the figures go down the table instead
    return Table(
        "plan_execution",
        "Исполнение планов",
        ["Показатель", "Пунктов"],
        [
            [label, value]
            for label, value in zip([*EXECUTION_HEADERS, "Доля выполненных"], _execution_cells(r), strict=True)
        ],
        _chart(
            "doughnut",
            ["Выполнено", "Не выполнено", "Просрочено", "Срок не наступил"],
            ("Пунктов", [r["done"], r["not_done"], r["overdue"], r["open"]]),
            colors=[DONE, NOT_DONE, OVERDUE, OPEN],
        ),
        note=f"Пункты утверждённых планов со сроком в учебном году; просрочка — на {today:%d.%m.%Y}.",
    )


def plan_execution_by_municipality(f: Filters, today: dt.date) -> Table:
    rows = stats.plan_execution_by_municipality(f.municipalities, f.year, today)
    return Table(
        "plan_execution_by_municipality",
        "Исполнение планов по муниципалитетам",
        ["Муниципалитет", *EXECUTION_HEADERS, "Доля выполненных"],
        [[r["municipality"], *_execution_cells(r)] for r in rows],
        _chart(
            "bar",
            [r["municipality"] for r in rows],
            ("Выполнено", [r["done"] for r in rows], DONE),
            ("Просрочено", [r["overdue"] for r in rows], OVERDUE),
        ),
    )


def overdue_sites(f: Filters, today: dt.date, *, limit: int | None = stats.LIST_LIMIT) -> Table:
    found = stats.sites_with_overdue_items(f.municipalities, f.year, today, limit=limit)
    rows = found["rows"]
    shown = f" Показаны первые {len(rows)}; полный список — в Excel." if found["total"] > len(rows) else ""
    return Table(
        "overdue_sites",
        LIST_TITLES["overdue_sites"],
        ["Площадка", "Вид", "Муниципалитет", "Просрочено пунктов", "Самый ранний срок"],
        [[r["organization"], r["kind"], r["municipality"], r["overdue"], r["oldest"]] for r in rows],
        links=[reverse("portal:site", args=[r["site_id"]]) for r in rows],
        note=f"Всего площадок с просрочкой: {found['total']}.{shown}",
        total=found["total"],
    )


def events_by_format(f: Filters, today: dt.date) -> Table:
    rows = stats.events_by_format(f.municipalities, f.year)
    return Table(
        "events_by_format",
        "Проведённые мероприятия по формам",
        ["Форма", "Мероприятий", "Участников"],
        [[r["label"], r["events"], r["participants"]] for r in rows],
        _chart("bar", [r["label"] for r in rows], ("Мероприятий", [r["events"] for r in rows])),
        note="Участники — регистрации, отмеченные организатором как присутствовавшие.",
    )


def events_by_month(f: Filters, today: dt.date) -> Table:
    rows = stats.events_by_month(f.municipalities, f.year)
    return Table(
        "events_by_month",
        "Проведённые мероприятия по месяцам",
        ["Месяц", "Мероприятий", "Участников"],
        [[r["label"], r["events"], r["participants"]] for r in rows],
        _chart(
            "bar",
            [r["label"] for r in rows],
            ("Мероприятий", [r["events"] for r in rows]),
        ),
    )


MENTORING_LABELS = {
    "requests_open": "Запросов ждут наставника",
    "pairs_active": "Пар наставничества действует",
    "pairs_completed": "Пар завершили работу",
    "meetings_held": "Встреч проведено",
}


def mentoring(f: Filters, today: dt.date) -> Table:
    counts = stats.mentoring(f.municipalities)
    return Table(
        "mentoring",
        "Наставничество",
        ["Показатель", "Значение"],
        [[label, counts[key]] for key, label in MENTORING_LABELS.items()],
        # four unlike counts (requests, pairs, meetings) read better as numbers than as bars of one chart
        note="На сегодня, по муниципалитету наставляемой организации.",
    )


def publications_by_level(f: Filters, today: dt.date) -> Table:
    rows = stats.publications_by_level(f.municipalities, f.year)
    return Table(
        "publications_by_level",
        "Публикации и выступления по уровням",
        ["Уровень", "Публикаций"],
        [[r["label"], r["count"]] for r in rows],
        _chart("bar", [r["label"] for r in rows], ("Публикаций", [r["count"] for r in rows])),
        note="Статьи, интервью, видеосюжеты, новости и выступления организаций территории с датой в учебном году.",
    )


def consultations(f: Filters, today: dt.date) -> Table:
    found = stats.consultations(f.municipalities, f.year)
    rows = [
        ["Консультаций всего", found["count"]],
        *[[f"— {label.lower()}", count] for label, count in found["by_form"]],
        ["Участников", found["participants"]],
        ["Часов", f"{found['hours']:.1f}".replace(".", ",")],
    ]
    return Table(
        "consultations",
        "Консультации",
        ["Показатель", "Значение"],
        rows,
        note="По журналу консультаций, с датой в учебном году, по муниципалитету консультируемой организации.",
    )


def deficits(f: Filters, today: dt.date, *, limit: int | None = stats.LIST_LIMIT) -> Table:
    found = stats.organizations_without_activity(f.municipalities, f.year, limit=limit)
    rows = found["rows"]
    shown = f" Показаны первые {len(rows)}; полный список — в Excel." if found["total"] > len(rows) else ""
    return Table(
        "deficits",
        LIST_TITLES["deficits"],
        ["Организация", "Тип", "Муниципалитет"],
        [[r["organization"], r["type"], r["municipality"]] for r in rows],
        links=[reverse("portal:organization", args=[r["organization_id"]]) for r in rows],
        note=f"Всего: {found['total']}. Нет действующего статуса, заявок на конкурсы и организованных мероприятий "
        f"в учебном году.{shown}",
        total=found["total"],
    )


def late_reports(f: Filters, today: dt.date, *, limit: int | None = stats.LIST_LIMIT) -> Table:
    found = stats.late_reports(f.municipalities, f.year, today, limit=limit)
    rows = found["rows"]
    shown = f" Показаны первые {len(rows)}; полный список — в Excel." if found["total"] > len(rows) else ""
    return Table(
        "late_reports",
        LIST_TITLES["late_reports"],
        ["Организация", "Площадка", "Муниципалитет", "Кампания", "Срок", "Состояние"],
        [[r["organization"], r["kind"], r["municipality"], r["campaign"], r["deadline"], r["state"]] for r in rows],
        links=[reverse("reports:report", args=[r["report_id"]]) for r in rows],
        note=f"Всего: {found['total']}. Кампании со сроком представления в учебном году.{shown}",
        total=found["total"],
    )


BUILDERS: dict[str, Callable[[Filters, dt.date], Table]] = {
    "sites_by_kind": sites_by_kind,
    "sites_by_level": sites_by_level,
    "sites_by_direction": sites_by_direction,
    "sites_by_municipality": sites_by_municipality,
    "trends": trends,
    "applications": applications,
    "plan_execution": plan_execution,
    "plan_execution_by_municipality": plan_execution_by_municipality,
    "overdue_sites": overdue_sites,
    "events_by_format": events_by_format,
    "events_by_month": events_by_month,
    "mentoring": mentoring,
    "publications_by_level": publications_by_level,
    "consultations": consultations,
    "deficits": deficits,
    "late_reports": late_reports,
}


# Tables with many rows or bars take the page's full width; the others go two in a row.
WIDE = frozenset(
    {"sites_by_municipality", "trends", "applications", "plan_execution_by_municipality", "overdue_sites"}
    | {"events_by_month", "deficits", "late_reports"}
)
# cut to their first rows on a page, whole in a download
LISTS = frozenset({"deficits", "overdue_sites", "late_reports"})


def _row_html(link: str, row: list) -> str:
    first, *rest = (escape(str(text.cell(value))) for value in row)
    head = f'<a href="{escape(link)}">{first}</a>' if link else first
    return f'<tr><th scope="row" class="fw-normal">{head}</th>{"".join(f"<td>{v}</td>" for v in rest)}</tr>'


def rows_html(table: Table) -> str:
    """The rows of `table` as the page shows them, every value escaped. A region's table by municipality has
    hundreds of rows of six figures: drawn through the template language on each request they cost more than the
    rest of the page and grew with the municipalities; drawn here once per change of the facts (the page's table
    is stored with its rows, see `build`), a request only copies them."""
    if not table.rows:
        return f'<tr><td colspan="{len(table.headers)}" class="text-secondary">Данных за этот год нет.</td></tr>'
    return "".join(_row_html(link, row) for link, row in table.linked_rows)


# Tables with a row (and a bar) per municipality: a page shows the LIST_LIMIT largest when there are more, the
# Excel file all of them. A region has dozens of municipalities; an installation of a whole country thousands,
# which no chart can draw and no reader takes in, and which made the page grow with the country.
BY_MUNICIPALITY = {"sites_by_municipality": "площадок", "plan_execution_by_municipality": "пунктов со сроком в году"}


def _largest(table: Table, limit: int, measure: str) -> Table:
    """`table` cut to the `limit` rows of the largest second column (ties by the first), its chart alike."""
    order = sorted(range(len(table.rows)), key=lambda n: (-(table.rows[n][1] or 0), n))[:limit]
    all_rows = len(table.rows)
    table.rows = [table.rows[n] for n in order]
    if table.chart:
        table.chart["labels"] = [table.chart["labels"][n] for n in order]
        for dataset in table.chart["datasets"]:
            dataset["data"] = [dataset["data"][n] for n in order]
    shown = f"Показаны {numeral(limit, 'муниципалитет,муниципалитета,муниципалитетов')} из {number(all_rows)}"
    table.note = " ".join(filter(None, [table.note, f"{shown} — с наибольшим числом {measure}; все — в Excel."]))
    table.total = all_rows
    return table


def build(key: str, f: Filters, today: dt.date, *, whole: bool = False) -> Table:
    table = BUILDERS[key](f, today, limit=None) if whole and key in LISTS else BUILDERS[key](f, today)
    if not whole and key in BY_MUNICIPALITY and len(table.rows) > stats.LIST_LIMIT:
        table = _largest(table, stats.LIST_LIMIT, BY_MUNICIPALITY[key])
    table.wide = key in WIDE
    if not whole:  # a page's table: its rows drawn now, to be stored with it; a download draws none
        table.body = rows_html(table)
    return table


def _computations(keys: list[str], f: Filters, today: dt.date, whole: bool) -> dict[str, Callable[[], object]]:
    return {
        snapshots.key_of(key, f.municipalities, f.year, today, whole): partial(build, key, f, today, whole=whole)
        for key in keys
    }


def served(keys: list[str], f: Filters, today: dt.date, *, whole: bool = False) -> list[Table]:
    """`build` from summary storage: each table computed once per change of the facts (see snapshots)."""
    return list(snapshots.cached_many(_computations(keys, f, today, whole)).values())


def totals(f: Filters) -> dict:
    """The figures above the sites page's tables."""
    return {**stats.site_totals(f.municipalities, f.year), **stats.event_totals(f.municipalities, f.year)}


def served_page(keys: list[str], f: Filters, today: dt.date, *, with_totals: bool) -> tuple[list[Table], dict | None]:
    """A page's tables and, if asked, its totals, all in one read of the summaries (two queries, not four)."""
    computations = _computations(keys, f, today, False)
    totals_key = snapshots.key_of("summary", f.municipalities, f.year, today, False)
    if with_totals:
        computations[totals_key] = partial(totals, f)
    values = snapshots.cached_many(computations)
    figures = values.pop(totals_key, None)
    return list(values.values()), figures
