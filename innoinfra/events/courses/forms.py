"""Forms of courses: a module of the programme, the programme document, the assessment results, the issue and the
register's filters."""

from __future__ import annotations

from django import forms

from innoinfra.core.forms import BootstrapMixin, DateInput, YearField
from innoinfra.core.uploads import TEXT_DOCUMENTS, UploadField

from ..enums import AssessmentResult
from ..models import Event

HOURS = {"min_value": 0, "max_value": 2000, "initial": 0}


class ModuleForm(BootstrapMixin, forms.Form):
    number = forms.IntegerField(
        label="№", required=False, min_value=1, max_value=999, help_text="Пусто — следующий по порядку."
    )
    title = forms.CharField(label="Название модуля", max_length=500)
    lecture_hours = forms.IntegerField(label="Лекции, ч", **HOURS)
    practice_hours = forms.IntegerField(label="Практика, ч", **HOURS)
    self_study_hours = forms.IntegerField(label="Самостоятельная работа, ч", **HOURS)
    starts_on = forms.DateField(label="С", required=False, widget=DateInput())
    ends_on = forms.DateField(label="По", required=False, widget=DateInput())


class ProgrammeFileForm(BootstrapMixin, forms.Form):
    programme_file = UploadField(
        purpose=TEXT_DOCUMENTS,
        label="Файл программы (ДПП)",
        help_text="Утверждённая дополнительная профессиональная программа: PDF, Word или OpenDocument.",
    )


class AssessmentResultsForm(forms.Form):
    """A select per participant present: `result_<registration id>`."""

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.registrations = list(registrations)
        for registration in self.registrations:
            self.fields[f"result_{registration.pk}"] = forms.ChoiceField(
                label=f"Итоговая аттестация: {registration.full_name}",
                choices=[("", "Не отмечено"), *AssessmentResult.choices],
                required=False,
                initial=registration.assessment_result,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )

    def results(self) -> dict[int, str]:
        return {r.pk: self.cleaned_data.get(f"result_{r.pk}", "") for r in self.registrations}

    def rows(self):
        return [(registration, self[f"result_{registration.pk}"]) for registration in self.registrations]


class IssueForm(BootstrapMixin, forms.Form):
    issued_on = forms.DateField(label="Дата выдачи", required=False, widget=DateInput(), help_text="Пусто — сегодня.")


class RegisterFilterForm(BootstrapMixin, forms.Form):
    year = YearField(label="Год выдачи", required=False)
    event = forms.ModelChoiceField(label="Курс", required=False, queryset=Event.objects.none(), empty_label="Все")
    name = forms.CharField(label="ФИО", required=False, max_length=100)
    organization = forms.CharField(label="Организация", required=False, max_length=100)

    def __init__(self, *args, courses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = courses
