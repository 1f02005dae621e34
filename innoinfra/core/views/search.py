"""The search page of the whole system (the box in the menu bar sends here)."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import fulltext, numerals
from ..lists import CappedPaginator

PAGE_SIZE = 20


@require_GET
def search(request):
    query = " ".join(request.GET.get("q", "").split())[:200]
    kind = request.GET.get("kind", "")
    if kind not in fulltext.SOURCES:
        kind = ""
    counts = fulltext.counts_by_kind(query, user=request.user) if query else {}
    results = fulltext.search(query, user=request.user, kind=kind or None)
    page = CappedPaginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    for entry in page:
        entry.snippet = fulltext.snippet(entry.body, query)
        entry.label = fulltext.SOURCES[entry.kind].label if entry.kind in fulltext.SOURCES else ""
    tabs = [
        (name, source.label, counts.get(name, 0), _shown(counts.get(name, 0)))
        for name, source in fulltext.SOURCES.items()
    ]
    context = {
        "search_query": query,
        "kind": kind,
        "tabs": tabs,
        "total": _shown(sum(counts.values())),
        "page": page,
    }
    return render(request, "core/search.html", context)


def _shown(found: int) -> str:
    """A count of matches as a tab shows it: each kind is counted up to the cap, beyond it «более 10 000»."""
    if found > fulltext.COUNT_CAP:
        return f"более {numerals.number(fulltext.COUNT_CAP)}"
    return numerals.number(found)
