"""The search page of the whole system (the box in the menu bar sends here)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import fulltext

PAGE_SIZE = 20


@require_GET
def search(request):
    query = " ".join(request.GET.get("q", "").split())[:200]
    kind = request.GET.get("kind", "")
    if kind not in fulltext.SOURCES:
        kind = ""
    counts = fulltext.counts_by_kind(query, user=request.user) if query else {}
    results = fulltext.search(query, user=request.user, kind=kind or None)
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    for entry in page:
        entry.snippet = fulltext.snippet(entry.body, query)
        entry.label = fulltext.SOURCES[entry.kind].label if entry.kind in fulltext.SOURCES else ""
    tabs = [(name, source.label, counts.get(name, 0)) for name, source in fulltext.SOURCES.items()]
    context = {
        "search_query": query,
        "kind": kind,
        "tabs": tabs,
        "total": sum(counts.values()),
        "page": page,
    }
    return render(request, "core/search.html", context)
