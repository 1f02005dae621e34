"""List pages whose filters refresh the results in place (HTMX): one rule for which part of the page answers; and the
per-row figures of a paged list, computed for the rows shown rather than for every row of the table."""

from django.db.models import F, Func, IntegerField, QuerySet, Subquery
from django.shortcuts import render


def list_response(request, template: str, context: dict):
    """The whole page, or only its «results» partial when HTMX refreshes the list after a filter change. A boosted
    link, or a history restore (Back to a page not in HTMX's cache), needs the whole page."""
    if request.htmx and not request.htmx.boosted and not request.htmx.history_restore_request:
        template = f"{template}#results"
    return render(request, template, context)


def count_of(related: QuerySet) -> Subquery:
    """The number of `related` rows (filtered by an OuterRef) as a correlated subquery, for `annotate`.

    `annotate(n=Count("relation"))` joins every row of the table to its relations and groups them before the page
    can be cut: the first 25 organizations cost a GROUP BY over all of them. A subquery in the select list is
    evaluated only for the rows the LIMIT lets through, so an ordered list walks its index and counts for 25 rows;
    `count()` of the paginator drops it (an unused annotation) and counts the bare table. `COUNT` as a plain
    function, not an aggregate, keeps Django from adding a GROUP BY, so there is always one row (0, never NULL)."""
    counted = related.order_by().annotate(n=Func(F("pk"), function="COUNT", output_field=IntegerField())).values("n")
    return Subquery(counted, output_field=IntegerField())
