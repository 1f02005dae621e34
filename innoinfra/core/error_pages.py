"""The Russian 404 and 500 pages in every mode.

With DEBUG on Django answers an unknown address or a missing object with its English technical page, and an error
with a traceback. Users of a demo run with DEBUG (make run) would meet them, e.g. for an unknown certificate number,
so this middleware shows the same Russian pages production shows. A developer who wants the technical pages sets
DEBUG_TECHNICAL_PAGES=1. With DEBUG off it does nothing: Django's handlers already render templates/404.html and
500.html. 403 needs nothing: Django renders templates/403.html in every mode.

An address under /api/ that no route matches (`/api/v1/regions/1.5/`, a misspelt resource) is answered as the API
answers a missing record, `{"detail": "…"}` in JSON: a script reading the API gets a body it can parse, and the
OpenAPI description's 404 holds for it (tests/api/test_contract.py)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpResponseServerError, JsonResponse
from django.template import loader
from django.views import defaults
from rest_framework.exceptions import NotFound

logger = logging.getLogger("django.request")


API_PREFIX = "/api/"


def page_not_found(request, exception=None):
    """handler404: the Russian page, or the API's JSON answer for an address under /api/."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
    return defaults.page_not_found(request, exception)


def _active() -> bool:
    return settings.DEBUG and not getattr(settings, "DEBUG_TECHNICAL_PAGES", False)


class RussianErrorPagesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # An address no route matches never reaches a view, so process_exception does not see it; Django has
        # already rendered its technical 404, recognisable by the missing resolver match.
        if _active() and response.status_code == 404 and getattr(request, "resolver_match", None) is None:
            return page_not_found(request, Http404())
        return response

    def process_exception(self, request, exception):
        if not _active():
            return None
        if isinstance(exception, Http404):
            return page_not_found(request, exception)
        if isinstance(exception, PermissionDenied | BadRequest | SuspiciousOperation):
            return None  # Django answers these with its own non-debug pages already
        logger.error("Internal Server Error: %s", request.path, exc_info=exception, extra={"status_code": 500})
        return HttpResponseServerError(loader.get_template("500.html").render())
