from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The public pages that gather many apps: the home page, an organization's and a site's page."""

    name = "innoinfra.portal"
    verbose_name = "Публичный портал"
