"""The one domain exception services raise; views turn it into a message, the API into a 400."""

from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.safestring import SafeString


class ServiceError(ValidationError):
    """A business rule refused the action; the message is Russian and shown to the user as is."""


class AlreadyDone(ServiceError):
    """The action was done before (the same order entered twice, say): nothing new was created, and `existing` is
    the record the first time made, so a page can link to it and the API can answer 409 with its address."""

    def __init__(self, message: str, *, existing=None):
        super().__init__(message)
        self.existing = existing


def error_html(error: ServiceError) -> SafeString:
    """The refusal as page text; a duplicate gets a link to what already exists."""
    text = " ".join(error.messages)
    existing = getattr(error, "existing", None)
    if existing is not None and hasattr(existing, "get_absolute_url"):
        return format_html('{} <a href="{}">Открыть</a>', text, existing.get_absolute_url())
    return format_html("{}", text)
