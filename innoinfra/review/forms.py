from __future__ import annotations

from django import forms
from django.forms import modelformset_factory

from innoinfra.accounts.enums import Role
from innoinfra.accounts.models import Membership, User
from innoinfra.accounts.scopes import municipalities_managed_by, scope_of
from innoinfra.core.forms import BootstrapMixin, DateInput
from innoinfra.core.uploads import check_upload
from innoinfra.plans.models import Plan
from innoinfra.reference.models import Body, Organization

from .enums import ApplicationState, Recommendation
from .models import Application, Call, CallStage, Criterion, Rubric
from .passport import fields_of

DOCUMENT_TYPES = (
    ".pdf",
    ".doc",
    ".docx",
    ".odt",
    ".rtf",
    ".xls",
    ".xlsx",
    ".ods",
    ".ppt",
    ".pptx",
    ".jpg",
    ".png",
    ".zip",
)


def experts_of(municipality_ids):
    """People holding the expert role (of any body of these municipalities, or without a body)."""
    memberships = Membership.objects.active().filter(role=Role.EXPERT)
    if municipality_ids is not None:
        memberships = memberships.filter(body__municipality_id__in=municipality_ids) | memberships.filter(
            body__isnull=True
        )
    return User.objects.filter(pk__in=memberships.values("user_id"), is_active=True).order_by("last_name", "first_name")


class CallForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Call
        fields = [
            "title",
            "purpose",
            "municipality",
            "site_kinds",
            "description",
            "rubric",
            "body",
            "panel",
            "experts_per_application",
            "aggregation",
            "pass_threshold",
            "disagreement_threshold",
            "normalise",
            "is_blind",
            "show_reviews_to_applicants",
            "hold_decisions",
            "status_years",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "site_kinds": forms.CheckboxSelectMultiple,
            "panel": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "pass_threshold": "Например, 0,6 — заявка проходит, набрав не меньше 60 % максимального балла.",
            "disagreement_threshold": "Заявки, где оценки экспертов расходятся больше чем на эту долю максимума, "
            "выделяются для обсуждения.",
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        scope = scope_of(user)
        self.fields["municipality"].queryset = municipalities_managed_by(user)
        self.fields["panel"].queryset = experts_of(scope.managed_municipalities)
        self.fields["panel"].label_from_instance = lambda u: f"{u.full_name}{', ' + u.position if u.position else ''}"

        bodies = Body.objects.order_by("name")
        if scope.managed_municipalities is not None:
            bodies = bodies.filter(municipality_id__in=scope.managed_municipalities)
        self.fields["body"].queryset = bodies
        self.fields["rubric"].queryset = self.fields["rubric"].queryset.filter(is_active=True)


class StageForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = CallStage
        fields = [
            "kind",
            "starts_on",
            "ends_on",
            "allows_submission",
            "allows_scoring",
            "reveal_names",
            "experts_see_other_reviews",
            "allows_decisions",
        ]


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


StageFormSet = modelformset_factory(
    CallStage,
    form=StageForm,
    formset=RowsFormSet,
    widgets={"starts_on": DateInput(), "ends_on": DateInput()},
    extra=1,
    can_delete=True,
)


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


class ApplicationForm(PassportFieldsMixin, BootstrapMixin, forms.ModelForm):
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


class CallDocumentForm(BootstrapMixin, forms.Form):
    title = forms.CharField(label="Наименование документа", max_length=300)
    file = forms.FileField(label="Файл", required=False)
    url = forms.URLField(label="или ссылка", required=False, assume_scheme="https")

    def clean_file(self):
        return check_upload(self.cleaned_data["file"], allowed=DOCUMENT_TYPES)

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("url"):
            raise forms.ValidationError("Приложите файл или укажите ссылку.")
        return data


class FileForm(BootstrapMixin, forms.Form):
    title = forms.CharField(label="Наименование", max_length=300)
    file = forms.FileField(label="Файл")

    def clean_file(self):
        return check_upload(self.cleaned_data["file"], allowed=DOCUMENT_TYPES)


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


class ReasonForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label="Причина", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class ConflictForm(BootstrapMixin, forms.Form):
    organization = forms.ModelChoiceField(
        label="Организация",
        queryset=Organization.objects.filter(is_active=True).order_by("short_name"),
        widget=forms.Select(attrs={"data-tom-select": "1"}),
    )
    reason = forms.CharField(label="Характер связи", max_length=500, help_text="Например: «супруг работает учителем».")


class ReviewForm(BootstrapMixin, forms.Form):
    """One score (with the levels' meanings as the choices) and one comment per criterion."""

    conclusion = forms.CharField(
        label="Экспертное заключение", widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    recommendation = forms.ChoiceField(
        label="Рекомендация", choices=[("", "—"), *Recommendation.choices], required=False
    )

    def __init__(self, *args, criteria, review=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        existing = {s.criterion_id: s for s in review.scores.all()} if review else {}
        if review:
            self.fields["conclusion"].initial = review.conclusion
            self.fields["recommendation"].initial = review.recommendation
        for criterion in self.criteria:
            score = existing.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.title,
                choices=[(v, f"{v} — {m}" if m else str(v)) for v, m in criterion.level_choices()],
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                initial=score.value if score else None,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label="Комментарий",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
                initial=score.comment if score else "",
            )

    def rows(self):
        return [(c, self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def scores(self) -> dict[int, tuple[int | None, str]]:
        return {
            c.pk: (self.cleaned_data.get(f"score_{c.pk}"), self.cleaned_data.get(f"comment_{c.pk}", ""))
            for c in self.criteria
        }


class OutboxForm(BootstrapMixin, forms.Form):
    """Filters of the recipients (combined with AND) and the message itself."""

    states = forms.MultipleChoiceField(
        label="Состояние заявки", choices=ApplicationState.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    site_kind = forms.ModelChoiceField(label="Испрашиваемый статус", queryset=None, required=False)
    subject = forms.CharField(label="Тема письма", max_length=200, required=False)
    text = forms.CharField(label="Текст", widget=forms.Textarea(attrs={"rows": 5}), required=False)

    def __init__(self, *args, call: Call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site_kind"].queryset = call.site_kinds.all()


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


CriterionFormSet = modelformset_factory(
    Criterion, form=CriterionForm, formset=RowsFormSet, extra=1, can_delete=True
)
