from django import forms

from innoinfra.core.forms import BootstrapMixin, DateInput
from innoinfra.core.uploads import TEXT_DOCUMENTS, checked_new_upload
from innoinfra.core.versioning import VersionedFormMixin
from innoinfra.reference.models import Municipality
from innoinfra.registry.forms import FilterForm, NarrowedChoicesMixin

from .enums import DocumentLevel, DocumentStatus, DocumentType
from .models import LegalDocument


class DocumentFilterForm(FilterForm):
    q = forms.CharField(
        label="Поиск",
        required=False,
        widget=forms.SearchInput(attrs={"placeholder": "Номер, наименование, ключевые слова…"}),
    )
    level = forms.ChoiceField(label="Уровень", required=False, choices=[("", "Все уровни"), *DocumentLevel.choices])
    doc_type = forms.ChoiceField(label="Вид", required=False, choices=[("", "Все виды"), *DocumentType.choices])
    status = forms.ChoiceField(label="Статус", required=False, choices=[("", "Любой"), *DocumentStatus.choices])
    municipality = forms.ModelChoiceField(
        Municipality.objects.all(), label="Муниципалитет", required=False, empty_label="Все муниципалитеты"
    )
    year = forms.IntegerField(label="Год", required=False, min_value=1990, max_value=2100)


class DocumentForm(VersionedFormMixin, NarrowedChoicesMixin, BootstrapMixin, forms.ModelForm):
    class Meta:
        model = LegalDocument
        fields = [
            "level",
            "doc_type",
            "issuer",
            "number",
            "date",
            "title",
            "summary",
            "status",
            "replaced_by",
            "related",
            "url",
            "file",
            "keywords",
            "municipality",
        ]
        widgets = {
            "date": DateInput(),
            "title": forms.Textarea(attrs={"rows": 2}),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "related": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, municipalities=None, **kwargs):
        super().__init__(*args, **kwargs)
        others = LegalDocument.objects.order_by("-date", "-id")
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["replaced_by"].queryset = others
        self.fields["related"].queryset = others
        self.fields["related"].required = False
        if municipalities is not None:
            self.fields["municipality"].queryset = municipalities
        self.revalidate()

    def clean_file(self):
        return checked_new_upload(self.cleaned_data.get("file"), purpose=TEXT_DOCUMENTS)
