from django import forms
from django.db.models import Q

from innoinfra.accounts.models import User
from innoinfra.accounts.scopes import organizations_acted_for, scope_of
from innoinfra.core.forms import BootstrapMixin, DateInput
from innoinfra.core.versioning import VersionedFormMixin
from innoinfra.reference.models import Organization
from innoinfra.registry.forms import FilterForm, NarrowedChoicesMixin
from innoinfra.registry.models import Site

from .enums import ConsultationForm as Form
from .models import Consultation, ConsultationSlot


class ConsultationFilterForm(FilterForm):
    q = forms.CharField(label="Поиск", required=False, widget=forms.SearchInput(attrs={"placeholder": "Тема, итог…"}))
    form = forms.ChoiceField(label="Форма", required=False, choices=[("", "Все формы"), *Form.choices])
    start = forms.DateField(label="С", required=False, widget=DateInput())
    end = forms.DateField(label="По", required=False, widget=DateInput())
    organization = forms.ModelChoiceField(Organization.objects.all(), required=False, widget=forms.HiddenInput)
    site = forms.ModelChoiceField(Site.objects.all(), required=False, widget=forms.HiddenInput)
    adviser = forms.ModelChoiceField(User.objects.all(), required=False, widget=forms.HiddenInput)


class ConsultationEntryForm(VersionedFormMixin, NarrowedChoicesMixin, BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Consultation
        fields = [
            "held_on",
            "form",
            "organization",
            "site",
            "advised",
            "participants",
            "topic",
            "duration_minutes",
            "adviser",
            "adviser_name",
            "result",
        ]
        widgets = {"held_on": DateInput(), "result": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        organizations = organizations_acted_for(user)  # the rules' may_record_for, as choices
        if self.instance.pk:
            organizations = Organization.objects.filter(
                Q(pk__in=organizations.values("pk")) | Q(pk=self.instance.organization_id)
            ).order_by("short_name")
        self.fields["organization"].queryset = organizations
        self.fields["organization"].label_from_instance = lambda organization: organization.short_name
        self.fields["site"].queryset = (
            Site.objects.filter(Q(lead_organization__in=organizations) | Q(organizations__in=organizations))
            .select_related("kind", "lead_organization")
            .distinct()
            .order_by("theme")
        )
        self.fields["site"].label_from_instance = lambda site: f"{site.kind}: {site.theme} ({site.lead_organization})"
        territory = scope_of(user).managed_municipalities
        advisers = User.objects.filter(is_active=True)
        if territory is not None:
            advisers = advisers.filter(
                Q(memberships__municipality__in=territory) | Q(pk=user.pk) | Q(organization__in=organizations)
            ).distinct()
        self.fields["adviser"].queryset = advisers.order_by("last_name", "first_name")
        self.fields["adviser"].label_from_instance = lambda person: person.get_full_name() or person.username
        if not self.instance.pk:
            self.initial.setdefault("adviser", user.pk)
        self.revalidate()


class HourForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = ConsultationSlot
        fields = ["starts_at", "duration_minutes", "form", "place", "topics"]
        widgets = {"starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")}


class BookingForm(BootstrapMixin, forms.Form):
    organization = forms.ModelChoiceField(Organization.objects.none(), label="Организация")
    question = forms.CharField(
        label="Вопрос", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        own = set(scope_of(user).organizations) | ({user.organization_id} if user.organization_id else set())
        self.fields["organization"].queryset = Organization.objects.filter(pk__in=own).order_by("short_name")
        self.fields["organization"].label_from_instance = lambda organization: organization.short_name


class HeldForm(BootstrapMixin, forms.Form):
    topic = forms.CharField(label="Тема", max_length=500)
    advised = forms.CharField(label="Кого консультировали", max_length=500, required=False)
    result = forms.CharField(label="Результат", required=False, widget=forms.Textarea(attrs={"rows": 2}))
