"""List pages whose filters refresh the results in place (HTMX): one rule for which part of the page answers; and the
per-row figures of a paged list, computed for the rows shown rather than for every row of the table."""

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db.models import F, Func, IntegerField, QuerySet, Subquery
from django.shortcuts import render
from django.utils.functional import cached_property

from . import fulltext, overcap


def list_response(request, template: str, context: dict):
    """The whole page, or only its «results» partial when HTMX refreshes the list after a filter change. A boosted
    link, or a history restore (Back to a page not in HTMX's cache), needs the whole page."""
    if request.htmx and not request.htmx.boosted and not request.htmx.history_restore_request:
        template = f"{template}#results"
    return render(request, template, context)


class CappedPaginator(Paginator):
    """A Paginator whose count stops at `cap`: counting every row of a list that may hold hundreds of thousands grows
    with the data, and nobody pages that far. `capped` says there are more; `count` is then the cap, so the pages
    reach the cap's last row. The count is one `SELECT count(*) FROM (… LIMIT cap + 1)`: an index walk that stops.
    A search (core.fulltext.Hits) counts up to the same cap by itself."""

    def __init__(self, object_list, per_page, *, cap: int | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap if cap is not None else fulltext.COUNT_CAP
        self.capped = False

    @cached_property
    def count(self) -> int:
        if isinstance(self.object_list, (fulltext.Hits, fulltext.ObjectHits)):
            found = self.object_list.count()
            self.capped = self.object_list.capped
            return found
        # unordered: any cap + 1 rows tell whether there are more, and no sort of every match is needed to pick them
        rows = self.object_list.order_by() if hasattr(self.object_list, "order_by") else self.object_list
        # a list found over the cap a moment ago is not counted again: the count is the part that grows (overcap)
        statement = _statement(rows)
        if statement is not None and overcap.known("list", self.cap, *statement):
            self.capped = True
            return self.cap
        found = rows[: self.cap + 1].count()
        self.capped = found > self.cap
        if self.capped and statement is not None:
            overcap.remember("list", self.cap, *statement)
        return min(found, self.cap)


def _statement(rows) -> tuple | None:
    """The SQL of a queryset with its parameters and database, naming its count for core.overcap (None for a list
    that is no queryset, or one that matches nothing)."""
    if not isinstance(rows, QuerySet):
        return None
    try:
        sql, params = rows.query.sql_with_params()
    except EmptyResultSet:
        return None
    return rows.db, sql, tuple(params)


def count_of(related: QuerySet) -> Subquery:
    """The number of `related` rows (filtered by an OuterRef) as a correlated subquery, for `annotate`.

    `annotate(n=Count("relation"))` joins every row of the table to its relations and groups them before the page
    can be cut: the first 25 organizations cost a GROUP BY over all of them. A subquery in the select list is
    evaluated only for the rows the LIMIT lets through, so an ordered list walks its index and counts for 25 rows;
    `count()` of the paginator drops it (an unused annotation) and counts the bare table. `COUNT` as a plain
    function, not an aggregate, keeps Django from adding a GROUP BY, so there is always one row (0, never NULL)."""
    counted = related.order_by().annotate(n=Func(F("pk"), function="COUNT", output_field=IntegerField())).values("n")
    return Subquery(counted, output_field=IntegerField())


class IndexPaginator(Paginator):
    """Page numbers and the total as Django's paginator gives them, but a page of a queryset is fetched as «the
    rows whose ids are the page's ids»: the ids come off the index of the list's order (OFFSET skips index entries
    only), and the joins and per-row subqueries run for the page's rows alone. A plain slice computed them for
    every skipped row too, so page 20 of a list cost 20 times page 1. Still one query per page."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = self.object_list
        if isinstance(rows, QuerySet) and bottom:
            rows = rows.filter(pk__in=rows.values("pk")[bottom:top])
        else:
            rows = rows[bottom:top]
        return self._get_page(rows, number, self)
