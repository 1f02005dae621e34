"""List pages whose filters refresh the results in place (HTMX): one rule for which part of the page answers."""

from django.shortcuts import render


def list_response(request, template: str, context: dict):
    """The whole page, or only its «results» partial when HTMX refreshes the list after a filter change. A boosted
    link, or a history restore (Back to a page not in HTMX's cache), needs the whole page."""
    if request.htmx and not request.htmx.boosted and not request.htmx.history_restore_request:
        template = f"{template}#results"
    return render(request, template, context)
