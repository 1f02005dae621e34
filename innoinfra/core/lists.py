"""List pages whose filters refresh the results in place (HTMX): one rule for which part of the page answers."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.functional import cached_property

from . import fulltext


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
        if isinstance(self.object_list, fulltext.Hits):
            found = self.object_list.count()
            self.capped = self.object_list.capped
            return found
        found = self.object_list[: self.cap + 1].count()
        self.capped = found > self.cap
        return min(found, self.cap)
