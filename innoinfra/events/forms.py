from __future__ import annotations

import datetime as dt

from django import forms
from django.db.models import Q

from innoinfra.accounts.scopes import scope_of
from innoinfra.core.forms import BootstrapMixin
from innoinfra.plans.enums import PlanState
from innoinfra.plans.models import PlanItem
from innoinfra.registry.models import Municipality, Organization, Site

from .enums import EventFormat
from .models import Event
from .services import EVENT_FIELDS

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_FORMAT, **kwargs)


class ItemChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, item):
        text = str(item)
        return f"{item.plan.title[:60]}: {text[:120]}"


def organizer_queryset(user):
    scope = scope_of(user)
    if scope.managed_municipalities is None:
        return Organization.objects.all()
    return Organization.objects.filter(
        Q(municipality_id__in=scope.managed_municipalities) | Q(pk__in=scope.organizations)
    )


class EventForm(BootstrapMixin, forms.ModelForm):
    plan_items = ItemChoiceField(
        label="Пункты планов",
        queryset=PlanItem.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"data-enhance": "1"}),
        help_text="Когда мероприятие будет отмечено проведённым, выполнение этих пунктов утверждённых планов "
        "отметится автоматически.",
    )

    class Meta:
        model = Event
        fields = [*EVENT_FIELDS, "plan_items"]  # what the services take, and the plan items they link
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "registration_deadline": DateTimeInput(),
            "organizer": forms.Select(attrs={"data-enhance": "1"}),
            "site": forms.Select(attrs={"data-enhance": "1"}),
            "audience": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        organizers = organizer_queryset(user)
        self.fields["organizer"].queryset = organizers.order_by("short_name")
        self.fields["site"].queryset = (
            Site.objects.filter(lead_organization__in=organizers).select_related("kind").order_by("theme")
        )
        municipalities = organizers.values("municipality_id")
        self.fields["plan_items"].queryset = (
            PlanItem.objects.filter(plan__municipality__in=municipalities, plan__state=PlanState.APPROVED)
            .select_related("plan")
            .order_by("plan__title", "position", "id")
        )
        for name in ("starts_at", "ends_at", "registration_deadline"):
            self.fields[name].input_formats = [DATETIME_FORMAT]


class EventFilterForm(BootstrapMixin, forms.Form):
    format = forms.ChoiceField(label="Форма", required=False, choices=[("", "Все"), *EventFormat.choices])
    municipality = forms.ModelChoiceField(
        label="Территория", required=False, queryset=Municipality.objects.order_by("name"), empty_label="Все"
    )
    month = forms.DateField(
        label="Месяц",
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )
    past = forms.BooleanField(label="Прошедшие", required=False)


class MonthForm(forms.Form):
    month = forms.DateField(required=False, input_formats=["%Y-%m"])

    def month_or(self, today: dt.date) -> dt.date:
        value = self.cleaned_data.get("month") if self.is_valid() else None
        return (value or today).replace(day=1)


class RegistrationForm(BootstrapMixin, forms.Form):
    full_name = forms.CharField(label="Фамилия, имя, отчество", max_length=300)
    organization_name = forms.CharField(label="Организация", max_length=500, required=False)
    position = forms.CharField(label="Должность", max_length=300, required=False)
    email = forms.EmailField(
        label="Электронная почта", help_text="На этот адрес придёт подтверждение и ссылка на вашу регистрацию."
    )
    phone = forms.CharField(label="Телефон", max_length=50, required=False)
    consent = forms.BooleanField(
        label="Я даю согласие на обработку моих персональных данных для участия в мероприятии",
        error_messages={"required": "Без согласия на обработку персональных данных регистрация невозможна."},
    )

    @classmethod
    def initial_for(cls, user) -> dict:
        if not user.is_authenticated:
            return {}
        return {
            "full_name": user.full_name,
            "organization_name": user.organization.short_name if getattr(user, "organization", None) else "",
            "position": getattr(user, "position", ""),
            "email": user.email,
        }


class CancelEventForm(forms.Form):
    reason = forms.CharField(label="Причина отмены", required=False, max_length=1000)


class RegistrationChoiceForm(forms.Form):
    """The registration an organizer acts on; only those of this event may be chosen."""

    registration = forms.ModelChoiceField(queryset=None)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration"].queryset = event.registrations.all()


class AttendanceForm(forms.Form):
    attended = forms.ModelMultipleChoiceField(queryset=None, required=False)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].queryset = event.registrations.all()
