"""A call's forms: its settings (with the experts the methodist may choose), its timetable, a document of the
call, a message to its applicants."""

from __future__ import annotations

from django import forms
from django.forms import modelformset_factory

from innoinfra.accounts.enums import Role
from innoinfra.accounts.models import Membership, User
from innoinfra.accounts.scopes import municipalities_managed_by, scope_of
from innoinfra.core.forms import BootstrapMixin, DateInput
from innoinfra.core.uploads import ATTACHMENTS, UploadField
from innoinfra.reference.models import Body

from ..enums import ApplicationState
from ..models import Call, CallStage
from ._common import RowsFormSet


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
        # str(user) falls back to the login: an account without a name still gets a checkbox with a label
        self.fields["panel"].label_from_instance = lambda u: f"{u}{', ' + u.position if u.position else ''}"

        bodies = Body.objects.order_by("name")
        if scope.managed_municipalities is not None:
            bodies = bodies.filter(scope.managed())
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


StageFormSet = modelformset_factory(
    CallStage,
    form=StageForm,
    formset=RowsFormSet,
    widgets={"starts_on": DateInput(), "ends_on": DateInput()},
    extra=1,
    can_delete=True,
)


class CallDocumentForm(BootstrapMixin, forms.Form):
    title = forms.CharField(label="Наименование документа", max_length=300)
    file = UploadField(purpose=ATTACHMENTS, label="Файл", required=False)
    url = forms.URLField(label="или ссылка", required=False, assume_scheme="https")

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("url"):
            raise forms.ValidationError("Приложите файл или укажите ссылку.")
        return data


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
