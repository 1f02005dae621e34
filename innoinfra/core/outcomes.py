"""A business action started from a page: its refusal or its success becomes the message shown on the next page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages

from .errors import ServiceError, error_html
from .once import Repeated, once


def report(
    request, action: Callable[[], Any], success: str | Callable[[Any], str], *, once_as: str | None = None
) -> bool:
    """Run `action`; a ServiceError (nothing was changed) is shown as an error, else `success` — a text, or a
    function of what the action returned. Returns whether the action went through. With `once_as` (the action's
    name), a form sent again with the same one-time token is not acted on twice (see core.once)."""
    try:
        result = once(request, action, purpose=once_as) if once_as else action()
    except ServiceError as error:
        messages.error(request, error_html(error))
        return False
    if isinstance(result, Repeated):
        return True  # `once` has said that the form was sent before
    messages.success(request, success(result) if callable(success) else success)
    return True
