"""The one domain exception services raise; views turn it into a message, the API into a 400."""

from django.core.exceptions import ValidationError


class ServiceError(ValidationError):
    """A business rule refused the action; the message is Russian and shown to the user as is."""
