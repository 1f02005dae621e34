from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)

from innoinfra.core.enums import MailKind
from innoinfra.core.forms import BootstrapMixin, DateInput
from innoinfra.core.mail import queue_templated_mail
from innoinfra.core.models import InstallationSettings

from .enums import BodyPosition, Role
from .models import User
from .scopes import scope_of


class LoginForm(BootstrapMixin, AuthenticationForm):
    username = forms.CharField(
        label="Логин или e-mail", max_length=254, widget=forms.TextInput(attrs={"autofocus": True})
    )

    error_messages = {
        "invalid_login": "Неверный логин (e-mail) или пароль.",
        "inactive": "Учётная запись отключена.",
    }


class ResetPasswordForm(BootstrapMixin, PasswordResetForm):
    email = forms.EmailField(
        label="Адрес электронной почты",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def get_users(self, email):
        # Accounts registered by staff have no password until the person follows the e-mailed link;
        # a lost invitation must be recoverable through «Забыли пароль?» too.
        return get_user_model()._default_manager.filter(email__iexact=email, is_active=True)

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        # Through the mail queue: Django would send inside the request and, on a mail outage, lose the letter.
        context["installation_name"] = InstallationSettings.current().name
        queue_templated_mail(
            to=to_email,
            subject_template=subject_template_name,
            body_template=email_template_name,
            html_template=html_email_template_name,
            context=context,
            kind=MailKind.PASSWORD,
        )


class NewPasswordForm(BootstrapMixin, SetPasswordForm):
    pass


class ChangePasswordForm(BootstrapMixin, PasswordChangeForm):
    pass


# BootstrapMixin validates a bound form in its __init__ (to mark invalid fields): querysets and
# required flags are set in the *Base classes, which run inside it, so validation sees them.


class _UserFilterBase(forms.Form):
    q = forms.CharField(
        label="Поиск", required=False, widget=forms.SearchInput(attrs={"placeholder": "ФИО, логин или e-mail"})
    )
    role = forms.ChoiceField(label="Роль", required=False, choices=[("", "Все роли"), *Role.choices])
    municipality = forms.ModelChoiceField(None, label="Муниципалитет", required=False, empty_label="Все муниципалитеты")
    active = forms.ChoiceField(
        label="Состояние",
        required=False,
        choices=[("", "Все"), ("yes", "Действующие"), ("no", "Отключённые")],
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities


class UserFilterForm(BootstrapMixin, _UserFilterBase):
    pass


class _ProfileBase(forms.ModelForm):
    class Meta:
        model = User
        fields = ["last_name", "first_name", "middle_name", "position", "phone", "email"]
        labels = {"last_name": "Фамилия", "first_name": "Имя", "email": "Адрес электронной почты"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("last_name", "first_name", "email"):
            self.fields[name].required = True


class ProfileForm(BootstrapMixin, _ProfileBase):
    pass


class _UserBase(_ProfileBase):
    """Staff register or edit an account; the place of work is limited to their territory."""

    is_superuser = forms.BooleanField(
        label="Администратор системы (все права, доступ к панели администрирования)", required=False
    )

    class Meta(_ProfileBase.Meta):
        fields = ["last_name", "first_name", "middle_name", "username", "email", "position", "phone", "organization"]
        labels = {**_ProfileBase.Meta.labels, "username": "Логин"}
        help_texts = {"username": "Латинские буквы, цифры и символы @ . + - _; входить можно и по e-mail."}

    def __init__(self, *args, by, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["organization"].widget.attrs["data-enhance"] = ""
        if scope_of(by).managed_municipalities is not None:
            self.fields["organization"].required = True
        if by.is_superuser:
            self.fields["is_superuser"].initial = self.instance.is_superuser
        else:
            del self.fields["is_superuser"]
        if self.instance.pk:
            # The login is how the person knows their account; it is not edited here.
            del self.fields["username"]


class UserForm(BootstrapMixin, _UserBase):
    pass


class _MembershipBase(forms.Form):
    """A role and where it acts: one of a municipality, an organization or a body (or a whole region,
    or the whole installation, for installation administrators)."""

    role = forms.ChoiceField(label="Роль", choices=[("", "— выберите роль —"), *Role.choices])
    municipality = forms.ModelChoiceField(None, label="Муниципалитет", required=False, empty_label="—")
    organization = forms.ModelChoiceField(None, label="Организация", required=False, empty_label="—")
    body = forms.ModelChoiceField(None, label="Коллегиальный орган", required=False, empty_label="—")
    region = forms.ModelChoiceField(None, label="Регион", required=False, empty_label="—")
    body_position = forms.ChoiceField(
        label="Должность в органе", required=False, choices=[("", "—"), *BodyPosition.choices]
    )
    start_date = forms.DateField(label="Действует с", required=False, widget=DateInput())
    end_date = forms.DateField(label="Действует по", required=False, widget=DateInput())

    SCOPES = ("municipality", "organization", "body", "region")

    def __init__(self, *args, municipalities, organizations, bodies, regions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.fields["organization"].queryset = organizations
        self.fields["body"].queryset = bodies
        for name in ("municipality", "organization", "body"):
            self.fields[name].widget.attrs["data-enhance"] = ""
        if regions is None:
            del self.fields["region"]
        else:
            self.fields["region"].queryset = regions
        self.installation_wide_allowed = regions is not None
        self.fields["organization"].help_text = "Для руководителя ОО и педагога — их организация."
        self.fields["body"].help_text = "Для эксперта — совет, в который он входит."

    def clean(self):
        data = super().clean()
        chosen = [name for name in self.SCOPES if data.get(name)]
        if len(chosen) > 1:
            raise forms.ValidationError("Укажите одну область действия роли: муниципалитет, организацию или орган.")
        if not chosen and not self.installation_wide_allowed:
            raise forms.ValidationError("Укажите, где действует роль: муниципалитет, организацию или орган.")
        return data


class MembershipForm(BootstrapMixin, _MembershipBase):
    pass
