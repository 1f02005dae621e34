from __future__ import annotations

from django import forms
from django.utils import timezone

from innoinfra.core.forms import BootstrapMixin, DateInput
from innoinfra.core.uploads import DOCUMENTS, UploadField
from innoinfra.practices.queries import published
from innoinfra.registry.forms import FilterForm

from .enums import ApprobationState, Verdict
from .models import Approbation


class ApprobationForm(BootstrapMixin, forms.ModelForm):
    """The product and the programme."""

    programme_file = UploadField(purpose=DOCUMENTS, label="Файл программы", required=False)

    class Meta:
        model = Approbation
        fields = ["product_title", "product_kind", "product_authors", "practice", "aims", "indicators"]
        widgets = {
            "product_title": forms.Textarea(attrs={"rows": 2}),
            "product_authors": forms.Textarea(attrs={"rows": 2}),
            "aims": forms.Textarea(attrs={"rows": 4}),
            "indicators": forms.Textarea(attrs={"rows": 4}),
            "practice": forms.Select(attrs={"data-enhance": "1"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practice"].queryset = published().select_related(None).only("id", "title")
        self.fields["practice"].empty_label = "— не связана —"


class StageForm(BootstrapMixin, forms.Form):
    title = forms.CharField(label="Этап программы", max_length=300)
    starts_on = forms.DateField(label="Начало", widget=DateInput())
    ends_on = forms.DateField(label="Окончание", widget=DateInput())


class ResultForm(BootstrapMixin, forms.Form):
    date = forms.DateField(label="Дата", widget=DateInput(), initial=timezone.localdate)
    indicator = forms.CharField(label="Показатель", max_length=300)
    value = forms.CharField(label="Значение", max_length=100)
    comment = forms.CharField(label="Комментарий", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        if indicators:
            # the programme's indicators as suggestions; a new one may still be typed
            self.fields["indicator"].widget.attrs["list"] = "approbation-indicators"


class ConclusionForm(BootstrapMixin, forms.Form):
    verdict = forms.ChoiceField(label="Вывод", choices=Verdict.choices, widget=forms.RadioSelect)
    conclusion = forms.CharField(label="Заключение", widget=forms.Textarea(attrs={"rows": 6}))
    date = forms.DateField(label="Дата заключения", widget=DateInput(), initial=timezone.localdate)


class ApprobationFilterForm(FilterForm):
    q = forms.CharField(
        label="Поиск", required=False, widget=forms.SearchInput(attrs={"placeholder": "Продукт, авторы"})
    )
    state = forms.ChoiceField(label="Состояние", required=False, choices=[("", "Любое"), *ApprobationState.choices])
    verdict = forms.ChoiceField(label="Вывод", required=False, choices=[("", "Любой"), *Verdict.choices])
