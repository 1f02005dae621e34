from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.db.models import Q

from innoinfra.accounts.models import User
from innoinfra.core.dates import academic_year_label
from innoinfra.core.forms import BootstrapMixin, DateInput
from innoinfra.core.uploads import EVIDENCE, PLAN_IMPORT, UploadField
from innoinfra.core.versioning import VersionedFormMixin
from innoinfra.reference.models import Municipality, Organization
from innoinfra.registry.forms import FilterForm
from innoinfra.registry.models import Order

from . import queries
from .enums import Column, OccurrenceStatus, PeriodKind, PlanKind, PlanState, SectionKind
from .models import PlanItem, PlanSection
from .services import period_bounds


def owner_choices(municipalities, organizations, sites) -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices «kind:id» of the owners a user may give a plan to."""
    groups = [
        ("Управление образования муниципалитета", [(f"municipality:{m.pk}", str(m)) for m in municipalities]),
        ("Организации и методические центры", [(f"organization:{o.pk}", o.short_name) for o in organizations]),
        (
            "Площадки",
            [
                (f"site:{s.pk}", f"{s.kind.abbreviation or s.kind.name}: {s.lead_organization.short_name}")
                for s in sites
            ],
        ),
    ]
    return [(label, options) for label, options in groups if options]


class PlanFilterForm(FilterForm):
    q = forms.CharField(
        label="Поиск", required=False, widget=forms.SearchInput(attrs={"placeholder": "Название плана"})
    )
    kind = forms.ChoiceField(label="Вид", required=False, choices=[("", "Все виды"), *PlanKind.choices])
    state = forms.ChoiceField(label="Состояние", required=False, choices=[("", "Все"), *PlanState.choices])
    municipality = forms.ModelChoiceField(
        Municipality.objects.all(), label="Муниципалитет", required=False, empty_label="Все муниципалитеты"
    )
    year = forms.IntegerField(label="Год", required=False, min_value=2000, max_value=2100)


class PeriodFieldsMixin:
    """The period as people say it: an academic year, a calendar year or years «2025–2030»."""

    def add_period_fields(self, initial_year: int):
        self.fields["period_kind"] = forms.ChoiceField(label="Период", choices=PeriodKind.choices)
        self.fields["first_year"] = forms.IntegerField(
            label="Год (для учебного года — год его начала)",
            min_value=2000,
            max_value=2100,
            initial=initial_year,
            help_text=f"Например, {initial_year} — это {academic_year_label(initial_year)}.",
        )
        self.fields["last_year"] = forms.IntegerField(
            label="Последний год (для нескольких лет)", min_value=2000, max_value=2100, required=False
        )
        self.fields["period_start"] = forms.DateField(
            label="Точное начало периода", required=False, widget=DateInput(), help_text="Если не с начала года."
        )
        self.fields["period_end"] = forms.DateField(
            label="Точное окончание периода", required=False, widget=DateInput()
        )

    def clean_period(self, data):
        kind, first, last = data.get("period_kind"), data.get("first_year"), data.get("last_year")
        if not kind or not first:
            return data
        if kind == PeriodKind.YEARS and (not last or last < first):
            self.add_error("last_year", "Укажите последний год периода (не раньше первого).")
            return data
        start, end = period_bounds(kind, first, last)
        data["period_start"] = data.get("period_start") or start
        data["period_end"] = data.get("period_end") or end
        if data["period_end"] < data["period_start"]:
            self.add_error("period_end", "Окончание периода раньше начала.")
        return data


class PlanCreateForm(PeriodFieldsMixin, BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label="Вид плана", choices=PlanKind.choices)
    title = forms.CharField(label="Наименование", max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.ChoiceField(label="Чей план", widget=forms.Select(attrs={"data-enhance": "1"}))
    columns = forms.MultipleChoiceField(
        label="Столбцы таблицы",
        choices=Column.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[Column.RESPONSIBLE, Column.TIMING, Column.RESULT],
        required=False,
        help_text="«№» и «Мероприятие» есть в любом плане.",
    )
    purpose = forms.CharField(label="Цель", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, owners, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = owners
        self.add_period_fields(today.year if today.month >= 9 else today.year - 1)
        self.order_fields(["kind", "title", "owner", "period_kind", "first_year", "last_year"])

    def clean(self):
        return self.clean_period(super().clean())


class PlanEditForm(VersionedFormMixin, BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label="Вид плана", choices=PlanKind.choices)
    title = forms.CharField(label="Наименование", max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    period_kind = forms.ChoiceField(label="Вид периода", choices=PeriodKind.choices)
    period_start = forms.DateField(label="Начало периода", widget=DateInput())
    period_end = forms.DateField(label="Окончание периода", widget=DateInput())
    columns = forms.MultipleChoiceField(
        label="Столбцы таблицы", choices=Column.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    purpose = forms.CharField(label="Цель", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    preamble = forms.CharField(
        label="Пояснения (условные обозначения)", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class SectionForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = PlanSection
        fields = ["title", "kind"]
        widgets = {"title": forms.TextInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].required = False
        self.fields["kind"].choices = SectionKind.choices


class ItemForm(VersionedFormMixin, BootstrapMixin, forms.ModelForm):
    section = forms.ModelChoiceField(PlanSection.objects.none(), label="Раздел", empty_label=None)

    class Meta:
        model = PlanItem
        fields = ["number", "activity", "responsible", "timing", "audience", "expected_result", "notes"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 2})
            for name in ("activity", "responsible", "timing", "audience", "expected_result", "notes")
        }
        help_texts = {
            "timing": "Как в документе: «октябрь, март», «ежеквартально», «до 25 мая» — даты система рассчитает."
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = plan.sections.all()
        self.fields["section"].label_from_instance = lambda s: s.title or "Без раздела"
        hidden = {"responsible", "audience", "expected_result", "notes", "timing"} - {
            "expected_result" if c == Column.RESULT else str(c) for c in plan.columns
        }
        for name in hidden:
            # Keep values of columns the plan does not show; they are still saved.
            self.fields[name].widget = forms.HiddenInput()
        if "responsible" not in hidden:
            self._add_directory_fields(plan)

    def _add_directory_fields(self, plan) -> None:
        """Responsible organizations and people picked from the directory of the plan's municipality, besides the
        free text of the document. Who is already named stays a choice even if no longer in the directory."""
        item = self.instance if self.instance.pk else None
        organizations = queries.responsible_organizations_for(plan)
        users = queries.responsible_users_for(plan)
        if item is not None:
            organizations = (
                Organization.objects.filter(Q(pk__in=organizations.values("pk")) | Q(plan_items=item))
                .distinct()
                .order_by("short_name")
            )
            users = (
                User.objects.filter(Q(pk__in=users.values("pk")) | Q(plan_items=item))
                .distinct()
                .select_related("organization")
                .order_by("last_name", "first_name", "middle_name", "pk")
            )
        self.fields["responsible_organizations"] = forms.ModelMultipleChoiceField(
            organizations,
            label="Ответственные организации",
            required=False,
            widget=forms.SelectMultiple(attrs={"data-enhance": "1"}),
            help_text="Из справочника: напоминания о сроках получат их руководители.",
        )
        self.fields["responsible_organizations"].label_from_instance = lambda org: org.short_name
        self.fields["responsible_users"] = forms.ModelMultipleChoiceField(
            users,
            label="Ответственные сотрудники",
            required=False,
            widget=forms.SelectMultiple(attrs={"data-enhance": "1"}),
            help_text="Из справочника пользователей: им придут напоминания о сроках.",
        )
        self.fields["responsible_users"].label_from_instance = _person_label
        if item is not None and not self.is_bound:
            self.initial["responsible_organizations"] = [org.pk for org in item.responsible_organizations.all()]
            self.initial["responsible_users"] = [user.pk for user in item.responsible_users.all()]


def _person_label(user) -> str:
    """«Петров П. — МБОУ СОШ № 1 г. Амурска»: the name as in documents and where the person works."""
    name = user.short_name
    return f"{name} — {user.organization.short_name}" if user.organization_id else name


class OrderChoiceForm(BootstrapMixin, forms.Form):
    """Approve by an order already in the registry or one entered here."""

    order = forms.ModelChoiceField(
        Order.objects.none(),
        label="Приказ",
        required=False,
        empty_label="— новый приказ —",
        widget=forms.Select(attrs={"data-enhance": "1"}),
    )
    new_order_number = forms.CharField(label="Номер нового приказа", required=False, max_length=50)
    new_order_date = forms.DateField(label="Дата нового приказа", required=False, widget=DateInput())

    def __init__(self, *args, orders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].queryset = orders

    def clean(self):
        data = super().clean()
        if not data.get("order") and not (data.get("new_order_number") and data.get("new_order_date")):
            raise forms.ValidationError("План утверждается приказом: выберите приказ или укажите номер и дату нового.")
        return data


class ExecutionForm(BootstrapMixin, forms.Form):
    status = forms.ChoiceField(label="Выполнение", choices=OccurrenceStatus.choices)
    completed_on = forms.DateField(label="Дата выполнения", required=False, widget=DateInput())
    comment = forms.CharField(label="Комментарий", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    link_title = forms.CharField(label="Подтверждение: описание", required=False, max_length=500)
    link_url = forms.URLField(label="Подтверждение: ссылка", required=False, max_length=1000, assume_scheme="https")
    file = UploadField(purpose=EVIDENCE, label="Подтверждение: файл", required=False)


_RANGE = re.compile(r"(\d{1,2}\.\d{1,2}\.\d{4})(?:\s*[-–—]\s*(\d{1,2}\.\d{1,2}\.\d{4}))?")


class ManualDatesForm(BootstrapMixin, forms.Form):
    dates = forms.CharField(
        label="Сроки",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="По одному на строке: «15.10.2024» или «01.10.2024 – 15.10.2024».",
    )

    def clean_dates(self):
        ranges = []
        for line in self.cleaned_data["dates"].splitlines():
            line = line.strip()
            if not line:
                continue
            match = _RANGE.fullmatch(line)
            try:
                if not match:
                    raise ValueError
                start = dt.datetime.strptime(match.group(1), "%d.%m.%Y").date()
                end = dt.datetime.strptime(match.group(2) or match.group(1), "%d.%m.%Y").date()
            except ValueError:
                raise forms.ValidationError(
                    f"Не удалось прочитать строку «{line}»: нужна дата вида 15.10.2024."
                ) from None
            ranges.append((start, end))
        if not ranges:
            raise forms.ValidationError("Укажите хотя бы один срок.")
        return ranges


class ImportForm(BootstrapMixin, forms.Form):
    file = UploadField(purpose=PLAN_IMPORT, label="Файл плана (.docx, .xlsx, .doc, .odt, .ods)")
    kind = forms.ChoiceField(label="Вид плана", choices=PlanKind.choices)
    owner = forms.ChoiceField(label="Чей план", widget=forms.Select(attrs={"data-enhance": "1"}))

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = owners


class ImportConfirmForm(PeriodFieldsMixin, BootstrapMixin, forms.Form):
    """The preview's form: the document's particulars as read (editable) and a date for every item whose timing
    was not understood. `unknown` lists those items as (section index, item index) pairs."""

    title = forms.CharField(label="Наименование плана", max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    approved_by = forms.CharField(
        label="Кем утверждён",
        max_length=500,
        required=False,
        help_text="Как в грифе утверждения, например «Начальник управления образования И. И. Иванова».",
    )
    order_number = forms.CharField(label="Номер приказа об утверждении", max_length=100, required=False)
    order_date = forms.DateField(label="Дата приказа об утверждении", required=False, widget=DateInput())
    responsible_people = forms.CharField(
        label="Ответственные за план",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="По одному в строке.",
    )

    DOCUMENT_FIELDS = ("approved_by", "order_number", "order_date", "responsible_people")

    def __init__(self, *args, initial_year: int, unknown=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.add_period_fields(initial_year)
        self.order_fields(["title", "period_kind", "first_year", "last_year", "period_start", "period_end"])
        self.unknown = list(unknown)
        for key in self.unknown:
            self.fields[self.due_field_name(key)] = forms.DateField(
                label="Срок", required=False, widget=DateInput(attrs={"class": "form-control form-control-sm"})
            )
        # The period fields come after BootstrapMixin styled the declared ones.
        for name in ("period_kind", "first_year", "last_year", "period_start", "period_end"):
            widget = self.fields[name].widget
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    @staticmethod
    def due_field_name(key: tuple[int, int]) -> str:
        return f"due_{key[0]}_{key[1]}"

    def document_fields(self):
        """Title and period; the per-item dates are shown beside their items, the approval in its own card."""
        return [self[name] for name in self.fields if not name.startswith("due_") and name not in self.DOCUMENT_FIELDS]

    def approval_fields(self):
        return [self[name] for name in self.DOCUMENT_FIELDS]

    def due_field(self, key):
        return self[self.due_field_name(key)]

    def clean(self):
        data = self.clean_period(super().clean())
        start, end = data.get("period_start"), data.get("period_end")
        for key in self.unknown:
            name = self.due_field_name(key)
            due = data.get(name)
            if due and start and end and not start <= due <= end:
                self.add_error(name, "Дата вне периода плана.")
        return data

    def due_dates(self) -> dict[tuple[int, int], dt.date]:
        return {key: due for key in self.unknown if (due := self.cleaned_data.get(self.due_field_name(key)))}

    def responsible_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("responsible_people", "").splitlines() if line.strip()]
