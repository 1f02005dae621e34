from django import forms
from django.db.models import QuerySet

from innoinfra.core.forms import BootstrapMixin, parse_id
from innoinfra.core.uploads import PRACTICE_FILES, UploadField
from innoinfra.core.versioning import VersionedFormMixin
from innoinfra.reference.enums import CycleStage
from innoinfra.reference.models import Direction, Municipality, Organization
from innoinfra.registry.forms import FilterForm, NarrowedChoicesMixin
from innoinfra.registry.models import Site

from .enums import EducationLevel, PracticeKind, PracticeState
from .models import CONTENT_FIELDS, Practice
from .subjects import SUBJECTS

SORTS = [("new", "Сначала новые"), ("rating", "С высокой оценкой"), ("views", "Самые просматриваемые")]
# a search's own order (titles with every word first, then the freshest), offered while there is a query
RELEVANCE = "Сначала подходящие"
RATINGS = [("", "Любая оценка"), ("4.5", "4,5 и выше"), ("4", "4 и выше"), ("3", "3 и выше")]


class PracticeFilterForm(FilterForm):
    q = forms.CharField(
        label="Поиск",
        required=False,
        widget=forms.SearchInput(attrs={"placeholder": "Тема, авторы, ключевые слова…"}),
    )
    kind = forms.ChoiceField(label="Вид", required=False, choices=[("", "Все виды"), *PracticeKind.choices])
    cycle_stage = forms.ChoiceField(
        label="Этап цикла", required=False, choices=[("", "Все этапы"), *CycleStage.choices]
    )
    level = forms.ChoiceField(label="Уровень", required=False, choices=[("", "Все уровни"), *EducationLevel.choices])
    direction = forms.ModelChoiceField(
        Direction.objects.all(), label="Направление", required=False, empty_label="Все направления"
    )
    municipality = forms.ModelChoiceField(
        Municipality.objects.all(), label="Муниципалитет", required=False, empty_label="Все муниципалитеты"
    )
    organization = forms.ModelChoiceField(
        Organization.objects.none(), label="Организация", required=False, empty_label="Все организации"
    )
    subject = forms.ChoiceField(
        label="Предмет",
        required=False,
        choices=[("", "Все предметы"), *((name, name.capitalize()) for name in SUBJECTS)],
    )
    rating = forms.ChoiceField(label="Оценка педагогов", required=False, choices=RATINGS)
    year = forms.IntegerField(label="Год", required=False, min_value=2000, max_value=2100)
    sort = forms.ChoiceField(label="Порядок", required=False, choices=SORTS)

    # a region has thousands of organizations: a list longer than this waits for a municipality to be chosen
    ORGANIZATIONS_AT_ONCE = 300

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The first choice is the default order (""): a query alone is answered in the search's order, anything else
        # newest first. With a filter beside the query the catalogue intersects the search with the filters and
        # lists the result by date (queries.filter_practices). "new" is kept for links and the API.
        narrowed = any(self.data.get(name) for name in self.fields if name not in ("q", "sort"))  # any other filter
        self.searching = bool(self.data.get("q", "").strip()) and not narrowed
        self.fields["sort"].choices = [("", RELEVANCE), *SORTS] if self.searching else [("", SORTS[0][1]), *SORTS[1:]]
        if self.data.get("sort") in (("relevance",) if self.searching else ("relevance", "new")):
            # the default order by its own name, from a link or the API
            self.data = self.data.copy()
            self.data["sort"] = ""
        field = self.fields["organization"]
        # only organizations with something in the bank
        field.queryset = Organization.objects.filter(
            pk__in=Practice.objects.filter(state=PracticeState.PUBLISHED).values("organization_id")
        ).order_by("short_name")
        municipality, chosen = self.data.get("municipality", ""), self.data.get("organization", "")
        if parse_id(municipality):
            field.queryset = field.queryset.filter(municipality_id=parse_id(municipality))
        # counted only as far as the threshold, and unordered: the bank may hold tens of thousands of organizations,
        # and sorting every one of them by name to keep the first 301 grew with the data
        elif field.queryset.order_by()[: self.ORGANIZATIONS_AT_ONCE + 1].count() > self.ORGANIZATIONS_AT_ONCE:
            field.queryset = field.queryset.filter(pk=parse_id(chosen)) if parse_id(chosen) else field.queryset.none()
            field.empty_label = "Сначала выберите муниципалитет"


class PracticeForm(VersionedFormMixin, NarrowedChoicesMixin, BootstrapMixin, forms.ModelForm):
    levels = forms.MultipleChoiceField(
        label="Уровни образования",
        required=False,
        choices=EducationLevel.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    # the directions right after the levels: what the practice is about, before how it is described
    field_order = [*CONTENT_FIELDS[: CONTENT_FIELDS.index("levels") + 1], "directions"]

    class Meta:
        model = Practice
        fields = [*CONTENT_FIELDS, "directions"]
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


class PracticeFileForm(BootstrapMixin, forms.Form):
    """A material of a practice: a file or a video link. Replacing a material keeps its title: `with_title=False`."""

    title = forms.CharField(label="Название", max_length=300)
    file = UploadField(
        purpose=PRACTICE_FILES,
        label="Файл",
        required=False,
        help_text="DOCX, PDF, PPTX, XLSX, ODT, TXT, JPG или PNG. Текст документов DOCX, PDF и TXT попадает в поиск.",
    )
    url = forms.URLField(
        label="Или ссылка на видео",
        required=False,
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://…"}),
    )

    def __init__(self, *args, with_title: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_title:
            del self.fields["title"]

    def clean_url(self):
        url = self.cleaned_data.get("url", "")
        if url and not url.startswith(("https://", "http://")):
            raise forms.ValidationError("Ссылка должна начинаться с https:// или http://.")
        return url

    def clean(self):
        data = super().clean()
        if not self.errors and bool(data.get("file")) == bool(data.get("url")):
            raise forms.ValidationError("Приложите файл или укажите ссылку на видео — что-то одно.")
        return data
