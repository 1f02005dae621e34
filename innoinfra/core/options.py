"""Long selects that ask for their options as the user types: which model's options come from which URL.

Kept apart from core.forms, which reads models, so that an app's AppConfig can register its URL at import time."""

from django.urls import reverse

# A LongSelect writes up to this many options into the page. Beyond it, a select of a model with an options URL
# (register_options_url) holds only its choice and asks that URL as the user types (static/js/innoinfra.js): a
# country's two thousand municipalities are no list to scroll, and the page must not grow with them.
INLINE_OPTIONS = 200
_OPTIONS_URLS: dict[str, str] = {}


def register_options_url(model_label: str, url_name: str) -> None:
    """The URL (by name) that answers `?q=` with {"results": [{"value", "text"}]} of the model's objects: an app
    registers its model's in ready(), and every long select of them goes remote."""
    _OPTIONS_URLS[model_label] = url_name


def options_url(choices) -> str | None:
    """The options URL of a model field's choices, if its model registered one and the field offers all its
    objects: the URL knows nothing of a form's narrower choice (a methodist's own municipalities), and would offer
    what the form then refuses, so such a field keeps its options in the page."""
    queryset = getattr(choices, "queryset", None)  # a model field's choices: ModelChoiceIterator
    if queryset is None or queryset.query.where:
        return None
    name = _OPTIONS_URLS.get(queryset.model._meta.label)
    return reverse(name) if name else None
