"""A rubric's forms: the rubric and its criteria, with the levels' meanings written one per line."""

from __future__ import annotations

from django import forms
from django.forms import modelformset_factory

from innoinfra.core.forms import BootstrapMixin

from ..models import Criterion, Rubric
from ._common import RowsFormSet


class LevelsField(forms.CharField):
    """The levels' meanings as lines «0 — не проявляется»; stored as [{"value": 0, "meaning": "…"}]."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(f"{level['value']} — {level.get('meaning', '')}" for level in value)
        return value

    def to_python(self, value):
        levels = []
        for number, line in enumerate((value or "").splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            head, _, meaning = line.replace("–", "—").replace(" - ", " — ").partition("—")
            try:
                levels.append({"value": int(head.strip()), "meaning": meaning.strip()})
            except ValueError:
                raise forms.ValidationError(
                    f"Строка {number}: начните с балла, например «2 — в полной мере»."
                ) from None
        return levels


class RubricForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Rubric
        fields = ["name", "purpose", "description", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class CriterionForm(BootstrapMixin, forms.ModelForm):
    levels = LevelsField(label="Значения баллов", required=False)

    class Meta:
        model = Criterion
        fields = [
            "position",
            "title",
            "description",
            "min_level",
            "max_level",
            "levels",
            "weight",
            "minimum",
            "comment_required_below",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 2}), "title": forms.TextInput()}

    def clean(self):
        data = super().clean()
        low, high = data.get("min_level"), data.get("max_level")
        if low is not None and high is not None:
            if high <= low:
                self.add_error("max_level", "Наибольший балл должен быть больше наименьшего.")
            for level in data.get("levels") or ():
                if not low <= level["value"] <= high:
                    self.add_error("levels", f"Балл {level['value']} вне шкалы {low}–{high}.")
            minimum = data.get("minimum")
            if minimum is not None and not low <= minimum <= high:
                self.add_error("minimum", "Минимальный балл вне шкалы.")
        weight = data.get("weight")
        if weight is not None and weight <= 0:
            self.add_error("weight", "Вес должен быть положительным.")
        return data


CriterionFormSet = modelformset_factory(Criterion, form=CriterionForm, formset=RowsFormSet, extra=1, can_delete=True)
