"""Forms of the members and agreements of a complex or a network (the services check the rest)."""

from __future__ import annotations

from django import forms

from innoinfra.core.forms import BootstrapMixin, DateInput
from innoinfra.core.uploads import checked_new_upload
from innoinfra.reference.models import Organization

from .enums import AgreementState
from .forms import FilterForm, NarrowedChoicesMixin
from .models import Agreement, ComplexMember
from .networks import AGREEMENT_FILES, MEMBER_FIELDS


class ComplexMemberForm(NarrowedChoicesMixin, BootstrapMixin, forms.ModelForm):
    class Meta:
        model = ComplexMember
        fields = list(MEMBER_FIELDS)
        widgets = {"people": forms.Textarea(attrs={"rows": 3}), "note": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "name": "Название творческой группы или лаборатории; для педагога — фамилия, имя, отчество.",
            "leader": "Для творческой группы и лаборатории.",
            "people": "Состав творческой группы или лаборатории: по одному человеку на строке.",
            "position": "Для педагога.",
        }

    def __init__(self, *args, site, **kwargs):
        super().__init__(*args, **kwargs)
        # the teachers and teams of a complex work in the schools of its territory
        self.fields["organization"].queryset = Organization.objects.filter(
            municipality_id=site.lead_organization.municipality_id, is_active=True
        ).order_by("short_name")
        self.revalidate()


class AgreementForm(NarrowedChoicesMixin, BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Agreement
        fields = [
            "number", "date", "subject", "organizations", "external_parties", "start_date", "end_date", "file",
        ]  # fmt: skip
        widgets = {
            "date": DateInput(),
            "start_date": DateInput(),
            "end_date": DateInput(),
            "subject": forms.Textarea(attrs={"rows": 3}),
            "external_parties": forms.Textarea(attrs={"rows": 3}),
            "organizations": forms.SelectMultiple(attrs={"data-enhance": "1"}),
        }
        help_texts = {
            "organizations": "Организации, которые есть в системе.",
            "external_parties": (
                "Вузы, учреждения культуры и другие стороны, которых нет в системе: по одной на строке."
            ),
            "end_date": "Оставьте пустым, если соглашение бессрочное.",
        }

    def __init__(self, *args, site, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizations"].queryset = Organization.objects.filter(
            municipality__region_id=site.lead_organization.municipality.region_id, is_active=True
        ).order_by("short_name")
        self.fields["file"].widget.attrs["accept"] = AGREEMENT_FILES.accept
        self.revalidate()

    def clean_file(self):
        return checked_new_upload(self.cleaned_data.get("file"), purpose=AGREEMENT_FILES)


class AgreementFilterForm(FilterForm):
    state = forms.ChoiceField(label="Состояние", required=False, choices=[("", "Все"), *AgreementState.choices])
