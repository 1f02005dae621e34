from __future__ import annotations

import math

from django import forms

from innoinfra.accounts.enums import Role
from innoinfra.accounts.models import User
from innoinfra.core.dates import academic_year_label, academic_year_of
from innoinfra.core.forms import BootstrapMixin, DateInput
from innoinfra.core.uploads import ORDERS, checked_new_upload
from innoinfra.core.versioning import VersionedFormMixin
from innoinfra.reference.enums import CycleStage, OrganizationType
from innoinfra.reference.models import Direction, Municipality, Organization, Region

from .enums import UPCOMING, SiteState
from .mapdata import Viewport
from .models import Order, Site, SiteKind, Subsystem


class NarrowedChoicesMixin:
    """core's BootstrapMixin reads `self.errors` while the form is being built (to mark invalid
    widgets), so a bound form is validated before our __init__ narrows the choices to the user's
    scope; a value outside the scope would then pass. Validate again against the narrowed choices."""

    def revalidate(self):
        if not self.is_bound:
            return
        self._errors = None
        for name, field in self.fields.items():
            css = field.widget.attrs.get("class", "").replace(" is-invalid", "")
            field.widget.attrs["class"] = f"{css} is-invalid" if name in self.errors else css


class KindChoiceField(forms.ModelChoiceField):
    """A kind's abbreviation alone («КИП») says little to a visitor: show the full name with it."""

    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.abbreviation})" if obj.abbreviation else obj.name


class FilterForm(BootstrapMixin, forms.Form):
    """Filter bars put labels above their fields: no «Вид:» colon."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class SiteFilterForm(FilterForm):
    q = forms.CharField(
        label="Поиск",
        required=False,
        widget=forms.SearchInput(attrs={"placeholder": "Тема, организация, направление…"}),
    )
    kind = KindChoiceField(SiteKind.objects.all(), label="Вид", required=False, empty_label="Все виды")
    level = forms.ChoiceField(
        label="Уровень", required=False, choices=[("", "Все уровни"), *SiteKind._meta.get_field("level").choices]
    )
    subsystem = forms.ModelChoiceField(
        Subsystem.objects.all(), label="Подсистема", required=False, empty_label="Все подсистемы"
    )
    municipality = forms.ModelChoiceField(
        Municipality.objects.all(),
        label="Муниципалитет",
        required=False,
        empty_label="Все муниципалитеты",
    )
    direction = forms.ModelChoiceField(
        Direction.objects.all(), label="Направление", required=False, empty_label="Все направления"
    )
    cycle_stage = forms.ChoiceField(
        label="Этап цикла", required=False, choices=[("", "Все этапы"), *CycleStage.choices]
    )
    state = forms.ChoiceField(
        label="Состояние", required=False, choices=[("", "Любое"), *SiteState.choices, (UPCOMING, "Вступает в силу")]
    )
    year = forms.IntegerField(label="Год", required=False, min_value=1990, max_value=2100)
    expiring = forms.BooleanField(label="Истекает в этом году", required=False)


def academic_year_choices() -> list[tuple[str | int, str]]:
    """From the academic year of the earliest registered status to the coming one (in August the
    conference shows the statuses already granted for September), newest first."""
    from django.db.models import Min
    from django.utils import timezone

    current = academic_year_of(timezone.localdate())
    first_start = Site.objects.aggregate(first=Min("start_date"))["first"]
    earliest = min(academic_year_of(first_start), current) if first_start else current
    years = [(year, academic_year_label(year)) for year in range(current + 1, earliest - 1, -1)]
    return [("", "Сейчас (действующие статусы)"), *years]


class MapFilterForm(SiteFilterForm):
    """The map and the matrix: the registry filters plus the academic year whose statuses to show.
    An integer rather than a choice, so that a link to a year before the earliest status still works."""

    academic_year = forms.IntegerField(
        label="Учебный год", required=False, min_value=1990, max_value=2100, widget=forms.Select()
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["academic_year"].widget.choices = academic_year_choices()


class MapViewportForm(forms.Form):
    """The map's visible area, «bbox=юг,запад,север,восток» in degrees, and the zoom of its tiles. Without bbox the
    whole world (old links and clients). A zoom beyond the tiles' range is brought into it: it only sets the size
    of the clusters; an area that is not four finite numbers within the globe is refused."""

    bbox = forms.CharField(required=False, max_length=200)
    zoom = forms.FloatField(required=False)  # a non-finite number (nan, inf) is «Введите число.»

    def clean_bbox(self):
        text = self.cleaned_data["bbox"].strip()
        if not text:
            return None
        try:
            south, west, north, east = (float(part) for part in text.split(","))
        except ValueError:
            raise forms.ValidationError(
                "Область карты задаётся четырьмя числами через запятую: юг, запад, север, восток (в градусах)."
            ) from None
        if not all(math.isfinite(x) for x in (south, west, north, east)):
            raise forms.ValidationError("Границы области карты должны быть конечными числами.")
        if not (-90 <= south <= 90 and -90 <= north <= 90 and -180 <= west <= 180 and -180 <= east <= 180):
            raise forms.ValidationError("Широта должна быть от −90 до 90, долгота — от −180 до 180.")
        if south > north:
            raise forms.ValidationError("Южная граница области карты должна быть не севернее северной.")
        return south, west, north, east

    def clean_zoom(self):
        zoom = self.cleaned_data["zoom"]
        return None if zoom is None else min(max(zoom, 0.0), 22.0)

    def viewport(self):
        """The cleaned area as a mapdata.Viewport, or None for the whole world; call after is_valid()."""
        bbox = self.cleaned_data.get("bbox")
        return Viewport(*bbox, zoom=self.cleaned_data.get("zoom")) if bbox else None


class OrganizationFilterForm(FilterForm):
    q = forms.CharField(
        label="Поиск", required=False, widget=forms.SearchInput(attrs={"placeholder": "Название, ИНН, адрес…"})
    )
    municipality = forms.ModelChoiceField(
        Municipality.objects.all(),
        label="Муниципалитет",
        required=False,
        empty_label="Все муниципалитеты",
    )
    type = forms.ChoiceField(label="Тип", required=False, choices=[("", "Все типы"), *OrganizationType.choices])
    with_status = forms.BooleanField(label="Только с действующим статусом", required=False)


class OrderFilterForm(FilterForm):
    q = forms.CharField(
        label="Поиск", required=False, widget=forms.SearchInput(attrs={"placeholder": "Номер или заголовок"})
    )
    municipality = forms.ModelChoiceField(
        Municipality.objects.all(),
        label="Муниципалитет",
        required=False,
        empty_label="Все муниципалитеты",
    )
    year = forms.IntegerField(label="Год", required=False, min_value=1990, max_value=2100)


class OrganizationForm(VersionedFormMixin, NarrowedChoicesMixin, BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Organization
        fields = [
            "full_name",
            "short_name",
            "type",
            "inn",
            "municipality",
            "address",
            "latitude",
            "longitude",
            "head_name",
            "head_position",
            "phone",
            "email",
            "website",
            "is_active",
        ]

    def __init__(self, *args, municipalities=None, **kwargs):
        super().__init__(*args, **kwargs)
        if municipalities is not None:
            self.fields["municipality"].queryset = municipalities
        self.revalidate()


class OrderForm(NarrowedChoicesMixin, BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Order
        fields = ["number", "date", "title", "issuer_name", "issuer", "municipality", "text", "file"]
        widgets = {"date": DateInput(), "text": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, municipalities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = Organization.objects.filter(
            type__in=[OrganizationType.AUTHORITY, OrganizationType.METHODICAL_CENTER]
        )
        if municipalities is not None:
            self.fields["municipality"].queryset = municipalities
        self.revalidate()

    def clean_file(self):
        return checked_new_upload(self.cleaned_data.get("file"), purpose=ORDERS)


class SiteForm(VersionedFormMixin, NarrowedChoicesMixin, BootstrapMixin, forms.ModelForm):
    """The site's description. The order is either picked or entered right here (new_order_*)."""

    participants = forms.ModelMultipleChoiceField(
        Organization.objects.none(),
        label="Организации-участники",
        required=False,
        help_text="Только для сетевых площадок и комплексов; ведущая организация указывается выше.",
        widget=forms.SelectMultiple(attrs={"data-enhance": "1"}),
    )
    new_order_number = forms.CharField(label="Номер нового приказа", required=False, max_length=50)
    new_order_date = forms.DateField(label="Дата нового приказа", required=False, widget=DateInput())
    new_order_title = forms.CharField(label="Заголовок нового приказа", required=False, max_length=500)

    class Meta:
        model = Site
        fields = [
            "kind",
            "theme",
            "lead_organization",
            "directions",
            "cycle_stage",
            "description",
            "start_date",
            "end_date",
            "order",
            "curator",
            "curator_name",
            "supervisor",
        ]
        widgets = {
            "theme": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "start_date": DateInput(),
            "end_date": DateInput(),
            "lead_organization": forms.Select(attrs={"data-enhance": "1"}),
            "directions": forms.SelectMultiple(attrs={"data-enhance": "1"}),
            "order": forms.Select(attrs={"data-enhance": "1"}),
        }
        field_classes = {"kind": KindChoiceField}

    def __init__(self, *args, organizations=None, orders=None, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = organizations if organizations is not None else Organization.objects.all()
        self.fields["lead_organization"].queryset = orgs
        self.fields["participants"].queryset = orgs
        self.fields["kind"].queryset = SiteKind.objects.filter(is_active=True)
        self.fields["order"].queryset = orders if orders is not None else Order.objects.all()
        self.fields["order"].required = False
        # the fieldset around it is already titled «Приказ о присвоении статуса»
        self.fields["order"].label = "Приказ из реестра"
        self.fields["order"].empty_label = "— не выбран —"
        self.fields["curator"].queryset = User.objects.filter(memberships__role=Role.METHODIST).distinct()
        self.fields["curator"].empty_label = "— не выбран —"
        if self.instance.pk:
            self.fields["participants"].initial = [
                p.organization_id
                for p in self.instance.participants.all()
                if p.organization_id != self.instance.lead_organization_id
            ]
            for name in ("new_order_number", "new_order_date", "new_order_title", "order"):
                del self.fields[name]
        self.revalidate()

    def clean(self):
        data = super().clean()
        if self.instance.pk:
            return data
        new_order = [data.get("new_order_number"), data.get("new_order_date")]
        if data.get("order") and any(new_order):
            raise forms.ValidationError("Выберите существующий приказ или введите новый, но не то и другое сразу.")
        if not data.get("order") and not all(new_order):
            raise forms.ValidationError(
                "Статус площадки присваивается приказом: выберите приказ или укажите номер и дату нового."
            )
        return data


class SiteStateForm(NarrowedChoicesMixin, BootstrapMixin, forms.Form):
    state = forms.ChoiceField(label="Новое состояние", choices=())
    date = forms.DateField(label="Дата", widget=DateInput())
    order = forms.ModelChoiceField(
        Order.objects.none(),
        label="Приказ",
        required=False,
        empty_label="— не выбран —",
        widget=forms.Select(attrs={"data-enhance": "1"}),
    )
    comment = forms.CharField(label="Основание, комментарий", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, allowed_states=(), orders=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [(s, SiteState(s).label) for s in allowed_states]
        self.fields["order"].queryset = orders if orders is not None else Order.objects.all()
        self.revalidate()


class SiteKindForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = SiteKind
        fields = [
            "name",
            "abbreviation",
            "subsystem",
            "level",
            "is_network",
            "description",
            "color",
            "rank",
            "position",
            "is_active",
        ]
        widgets = {"color": forms.TextInput(attrs={"type": "color"}), "description": forms.Textarea(attrs={"rows": 3})}


class DirectionForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Direction
        fields = ["name"]


class MunicipalityForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Municipality
        fields = ["region", "name", "short_name", "time_zone"]


class RegionForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Region
        fields = ["name", "code"]
