from django import forms
from django.db.models import Q

from innoinfra.accounts.scopes import organizations_acted_for
from innoinfra.core.forms import BootstrapMixin, DateInput
from innoinfra.core.uploads import DOCUMENTS, checked_new_upload
from innoinfra.core.versioning import VersionedFormMixin
from innoinfra.practices.models import Practice
from innoinfra.reference.models import Municipality, Organization
from innoinfra.registry.forms import FilterForm, NarrowedChoicesMixin
from innoinfra.registry.models import Site

from .enums import PublicationKind, PublicationLevel
from .models import Publication


class PublicationFilterForm(FilterForm):
    q = forms.CharField(
        label="Поиск",
        required=False,
        widget=forms.SearchInput(attrs={"placeholder": "Заголовок, издание, авторы…"}),
    )
    level = forms.ChoiceField(label="Уровень", required=False, choices=[("", "Все уровни"), *PublicationLevel.choices])
    kind = forms.ChoiceField(label="Вид", required=False, choices=[("", "Все виды"), *PublicationKind.choices])
    municipality = forms.ModelChoiceField(
        Municipality.objects.order_by("name"), label="Муниципалитет", required=False, empty_label="Все муниципалитеты"
    )
    organization = forms.ModelChoiceField(
        Organization.objects.all(), label="Организация", required=False, widget=forms.HiddenInput
    )
    site = forms.ModelChoiceField(Site.objects.all(), label="Площадка", required=False, widget=forms.HiddenInput)
    practice = forms.ModelChoiceField(
        Practice.objects.all(), label="Практика", required=False, widget=forms.HiddenInput
    )
    year = forms.IntegerField(label="Год", required=False, min_value=1990, max_value=2100)


class PublicationForm(VersionedFormMixin, NarrowedChoicesMixin, BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Publication
        fields = [
            "kind",
            "level",
            "title",
            "outlet",
            "published_on",
            "authors",
            "url",
            "file",
            "summary",
            "organization",
            "site",
            "practice",
        ]
        widgets = {
            "published_on": DateInput(),
            "title": forms.Textarea(attrs={"rows": 2}),
            "summary": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # the rules' may_publish_for, as choices: a teacher names the school they work at
        organizations = organizations_acted_for(user, workplace=True)
        if self.instance.pk and self.instance.organization_id:
            organizations = organizations | Organization.objects.filter(pk=self.instance.organization_id)
        self.fields["organization"].queryset = organizations.distinct()
        self.fields["organization"].label_from_instance = lambda organization: organization.short_name
        self.fields["site"].queryset = (
            Site.objects.filter(Q(lead_organization__in=organizations) | Q(organizations__in=organizations))
            .select_related("kind")
            .distinct()
            .order_by("theme")
        )
        self.fields["site"].label_from_instance = lambda site: f"{site.kind}: {site.theme}"
        self.fields["practice"].queryset = Practice.objects.filter(organization__in=organizations).order_by("title")
        self.fields["site"].help_text = "Если публикация рассказывает о работе инновационной площадки."
        self.fields["practice"].help_text = "Если публикация описывает практику из банка данных."
        self.revalidate()

    def clean_file(self):
        return checked_new_upload(self.cleaned_data.get("file"), purpose=DOCUMENTS)
