from __future__ import annotations

from django import forms
from django.db.models import Q

from innoinfra.accounts.scopes import scope_of
from innoinfra.core.forms import BootstrapMixin
from innoinfra.reference.models import Organization

from ..enums import CertificateKind
from ..models import CertificateTemplate
from .services import templates_for_event

PEOPLE_EXAMPLE = "Петрова Анна Сергеевна; МБОУ СОШ № 2; petrova@example.org; «Проектная неделя»"
MANUAL_KINDS = [(kind.value, kind.label) for kind in CertificateKind if kind != CertificateKind.PARTICIPANT]


class ChooseTemplateForm(BootstrapMixin, forms.Form):
    template = forms.ModelChoiceField(
        label="Шаблон", queryset=CertificateTemplate.objects.none(), required=False, empty_label="Общий шаблон системы"
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["template"]
        field.queryset = templates_for_event(event).filter(organization__isnull=False)
        field.initial = event.certificate_template_id


class IssueToPeopleForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label="Вид документа", choices=MANUAL_KINDS)
    text = forms.CharField(
        label="Получатели",
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": PEOPLE_EXAMPLE}),
        help_text="По одному в строке: ФИО; организация; электронная почта; тема выступления или номинация. "
        "Обязательно только ФИО.",
        max_length=60_000,
    )
    send_email = forms.BooleanField(label="Отправить по электронной почте", required=False)


class CertificateTemplateForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = CertificateTemplate
        fields = ["title", "organization", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 22, "class": "font-monospace", "spellcheck": "false"})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        scope = scope_of(user)
        organizations = Organization.objects.order_by("short_name", "id")
        if scope.managed_municipalities is not None:
            mine = Q(pk__in=scope.organizations)
            if scope.is_staff:
                mine |= scope.managed()
            organizations = organizations.filter(mine)
        field = self.fields["organization"]
        field.queryset = organizations
        # the common template (no organization) is the installation administrator's
        field.required = scope.managed_municipalities is not None
        field.empty_label = "Общий шаблон системы" if not field.required else None
        field.help_text = "Шаблоном пользуются мероприятия этой организации."
        if self.instance.pk:
            field.disabled = True


class CertificateCheckForm(BootstrapMixin, forms.Form):
    number = forms.CharField(
        label="Номер сертификата",
        max_length=40,
        help_text="Номер напечатан на сертификате, например 2026-7KQM-3HXA; прописные и строчные буквы не различаются.",
        error_messages={"required": "Введите номер сертификата."},
    )
