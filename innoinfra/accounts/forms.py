from django import forms
from django.contrib.auth.forms import AuthenticationForm

from innoinfra.core.forms import BootstrapMixin


class LoginForm(BootstrapMixin, AuthenticationForm):
    username = forms.CharField(
        label="Логин или e-mail", max_length=254, widget=forms.TextInput(attrs={"autofocus": True})
    )

    error_messages = {
        "invalid_login": "Неверный логин (e-mail) или пароль.",
        "inactive": "Учётная запись отключена.",
    }
