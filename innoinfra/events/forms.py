from __future__ import annotations

import datetime as dt

from django import forms
from django.db.models import Q
from django.urls import reverse_lazy
from django.utils.choices import BaseChoiceIterator

from innoinfra.accounts.scopes import scope_of
from innoinfra.core.forms import BootstrapMixin, parse_id
from innoinfra.core.uploads import DOCUMENTS, UploadField
from innoinfra.core.versioning import VersionedFormMixin
from innoinfra.plans.enums import PlanState
from innoinfra.plans.models import PlanItem
from innoinfra.reference.models import Municipality, Organization
from innoinfra.registry.models import Site

from . import services
from .enums import OPTIONAL_REGISTRATION_FIELDS, Audience, EventFormat, FieldMode
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
    return Organization.objects.filter(scope.managed() | Q(pk__in=scope.organizations))


class EventForm(VersionedFormMixin, BootstrapMixin, forms.ModelForm):
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
        # what the services take, with the plan items and partners they link
        fields = [*EVENT_FIELDS[:3], "co_organizers", *EVENT_FIELDS[3:], "plan_items"]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "registration_deadline": DateTimeInput(),
            "organizer": forms.Select(attrs={"data-enhance": "1"}),
            "co_organizers": forms.SelectMultiple(attrs={"data-enhance": "1"}),
            "site": forms.Select(attrs={"data-enhance": "1"}),
            "audience": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        organizers = organizer_queryset(user)
        self.fields["organizer"].queryset = organizers.order_by("short_name")
        # partners come from the organizers' regions: a network of schools rarely crosses a region's border
        regions = organizers.values("municipality__region_id")
        self.fields["co_organizers"].queryset = Organization.objects.filter(
            municipality__region_id__in=regions, is_active=True
        ).order_by("short_name")
        self.fields["co_organizers"].help_text = "Партнёры, которые проводят мероприятие вместе с организатором."
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
        # the registration form the organizer chooses: a select per optional standard field, the own questions
        modes = services.field_modes(self.instance)
        for name, label in services.STANDARD_LABELS.items():
            self.fields[f"field_{name}"] = forms.ChoiceField(
                label=label,
                choices=FieldMode.choices,
                initial=modes[name],
                required=False,  # a client that does not send it keeps the default (the service fills it in)
                widget=forms.Select(attrs={"class": "form-select"}),
            )
        self.fields["questions_text"] = forms.CharField(
            label="Дополнительные вопросы",
            required=False,
            initial=questions_as_text(self.instance.questions),
            widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
            help_text=f"По одному вопросу в строке, не больше {services.MAX_QUESTIONS}. Звёздочка * в конце строки — "
            "обязательный вопрос. Например: «Какие темы вам интересны?» или «Номер сертификата о курсах *».",
        )

    REGISTRATION_FIELDS = (*(f"field_{name}" for name in OPTIONAL_REGISTRATION_FIELDS), "questions_text")

    def clean_questions_text(self):
        return services.clean_questions(questions_from_text(self.cleaned_data["questions_text"]))

    def service_data(self) -> dict:
        """What create_event and update_event take: the event's fields, its plan items and its registration form."""
        data = dict(self.cleaned_data)
        data["registration_fields"] = {name: data.pop(f"field_{name}") for name in OPTIONAL_REGISTRATION_FIELDS}
        data["questions"] = data.pop("questions_text")
        return data


def questions_as_text(questions) -> str:
    return "\n".join(f"{q['label']} *" if q.get("required") else q["label"] for q in questions or [])


def questions_from_text(text: str) -> list[dict]:
    """One question a line; a «*» at its end makes it required."""
    questions = []
    for line in (text or "").splitlines():
        line = line.strip()
        required = line.endswith("*")
        label = line.rstrip("*").strip()
        if label:
            questions.append({"label": label, "required": required})
    return questions


class OrganizerOptions(BaseChoiceIterator):
    """«Все» and the organizer asked for, read only when the select is drawn (the ICS feed and HTMX refreshes of the
    list never draw it). The other organizers come from the autocomplete (views.public.organizer_options) as the
    user types: ten regions' thousands of organizers written out made the list page grow with the data."""

    def __init__(self, chosen: int | None):
        self.chosen = chosen

    def __iter__(self):
        yield "", "Все"
        if self.chosen:
            found = Organization.objects.filter(pk=self.chosen).select_related("municipality").first()
            if found is not None:
                yield found.pk, organizer_label(found)


def organizer_label(organization) -> str:
    """Schools of different districts share names: the option names the district too."""
    return f"{organization.short_name} ({organization.municipality.name})"


class EventFilterForm(BootstrapMixin, forms.Form):
    """The public list's filters; the ICS feed takes the same ones (queries.PUBLIC_FILTERS)."""

    format = forms.ChoiceField(label="Форма", required=False, choices=[("", "Все"), *EventFormat.choices])
    audience = forms.ChoiceField(label="Для кого", required=False, choices=[("", "Все"), *Audience.choices])
    municipality = forms.ModelChoiceField(
        label="Территория", required=False, queryset=Municipality.objects.order_by("name"), empty_label="Все"
    )
    # Any organization is accepted (a link from its page may come before its first event); the list offers those
    # that have public events, see __init__.
    organizer = forms.ModelChoiceField(
        label="Организатор",
        required=False,
        queryset=Organization.objects.all(),
        empty_label="Все",
        widget=forms.Select(attrs={"data-enhance": "1", "data-options-url": reverse_lazy("events:organizers")}),
    )
    # Set by the link from a site's page; kept hidden so that changing the other filters does not drop it.
    site = forms.ModelChoiceField(
        required=False,
        queryset=Site.objects.select_related("kind", "lead_organization"),
        widget=forms.HiddenInput,
    )
    # Set by «ещё N» of a day on the month page; hidden, like the site.
    day = forms.DateField(required=False, input_formats=["%Y-%m-%d"], widget=forms.HiddenInput)
    month = forms.DateField(
        label="Месяц",
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )
    past = forms.BooleanField(label="Прошедшие", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the options are narrowed (validation keeps the whole queryset): the one asked for, even if it has no
        # public event yet; the rest are looked up as the user types.
        chosen = parse_id(self.data.get("organizer", "")) if self.is_bound else None
        self.fields["organizer"].widget.choices = OrganizerOptions(chosen)


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

    def __init__(self, *args, event, **kwargs):
        """The fields the event's organizer chose: standard ones switched off, optional or required, then the
        organizer's own questions (answer_0, answer_1 …), the consent last."""
        super().__init__(*args, **kwargs)
        for name, mode in services.field_modes(event).items():
            if mode == FieldMode.OFF:
                del self.fields[name]
            else:
                self.fields[name].required = mode == FieldMode.REQUIRED
        self.questions = list(event.questions or [])
        for n, question in enumerate(self.questions):
            self.fields[f"answer_{n}"] = forms.CharField(
                label=question["label"],
                required=bool(question.get("required")),
                max_length=services.ANSWER_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
            )
        self.order_fields([name for name in self.fields if name != "consent"])

    def service_data(self) -> dict:
        """What services.register takes: the standard fields asked and the answers by question."""
        data = {name: value for name, value in self.cleaned_data.items() if not name.startswith("answer_")}
        data["answers"] = {
            question["label"]: self.cleaned_data.get(f"answer_{n}", "") for n, question in enumerate(self.questions)
        }
        return data

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
    """The boxes ticked (`attended`) among the rows of the page the organizer marked (`shown`): a list of
    hundreds is paged, and a page's form must not unmark the participants of the other pages."""

    attended = forms.ModelMultipleChoiceField(queryset=None, required=False)
    shown = forms.ModelMultipleChoiceField(queryset=None, required=False)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].queryset = event.registrations.all()
        self.fields["shown"].queryset = event.registrations.all()


class SessionForm(BootstrapMixin, forms.Form):
    """A part of the programme; the service checks it lies within the event's dates."""

    starts_at = forms.DateTimeField(label="Начало", input_formats=[DATETIME_FORMAT], widget=DateTimeInput())
    ends_at = forms.DateTimeField(
        label="Окончание", required=False, input_formats=[DATETIME_FORMAT], widget=DateTimeInput()
    )
    title = forms.CharField(label="Тема", max_length=500)
    speakers = forms.CharField(
        label="Выступающие",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="По одному в строке: ФИО, должность, организация.",
    )
    place = forms.CharField(label="Место (аудитория, адрес)", max_length=500, required=False)

    @classmethod
    def initial_of(cls, session) -> dict:
        return {name: getattr(session, name) for name in services.SESSION_FIELDS}


class MaterialForm(BootstrapMixin, forms.Form):
    title = forms.CharField(label="Название", max_length=500)
    file = UploadField(
        purpose=DOCUMENTS,
        label="Файл",
        required=False,
        help_text="Документ, презентация, таблица или изображение: "
        + ", ".join(services.MATERIAL_TYPES)
        + ". Или укажите ссылку ниже.",
    )
    url = forms.URLField(label="Ссылка", required=False, max_length=500, assume_scheme="https")
    participants_only = forms.BooleanField(label="Только для участников", required=False, initial=True)

    def clean(self):
        data = super().clean()
        if not self.errors and bool(data.get("file")) == bool(data.get("url")):
            raise forms.ValidationError("Приложите файл или укажите ссылку — что-то одно.")
        return data


class FeedbackForm(BootstrapMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label="Оценка мероприятия",
        coerce=int,
        choices=[(mark, str(mark)) for mark in (1, 2, 3, 4, 5)],
        widget=forms.RadioSelect,
        error_messages={"required": "Поставьте оценку от 1 до 5."},
    )
    useful = forms.CharField(
        label="Что было полезно",
        required=False,
        max_length=services.FEEDBACK_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    suggestions = forms.CharField(
        label="Ваши предложения организаторам",
        required=False,
        max_length=services.FEEDBACK_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# ---------------------------------------------------------------- group registration


class ColleagueForm(BootstrapMixin, forms.Form):
    """One row of the group registration: a staff member with their own address."""

    full_name = forms.CharField(label="Фамилия, имя, отчество", max_length=300, required=False)
    position = forms.CharField(label="Должность", max_length=300, required=False)
    email = forms.EmailField(label="Электронная почта", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # the table's header names the columns; each input still says its name
            field.widget.attrs.setdefault("aria-label", field.label)

    def clean(self):
        data = super().clean()
        if data.get("full_name", "").strip() and not data.get("email") and "email" not in self.errors:
            self.add_error("email", "Укажите адрес: на него придёт личная ссылка и сертификат.")
        if data.get("email") and not data.get("full_name", "").strip():
            self.add_error("full_name", "Укажите фамилию, имя, отчество.")
        return data


ColleagueFormSet = forms.formset_factory(ColleagueForm, extra=3, max_num=50, absolute_max=50, validate_max=True)


class GroupRegistrationForm(BootstrapMixin, forms.Form):
    """Whose staff are registered, whether the head goes too, and the consent the head gives for them."""

    organization = forms.ModelChoiceField(label="Организация", queryset=Organization.objects.none())
    include_self = forms.BooleanField(label="Зарегистрировать и меня", required=False)
    consent = forms.BooleanField(
        label="Сотрудники дали согласие на обработку их персональных данных для участия в мероприятии",
        error_messages={"required": "Без согласия сотрудников на обработку персональных данных регистрация "
                        "невозможна."},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        organizations = staff_organizations(user).order_by("short_name")
        self.fields["organization"].queryset = organizations
        first = organizations.first() if getattr(user, "organization_id", None) is None else user.organization
        if first is not None and not self.is_bound:
            self.initial.setdefault("organization", first.pk)


def staff_organizations(user):
    """Organizations whose staff the user may register: the schools they head, and for staff of a territory its
    organizations."""
    scope = scope_of(user)
    if scope.managed_municipalities is None:
        return Organization.objects.filter(is_active=True)
    return Organization.objects.filter(Q(pk__in=scope.organizations) | (scope.managed() & Q(is_active=True)))
