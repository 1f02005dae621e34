from django.utils.functional import SimpleLazyObject

from .low_vision import from_request as low_vision_of


def installation(request):
    """The installation's name as staff set it on the settings page (read only if a page shows it)."""

    def name():
        from .models import InstallationSettings

        return InstallationSettings.current().name

    return {"INSTALLATION_NAME": SimpleLazyObject(name)}


def low_vision(request):
    """The visitor's version for the visually impaired (`low_vision.html_class` goes on <html>: no flash of the
    ordinary colours before a script could run)."""
    return {"low_vision": low_vision_of(request)}
