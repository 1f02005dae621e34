from django import forms
from django.utils import timezone

from innoinfra.core.forms import BootstrapMixin, DateInput
from innoinfra.reference.models import Direction, Municipality
from innoinfra.registry.forms import FilterForm, NarrowedChoicesMixin

from .enums import MeetingFormat, PairState, RequestState
from .models import MentoringRequest, MentorOffer

DIRECTIONS_HELP = "По направлениям методист подбирает наставника: отметьте одно или несколько."


class RequestFilterForm(FilterForm):
    q = forms.CharField(
        label="Поиск", required=False, widget=forms.SearchInput(attrs={"placeholder": "Тема, какая помощь нужна…"})
    )
    state = forms.ChoiceField(label="Состояние", required=False, choices=[("", "Любое"), *RequestState.choices])
    direction = forms.ModelChoiceField(
        Direction.objects.all(), label="Направление", required=False, empty_label="Все направления"
    )
    municipality = forms.ModelChoiceField(
        Municipality.objects.all(), label="Муниципалитет", required=False, empty_label="Все муниципалитеты"
    )


class OfferFilterForm(FilterForm):
    q = forms.CharField(
        label="Поиск", required=False, widget=forms.SearchInput(attrs={"placeholder": "Темы, опыт наставника…"})
    )
    direction = forms.ModelChoiceField(
        Direction.objects.all(), label="Направление", required=False, empty_label="Все направления"
    )
    municipality = forms.ModelChoiceField(
        Municipality.objects.all(), label="Муниципалитет", required=False, empty_label="Все муниципалитеты"
    )


class PairFilterForm(FilterForm):
    state = forms.ChoiceField(label="Состояние", required=False, choices=[("", "Любое"), *PairState.choices])
    municipality = forms.ModelChoiceField(
        Municipality.objects.all(), label="Муниципалитет", required=False, empty_label="Все муниципалитеты"
    )


class RequestForm(NarrowedChoicesMixin, BootstrapMixin, forms.ModelForm):
    class Meta:
        model = MentoringRequest
        fields = ["organization", "topic", "directions", "needs", "contact"]
        widgets = {
            "needs": forms.Textarea(attrs={"rows": 5}),
            "directions": forms.SelectMultiple(attrs={"data-enhance": "", "size": 6}),
        }

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["organization"].queryset = organizations
            if len(organizations) == 1:
                self.fields["organization"].initial = organizations[0].pk
        self.fields["directions"].help_text = DIRECTIONS_HELP
        self.revalidate()


class OfferForm(NarrowedChoicesMixin, BootstrapMixin, forms.ModelForm):
    """Staff offer an organization or a person of their territory; a school's administrator offers their school.
    Once the offer exists its mentor stays: only topics, places and contacts change."""

    class Meta:
        model = MentorOffer
        fields = [
            "mentor_organization",
            "mentor_user",
            "municipality",
            "directions",
            "topics",
            "capacity",
            "contact",
            "accepting",
        ]
        widgets = {
            "topics": forms.Textarea(attrs={"rows": 5}),
            "directions": forms.SelectMultiple(attrs={"data-enhance": "", "size": 6}),
            "mentor_user": forms.Select(attrs={"data-enhance": ""}),
        }
        help_texts = {
            "mentor_organization": "Организация, у которой получилась инновационная практика.",
            "mentor_user": "Или педагог — тогда организацию не указывайте.",
            "municipality": "Только для педагога без указанного места работы.",
        }

    def __init__(self, *args, organizations=None, users=None, municipalities=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in ("mentor_organization", "mentor_user", "municipality"):
                del self.fields[name]
        else:
            self.fields["mentor_organization"].queryset = organizations
            if users is None:  # a school's administrator offers their own school
                del self.fields["mentor_user"]
                del self.fields["municipality"]
                self.fields["mentor_organization"].required = True
                if len(organizations) == 1:
                    self.fields["mentor_organization"].initial = organizations[0].pk
            else:
                self.fields["mentor_user"].queryset = users
                self.fields["municipality"].queryset = municipalities
                self.fields["municipality"].required = False  # services take it from the mentor's organization
        self.fields["directions"].help_text = DIRECTIONS_HELP
        self.fields["capacity"].min_value = 1
        self.fields["capacity"].widget.attrs["min"] = 1
        self.revalidate()


class MatchForm(BootstrapMixin, forms.Form):
    offer = forms.ModelChoiceField(
        MentorOffer.objects.filter(accepting=True),
        label="Наставник",
        widget=forms.RadioSelect,
        error_messages={"required": "Выберите наставника из списка."},
    )
    plan = forms.CharField(
        label="Цель и план работы",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Что пара должна сделать и к какому сроку; обе стороны увидят это на странице пары.",
    )
    started_on = forms.DateField(label="Начало наставничества", widget=DateInput(), initial=timezone.localdate)


class MeetingForm(BootstrapMixin, forms.Form):
    date = forms.DateField(label="Дата встречи", widget=DateInput(), initial=timezone.localdate)
    format = forms.ChoiceField(label="Формат", choices=MeetingFormat.choices)
    summary = forms.CharField(label="Что сделано", widget=forms.Textarea(attrs={"rows": 3}))
    outcomes = forms.CharField(
        label="Результаты и договорённости", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CloseForm(BootstrapMixin, forms.Form):
    state = forms.ChoiceField(
        label="Чем закончилось",
        choices=[(PairState.COMPLETED, "Завершена с результатом"), (PairState.DISCONTINUED, "Прекращена досрочно")],
        widget=forms.RadioSelect,
    )
    result = forms.CharField(
        label="Итог наставничества",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Что получилось у подопечной организации: продукты, изменения, следующие шаги.",
    )
    ended_on = forms.DateField(label="Дата окончания", widget=DateInput(), initial=timezone.localdate)
