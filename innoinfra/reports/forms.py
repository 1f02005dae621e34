from __future__ import annotations

from django import forms
from django.db.models import Q

from innoinfra.core.forms import BootstrapMixin, DateInput
from innoinfra.core.versioning import VersionConflict, VersionedFormMixin
from innoinfra.reference.models import Municipality, Region
from innoinfra.registry.forms import FilterForm, NarrowedChoicesMixin
from innoinfra.registry.models import SiteKind

from .enums import ItemKind, ReportState, ValueType
from .models import Campaign, FormItem, ReportForm


class CampaignFilterForm(FilterForm):
    state = forms.ChoiceField(
        label="Состояние", required=False, choices=[("", "Любое"), *Campaign._meta.get_field("state").choices]
    )


class ReportFilterForm(FilterForm):
    state = forms.ChoiceField(label="Состояние отчёта", required=False, choices=[("", "Любое"), *ReportState.choices])
    late = forms.BooleanField(label="Только с опозданием", required=False)
    municipality = forms.ModelChoiceField(
        Municipality.objects.all(), label="Муниципалитет", required=False, empty_label="Все муниципалитеты"
    )
    campaign = forms.ModelChoiceField(Campaign.objects.all(), label="Кампания", required=False)


class SourceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        if obj.is_template:
            return f"{obj.title} (готовая форма)"
        campaign = getattr(obj, "campaign", None)
        return f"Как в кампании «{campaign}»" if campaign else obj.title


class CampaignForm(NarrowedChoicesMixin, BootstrapMixin, forms.ModelForm):
    source = SourceChoiceField(
        ReportForm.objects.none(),
        label="Форма отчёта",
        empty_label=None,
        help_text="Готовая форма или форма прошлой кампании: её копию можно будет изменить до начала сбора.",
    )

    class Meta:
        model = Campaign
        fields = ["title", "municipality", "region", "period_start", "period_end", "deadline", "audience", "site_kinds"]
        widgets = {
            "period_start": DateInput(),
            "period_end": DateInput(),
            "deadline": DateInput(),
        }
        help_texts = {
            "municipality": "Пусто — кампания на весь регион (укажите регион).",
            "deadline": "Отчёт, представленный позже, отмечается как опоздавший.",
        }

    def __init__(self, *args, municipalities=None, campaigns=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site_kinds"] = forms.ModelMultipleChoiceField(
            SiteKind.objects.filter(is_active=True).order_by("position", "name"),
            label="Виды площадок",
            required=False,
            widget=forms.SelectMultiple(attrs={"data-enhance": "", "size": 6}),
            help_text="Только если отчитываются площадки выбранных видов.",
        )
        self.fields["municipality"].queryset = municipalities
        self.fields["municipality"].empty_label = "— весь регион —"
        self.fields["region"].queryset = Region.objects.filter(pk__in=municipalities.values("region_id"))
        self.fields["region"].required = False
        self.fields["region"].help_text = "Для кампании на весь регион."
        if len(municipalities) == 1 and not self.instance.pk:
            self.fields["municipality"].initial = municipalities[0].pk
        if self.instance.pk:
            del self.fields["source"]
            if not self.instance.is_draft:
                for name in ("municipality", "region", "period_start", "period_end", "audience", "site_kinds"):
                    del self.fields[name]
        else:
            self.fields["source"].queryset = (
                ReportForm.objects.filter(Q(is_template=True) | Q(campaign__in=campaigns))
                .select_related("campaign")
                .order_by("-is_template", "-campaign__period_start", "title")
            )
        self.revalidate()


class ItemForm(BootstrapMixin, forms.ModelForm):
    options_text = forms.CharField(
        label="Варианты ответа",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Для выбора из списка: каждый вариант с новой строки.",
    )

    class Meta:
        model = FormItem
        fields = [
            "kind",
            "title",
            "hint",
            "required",
            "value_type",
            "code",
            "unit",
            "min_value",
            "max_value",
            "allowed_types",
        ]
        widgets = {"hint": forms.Textarea(attrs={"rows": 2}), "title": forms.TextInput()}
        help_texts = {
            "value_type": "Только для показателя.",
            "allowed_types": "Только для вложения: расширения через запятую, например .pdf, .docx.",
            "code": "Латиницей, например events_held. Показатели с кодом факта системы заполняются сами.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value_type"].choices = [("", "—"), *ValueType.choices]
        self.fields["kind"].choices = ItemKind.choices
        if self.instance.pk:
            self.fields["options_text"].initial = "\n".join(self.instance.options or [])

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["options"] = [line.strip() for line in data.pop("options_text", "").splitlines() if line.strip()]
        data["value_type"] = data.get("value_type") or ""
        return data


YES_NO = [("", "— не указано —"), ("yes", "Да"), ("no", "Нет")]


class AnswersForm(VersionedFormMixin, forms.Form):
    """One field per item of the report's form; every field is optional here — what a submission needs is checked
    by the services, so the page and the API refuse the same things with the same words."""

    def __init__(self, *args, items, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            answer = answers.get(item.pk)
            name = f"item_{item.pk}"
            field = self._field(item)
            field.required = False
            field.label = item.title
            field.help_text = item.hint
            field.item = item
            field.answer = answer
            if answer is not None and not item.is_attachment:
                field.initial = self._initial(item, answer)
            self.fields[name] = field

    @staticmethod
    def _field(item: FormItem):
        if item.is_section:
            return forms.CharField(widget=forms.Textarea(attrs={"rows": 5, "class": "form-control"}))
        if item.is_attachment:
            accept = ",".join(item.extensions)
            return forms.FileField(widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": accept}))
        if item.value_type == ValueType.BOOLEAN:
            return forms.ChoiceField(choices=YES_NO, widget=forms.Select(attrs={"class": "form-select"}))
        if item.value_type == ValueType.CHOICE:
            choices = [("", "— выберите —"), *((o, o) for o in item.options)]
            return forms.ChoiceField(choices=choices, widget=forms.Select(attrs={"class": "form-select"}))
        attrs = {"class": "form-control", "inputmode": "numeric" if item.value_type == ValueType.INTEGER else "decimal"}
        return forms.CharField(widget=forms.TextInput(attrs=attrs))

    @staticmethod
    def _initial(item, answer):
        from .models import format_number

        if item.is_section or item.value_type == ValueType.CHOICE:
            return answer.text
        if item.value_type == ValueType.BOOLEAN:
            return "" if answer.flag is None else ("yes" if answer.flag else "no")
        return "" if answer.number is None else format_number(answer.number, item.value_type)

    def values_and_files(self) -> tuple[dict, dict]:
        values, files = {}, {}
        for item in self.items:
            name = f"item_{item.pk}"
            if item.is_attachment:
                if self.cleaned_data.get(name):
                    files[item.pk] = self.cleaned_data[name]
            elif name in self.data:  # a field the page did not send keeps its answer
                values[item.pk] = self.cleaned_data.get(name, "")
        return values, files

    def add_service_errors(self, error) -> None:
        if isinstance(error, VersionConflict):
            self.refuse(error)
        elif hasattr(error, "error_dict"):
            for name, errors in error.message_dict.items():
                self.add_error(name if name in self.fields else None, errors)
        else:
            self.add_error(None, error)


class DecisionForm(BootstrapMixin, forms.Form):
    remarks = forms.CharField(
        label="Замечания",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Обязательны при возврате на доработку: организация увидит их в отчёте.",
    )


class AgendaForm(BootstrapMixin, forms.Form):
    meeting = forms.ModelChoiceField(queryset=None, label="Заседание совета", empty_label=None)

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        self.fields["meeting"].label_from_instance = lambda m: f"{m.body.short_name or m.body} — {m}"
