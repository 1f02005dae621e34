"""A business action started from a page: its refusal or its success becomes the message shown on the next page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages

from .errors import ServiceError, error_html


def report(request, action: Callable[[], Any], success: str | Callable[[Any], str]) -> bool:
    """Run `action`; a ServiceError (nothing was changed) is shown as an error, else `success` — a text, or a
    function of what the action returned. Returns whether the action went through."""
    try:
        result = action()
    except ServiceError as error:
        messages.error(request, error_html(error))
        return False
    messages.success(request, success(result) if callable(success) else success)
    return True
