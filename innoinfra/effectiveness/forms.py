from __future__ import annotations

from django import forms

from innoinfra.core.dates import academic_year_label
from innoinfra.core.forms import BootstrapMixin
from innoinfra.reference.models import Municipality

from .services import current_year


def year_choices(back: int = 5, ahead: int = 0) -> list[tuple[int, str]]:
    now = current_year()
    return [(year, academic_year_label(year)) for year in range(now + ahead, now - back - 1, -1)]


class ScoresFilterForm(BootstrapMixin, forms.Form):
    year = forms.TypedChoiceField(label="Учебный год", coerce=int, required=False)
    municipality = forms.ModelChoiceField(
        label="Территория", queryset=Municipality.objects.none(), required=False, empty_label="Все мои территории"
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices()
        self.fields["municipality"].queryset = municipalities


class CriteriaSetForm(BootstrapMixin, forms.Form):
    title = forms.CharField(
        label="Наименование", max_length=300, initial="Критерии эффективности инновационной деятельности"
    )
    municipality = forms.ModelChoiceField(label="Территория", queryset=Municipality.objects.none(), required=False)
    first_year = forms.TypedChoiceField(label="Действуют с", coerce=int)
    note = forms.CharField(label="Основание, пояснения", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, municipalities, may_be_common: bool, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        field.queryset = municipalities
        field.required = not may_be_common
        field.empty_label = "Вся система" if may_be_common else None
        self.fields["first_year"].choices = year_choices(back=0, ahead=1)
        self.fields["first_year"].initial = current_year()


class CriterionForm(BootstrapMixin, forms.Form):
    title = forms.CharField(label="Критерий", max_length=500)
    formula = forms.CharField(
        label="Формула", max_length=500, widget=forms.TextInput(attrs={"class": "font-monospace"})
    )
    target = forms.CharField(label="Целевое значение", max_length=30)
    weight = forms.CharField(label="Вес", max_length=30, initial="1")
    unit = forms.CharField(label="Единица", max_length=50, required=False)
