"""An application's forms: the applicant's form with the passport the call asks for, the depersonalised copy,
a file, and the methodist's remarks, extension and assignment of an expert."""

from __future__ import annotations

from django import forms

from innoinfra.accounts.models import User
from innoinfra.accounts.scopes import scope_of
from innoinfra.core.forms import BootstrapMixin, DateInput
from innoinfra.core.uploads import ATTACHMENTS, UploadField
from innoinfra.core.versioning import VersionedFormMixin
from innoinfra.plans.models import Plan
from innoinfra.reference.models import Organization

from ..models import Application, Call
from ..passport import fields_of


class PassportFieldsMixin:
    """Adds one textarea per passport field the call asks for, named passport_<code>."""

    def add_passport_fields(self, codes, initial: dict, *, required: bool) -> None:
        for field in fields_of(codes):
            self.fields[f"passport_{field.code}"] = forms.CharField(
                label=field.label,
                help_text=field.help,
                required=required,
                initial=initial.get(field.code, ""),
                widget=forms.Textarea(attrs={"rows": field.rows, "class": "form-control"}),
            )

    def passport(self) -> dict:
        return {
            name.removeprefix("passport_"): value.strip()
            for name, value in self.cleaned_data.items()
            if name.startswith("passport_")
        }


class ApplicationForm(VersionedFormMixin, PassportFieldsMixin, BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Application
        fields = [
            "theme",
            "site_kind",
            "lead_organization",
            "partners",
            "supervisor",
            "start_date",
            "end_date",
            "plan",
        ]
        widgets = {
            "theme": forms.Textarea(attrs={"rows": 2}),
            "start_date": DateInput(),
            "end_date": DateInput(),
            "partners": forms.SelectMultiple(attrs={"data-tom-select": "1"}),
        }
        help_texts = {
            "partners": "Для сетевой заявки: организации-участники; ведущая — заявитель.",
            "plan": "План работы организации из раздела «Планы». Можно вместо этого приложить файл на странице заявки.",
        }

    def __init__(self, *args, call: Call, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        organizations = Organization.objects.filter(municipality_id=call.municipality_id, is_active=True)
        own = scope_of(user).organizations | ({user.organization_id} if user.organization_id else set())
        leads = organizations.filter(pk__in=own)
        self.fields["lead_organization"].queryset = leads
        if not self.instance.pk and len(leads) == 1:
            self.fields["lead_organization"].initial = leads[0].pk
        if self.instance.pk:
            self.fields["lead_organization"].disabled = True
        self.fields["partners"].queryset = organizations.order_by("short_name")

        self.fields["plan"].queryset = Plan.objects.filter(organization_id__in=own).order_by("-period_start")
        self.fields["plan"].required = False
        self.fields["partners"].required = False
        kinds = call.site_kinds.all()
        if kinds:
            self.fields["site_kind"].queryset = kinds
            self.fields["site_kind"].required = True
        else:
            del self.fields["site_kind"]
        self.add_passport_fields(call.form_fields, self.instance.passport or {}, required=False)

    def application_fields(self) -> dict:
        """What the services take from this form, for a new application and for an edit alike."""
        data = self.cleaned_data
        fields = {name: data[name] for name in ("theme", "partners", "supervisor", "start_date", "end_date", "plan")}
        if "site_kind" in self.fields:
            fields["site_kind"] = data["site_kind"]
        fields["passport"] = self.passport()
        if "version" in self.fields:  # an edit, not a new application
            fields["version"] = data["version"]
        return fields

    def clean(self):
        data = super().clean()
        lead, partners = data.get("lead_organization"), data.get("partners")
        if lead and partners and lead in partners:
            self.add_error("partners", "Ведущая организация не может быть одновременно участником сети.")
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "Окончание раньше начала.")
        return data


class BlindCopyForm(PassportFieldsMixin, BootstrapMixin, forms.Form):
    blind_theme = forms.CharField(label="Тема (обезличенная)", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, application: Application, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["blind_theme"].initial = application.blind_theme or application.theme
        source = application.blind_passport or application.passport
        self.add_passport_fields(application.call.form_fields, source, required=False)
        self.files_qs = application.files.all()
        self.fields["depersonalised_files"] = forms.ModelMultipleChoiceField(
            label="Файлы, которые можно показать экспертам",
            queryset=self.files_qs,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            initial=[f.pk for f in self.files_qs if f.depersonalised],
        )


class FileForm(BootstrapMixin, forms.Form):
    title = forms.CharField(label="Наименование", max_length=300)
    file = UploadField(purpose=ATTACHMENTS, label="Файл")


class RemarksForm(BootstrapMixin, forms.Form):
    remarks = forms.CharField(label="Замечания", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ExtensionForm(BootstrapMixin, forms.Form):
    until = forms.DateField(label="Продлить срок подачи до", widget=DateInput())
    reason = forms.CharField(label="Основание", max_length=300, required=False)


class AssignForm(BootstrapMixin, forms.Form):
    expert = forms.ModelChoiceField(label="Эксперт", queryset=User.objects.none())

    def __init__(self, *args, call: Call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = call.panel.order_by("last_name", "first_name")
        self.fields["expert"].label_from_instance = lambda u: u.full_name
