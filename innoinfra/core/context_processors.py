from django.utils.functional import SimpleLazyObject


def installation(request):
    """The installation's name as staff set it on the settings page (read only if a page shows it)."""

    def name():
        from .models import InstallationSettings

        return InstallationSettings.current().name

    return {"INSTALLATION_NAME": SimpleLazyObject(name)}
