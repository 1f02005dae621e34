from __future__ import annotations

from django import forms

from innoinfra.accounts.enums import BodyPosition
from innoinfra.core.forms import BootstrapMixin, DateInput
from innoinfra.reference.models import Body, BodyKind
from innoinfra.registry.enums import SiteState

from .enums import OUTCOMES_BY_KIND, AgendaKind, MeetingState, Outcome, VotingMode


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class BodyForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Body
        fields = ["name", "short_name", "kind", "municipality"]

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.fields["municipality"].required = True
        self.fields["kind"].choices = BodyKind.choices


class MemberForm(BootstrapMixin, forms.Form):
    user = forms.ModelChoiceField(
        queryset=None, label="Человек", empty_label="— выберите —", widget=forms.Select(attrs={"data-enhance": ""})
    )
    position = forms.ChoiceField(label="Должность в органе", choices=BodyPosition.choices, initial=BodyPosition.MEMBER)
    start_date = forms.DateField(label="Полномочия с", required=False, widget=DateInput())
    end_date = forms.DateField(
        label="Полномочия по", required=False, widget=DateInput(), help_text="Пусто — бессрочно."
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people
        self.fields["user"].label_from_instance = lambda u: f"{u.full_name or u.username} ({u.username})"

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "Окончание срока раньше его начала.")
        return data


class EndMemberForm(BootstrapMixin, forms.Form):
    last_day = forms.DateField(label="Последний день полномочий", required=False, widget=DateInput())


class MeetingForm(BootstrapMixin, forms.Form):
    date = forms.DateField(label="Дата", widget=DateInput())
    start_time = forms.TimeField(label="Время начала", required=False, widget=TimeInput())
    place = forms.CharField(
        label="Место проведения", max_length=500, required=False, help_text="Например: г. Амурск, МБОУ ИМЦ, каб. 5."
    )
    online_link = forms.URLField(label="Ссылка на онлайн-подключение", required=False, assume_scheme="https")
    chair = forms.ModelChoiceField(
        queryset=None, label="Председательствующий", required=False, empty_label="по должности в органе"
    )
    secretary = forms.ModelChoiceField(
        queryset=None, label="Секретарь", required=False, empty_label="по должности в органе"
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("chair", "secretary"):
            self.fields[name].queryset = members
            self.fields[name].label_from_instance = lambda u: u.full_name or u.username


class AttendanceForm(forms.Form):
    """Checkboxes «present» come as a list of attendee ids; an invited person may be added at the same time."""

    present = forms.TypedMultipleChoiceField(coerce=int, required=False, widget=forms.CheckboxSelectMultiple)
    invited_name = forms.CharField(label="ФИО приглашённого", max_length=300, required=False)
    invited_position = forms.CharField(label="Должность, организация", max_length=500, required=False)

    def __init__(self, *args, attendees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(a.pk, a.name) for a in attendees]
        for name in ("invited_name", "invited_position"):
            self.fields[name].widget.attrs["class"] = "form-control form-control-sm"


class AgendaItemForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label="Вид вопроса", choices=AgendaKind.choices)
    application = forms.ModelChoiceField(
        queryset=None, label="Заявка", required=False, empty_label="— для вопроса о заявке —"
    )
    site = forms.ModelChoiceField(
        queryset=None, label="Площадка", required=False, empty_label="— для вопроса о площадке —"
    )
    title = forms.CharField(
        label="Вопрос",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Для заявки и площадки можно оставить пустым: формулировка составится сама.",
    )
    invited = forms.CharField(
        label="Приглашены (очная защита)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    heard = forms.CharField(label="СЛУШАЛИ", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    spoke = forms.CharField(label="ВЫСТУПИЛИ", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, applications, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = applications
        self.fields["application"].label_from_instance = lambda a: (
            f"{a.label} — {a.lead_organization.short_name}: {a.theme} ({a.get_state_display().lower()})"
        )
        self.fields["site"].queryset = sites
        self.fields["site"].label_from_instance = lambda s: (
            f"{s.kind.abbreviation or s.kind.name} — {s.lead_organization.short_name}: {s.theme}"
        )

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == AgendaKind.APPLICATION and not data.get("application"):
            self.add_error("application", "Выберите заявку.")
        if kind == AgendaKind.SITE and not data.get("site"):
            self.add_error("site", "Выберите площадку.")
        if kind == AgendaKind.OTHER and not (data.get("title") or "").strip():
            self.add_error("title", "Сформулируйте вопрос.")
        return data


class DecisionForm(BootstrapMixin, forms.Form):
    outcome = forms.ChoiceField(label="Итог")
    text = forms.CharField(
        label="РЕШИЛИ",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Если оставить пустым, текст составится по итогу.",
    )
    mode = forms.ChoiceField(label="Порядок принятия", choices=VotingMode.choices, widget=forms.RadioSelect)
    votes_for = forms.IntegerField(label="«За»", min_value=0, required=False, initial=0)
    votes_against = forms.IntegerField(label="«Против»", min_value=0, required=False, initial=0)
    votes_abstained = forms.IntegerField(label="«Воздержались»", min_value=0, required=False, initial=0)
    new_theme = forms.CharField(label="Новая тема", max_length=1000, required=False)
    new_end_date = forms.DateField(label="Продлить до", required=False, widget=DateInput())
    final_state = forms.ChoiceField(
        label="Как прекращается статус",
        required=False,
        choices=[
            (SiteState.REVOKED.value, "Досрочное прекращение статуса"),
            (SiteState.COMPLETED.value, "Завершение работы площадки"),
        ],
    )

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [(o, Outcome(o).label) for o in OUTCOMES_BY_KIND[kind]]
        self.kind = kind
        if kind != AgendaKind.SITE:
            for name in ("new_theme", "new_end_date", "final_state"):
                del self.fields[name]

    def clean(self):
        data = super().clean()
        for name in ("votes_for", "votes_against", "votes_abstained"):
            data[name] = data.get(name) or 0
        return data


class MeetingFilterForm(BootstrapMixin, forms.Form):
    body = forms.ModelChoiceField(queryset=None, label="Орган", required=False, empty_label="Все органы")
    year = forms.IntegerField(label="Год", required=False, min_value=2000, max_value=2100)
    state = forms.ChoiceField(label="Состояние", required=False, choices=[("", "Все"), *MeetingState.choices])

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies


class OrderIssueForm(BootstrapMixin, forms.Form):
    number = forms.CharField(label="Номер приказа", max_length=50)
    date = forms.DateField(label="Дата приказа", widget=DateInput())
    control_person = forms.CharField(
        label="Контроль за исполнением приказа возложить на",
        max_length=300,
        required=False,
        help_text="Кого — как в тексте приказа, например: «заместителя начальника управления Загуменнову Л. В.». "
        "Если не указать, в тексте останется место для подписи.",
    )
    reject_not_recommended = forms.BooleanField(
        label="Отклонить заявки, которые совет не рекомендовал (заявители получат уведомление)",
        required=False,
        initial=True,
    )
    # The key of the plan the user confirmed (orders.OrderPlan.key); empty on the first press.
    plan = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)
