from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "innoinfra.accounts"
    verbose_name = "Пользователи и роли"
