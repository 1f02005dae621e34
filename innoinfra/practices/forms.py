from django import forms
from django.db.models import QuerySet

from innoinfra.core.forms import BootstrapMixin
from innoinfra.registry.forms import FilterForm, NarrowedChoicesMixin
from innoinfra.registry.models import Direction, Municipality, Organization, Site

from .enums import EducationLevel, PracticeKind, PracticeState
from .models import Practice

SORTS = [("new", "Сначала новые"), ("views", "Самые просматриваемые")]


class PracticeFilterForm(FilterForm):
    q = forms.CharField(
        label="Поиск",
        required=False,
        widget=forms.SearchInput(attrs={"placeholder": "Тема, авторы, ключевые слова…"}),
    )
    kind = forms.ChoiceField(label="Вид", required=False, choices=[("", "Все виды"), *PracticeKind.choices])
    level = forms.ChoiceField(label="Уровень", required=False, choices=[("", "Все уровни"), *EducationLevel.choices])
    direction = forms.ModelChoiceField(
        Direction.objects.all(), label="Направление", required=False, empty_label="Все направления"
    )
    municipality = forms.ModelChoiceField(
        Municipality.objects.all(), label="Муниципалитет", required=False, empty_label="Все муниципалитеты"
    )
    # only organizations with something in the bank: a region has thousands, and a list of all of them cost more
    # than the rest of the page
    organization = forms.ModelChoiceField(
        Organization.objects.filter(
            pk__in=Practice.objects.filter(state=PracticeState.PUBLISHED).values("organization_id")
        ).order_by("short_name"),
        label="Организация",
        required=False,
        empty_label="Все организации",
    )
    year = forms.IntegerField(label="Год публикации", required=False, min_value=2000, max_value=2100)
    sort = forms.ChoiceField(label="Порядок", required=False, choices=SORTS)


class PracticeForm(NarrowedChoicesMixin, BootstrapMixin, forms.ModelForm):
    levels = forms.MultipleChoiceField(
        label="Уровни образования",
        required=False,
        choices=EducationLevel.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Practice
        fields = [
            "title",
            "kind",
            "authors",
            "organization",
            "site",
            "levels",
            "directions",
            "subjects",
            "keywords",
            "annotation",
            "description",
            "results",
            "conditions",
            "licence",
        ]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "authors": forms.Textarea(
                attrs={"rows": 3, "placeholder": "Иванова Мария Петровна, учитель, МБОУ СОШ № 1"}
            ),
            "annotation": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 8}),
            "results": forms.Textarea(attrs={"rows": 4}),
            "conditions": forms.Textarea(attrs={"rows": 3}),
            "directions": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, organizations: QuerySet[Organization], **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["levels"] = self.instance.level_codes
        self.fields["organization"].queryset = organizations
        self.fields["site"].queryset = Site.objects.filter(lead_organization__in=organizations).order_by("theme")
        self.revalidate()

    def clean_levels(self):
        return ",".join(self.cleaned_data["levels"])

    def clean(self):
        data = super().clean()
        site, organization = data.get("site"), data.get("organization")
        if site and organization and site.lead_organization_id != organization.pk:
            self.add_error("site", "Выберите площадку этой организации.")
        return data


class CommentForm(BootstrapMixin, forms.Form):
    comment = forms.CharField(label="Комментарий авторам", required=False, widget=forms.Textarea(attrs={"rows": 3}))
