"""What the forms of the package share: a formset read as plain rows."""

from __future__ import annotations

from django import forms


class RowsFormSet(forms.BaseModelFormSet):
    """A model formset read as plain rows for a service that replaces the whole list (a call's timetable, a
    rubric's criteria): the kept forms' fields, in the page's order, without the formset's own id and DELETE."""

    def rows(self) -> list[dict]:
        deleted = {id(form) for form in self.deleted_forms}
        return [
            {name: value for name, value in form.cleaned_data.items() if name not in ("id", "DELETE")}
            for form in self.forms
            if form.cleaned_data and id(form) not in deleted
        ]
