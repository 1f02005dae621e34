from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "innoinfra.accounts"
    verbose_name = "Пользователи и роли"

    def ready(self):
        from . import throttling  # noqa: F401  (connects the lockout log to axes' signal)
