import html

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from .enums import MailKind, MailStatus
from .files import display_name
from .models import InstallationSettings
from .options import INLINE_OPTIONS, options_url


class BootstrapMixin:
    """Gives every widget its Bootstrap class and marks invalid fields, so templates stay plain."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if type(field.widget) is forms.ClearableFileInput:
                field.widget = StoredFileInput(attrs=field.widget.attrs)
            if type(field.widget) is forms.Select:
                # the same markup without a template per option: a country's hundreds of municipalities in every
                # filter bar (registry, events, plans, practices …) no longer cost more than the rows they filter
                field.widget = LongSelect(attrs=field.widget.attrs, choices=field.widget.choices)
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple | forms.RadioSelect):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self):
        # Marking invalid widgets here, not in __init__, keeps a bound form from being validated before
        # subclasses narrow their choices.
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                css = widget.attrs.get("class", "").replace(" is-invalid", "")
                widget.attrs["class"] = f"{css} is-invalid"


class StoredFileInput(forms.ClearableFileInput):
    """A file already stored is shown by the name it was uploaded under and without a link: stored files have no
    address of their own (see core.files); they are downloaded from the record's page."""

    template_name = "core/widgets/stored_file_input.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"]:
            kept = getattr(getattr(value, "instance", None), "download_name", "")
            context["widget"]["shown_name"] = kept if isinstance(kept, str) and kept else display_name(value)
        return context


class LongSelect(forms.Select):
    """A select of many options (a country's municipalities: hundreds) drawn without a template per option.
    Django renders each option through its own template, about a millisecond apiece on a loaded server: the
    filter bar of the registry cost more than the rows it filters, and grew with the territories. Even without the
    templates, Django's option dictionaries (optgroups, create_option, flatatt) cost some 30 µs an option — 20 ms for
    600 municipalities, more than the whole list page at region scale — so the options are written straight from
    the choices, with Select's rules: the first option whose value matches is the selected one, values and labels
    are escaped. The markup is the same; grouped choices go the ordinary way."""

    # The URL a longer list asks as the user types, set by a form whose field offers only some of the model's
    # objects and whose URL narrows alike (monitoring's territories: `?mine=1`); by default the URL the model
    # registered (core.options), for a field that offers them all.
    options_url: str | None = None

    def render(self, name, value, attrs=None, renderer=None):
        # Widget.get_context, not Select's: the select's own attributes and the value as strings, no optgroups
        widget = forms.Widget.get_context(self, name, value, attrs)["widget"]
        wanted = set(widget["value"])
        url = self.options_url or options_url(self.choices)
        if url and hasattr(self.choices, "queryset"):
            choices, remote = self._model_choices(wanted)
        else:
            # once: a model field's choices are a query. Through iter(): list() of ModelChoiceIterator itself would
            # ask its len() first, which is a COUNT query of its own
            choices = list(iter(self.choices))
            if any(isinstance(label, list | tuple) for _value, label in choices):
                return super().render(name, value, attrs, renderer)
            remote = bool(url) and len(choices) > INLINE_OPTIONS
            if remote:
                choices = [(v, label) for v, label in choices if v in (None, "") or str(v) in wanted]
        if remote:
            # the empty choice and the chosen one; the others come from the URL as the user types
            widget["attrs"] = {**widget["attrs"], "data-enhance": "1", "data-options-url": url}
        return format_html(
            '<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), option_tags(choices, wanted)
        )

    def _model_choices(self, wanted: set[str]) -> tuple[list, bool]:
        """A model field's choices, and whether they are asked of the URL: read one object more than the page
        writes out, and when there are more, the chosen ones alone. Every one of a country's municipalities was a
        model instance and a label before the select knew it would write two of them."""
        iterator, field = self.choices, self.choices.field
        empty = [("", field.empty_label)] if field.empty_label is not None else []
        first = list(iterator.queryset[: INLINE_OPTIONS + 1])
        if len(first) <= INLINE_OPTIONS:
            return empty + [iterator.choice(obj) for obj in first], False
        key = field.to_field_name or "pk"
        try:
            chosen = list(iterator.queryset.filter(**{f"{key}__in": wanted - {""}})) if wanted - {""} else []
        except (ValueError, ValidationError):  # a hand-typed value that is no key: nothing is chosen
            chosen = []
        return empty + [iterator.choice(obj) for obj in chosen], True


def option_tags(choices, wanted: set[str]) -> SafeString:
    """The `<option>` tags of flat (value, label) choices, as Select draws them without its per-option cost: the first
    option whose value (as a string) is in `wanted` is the selected one; values and labels are escaped."""
    options = []
    selected = False
    for option_value, label in choices:
        shown = "" if option_value is None else str(option_value)
        mark = "" if selected or shown not in wanted else " selected"
        selected = selected or bool(mark)
        # the standard library's escape, which Django's wraps (its lazy-string wrapper doubled the cost)
        text = label.__html__() if hasattr(label, "__html__") else html.escape(str(label))
        options.append(f'<option value="{html.escape(shown)}"{mark}>{text}</option>')
    return mark_safe("".join(options))  # every value and label escaped above


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class InstallationSettingsForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = InstallationSettings
        fields = ["name", "one_status_per_organization", "comments_premoderated", "order_template", "about"]

    def clean_order_template(self):
        """The letterhead must open as a Word document: drafts of orders are built on it."""
        from django.core.files.uploadedfile import UploadedFile
        from docx import Document

        from .uploads import LETTERHEAD, checked_new_upload

        file = self.cleaned_data.get("order_template")
        if not isinstance(file, UploadedFile):  # kept as it was, or cleared
            return file
        checked_new_upload(file, purpose=LETTERHEAD)
        try:
            Document(file)
        except Exception as error:  # python-docx raises several kinds for a broken or foreign file
            raise forms.ValidationError("Файл не открывается как документ Word (.docx).") from error
        finally:
            file.seek(0)
        return file


# The largest key the database can hold (BigAutoField, SQLite INTEGER): a larger number in an address is no id at
# all, and passing it on makes the database driver fail (OverflowError on SQLite), so it is refused here.
MAX_ID = 2**63 - 1


class IdField(forms.IntegerField):
    """The number of an object in a query string: a whole number the database can hold, else a Russian 400."""

    default_error_messages = {
        "invalid": f"Такого номера нет: ожидается целое число от 1 до {MAX_ID}.",
        "min_value": f"Такого номера нет: ожидается целое число от 1 до {MAX_ID}.",
        "max_value": f"Такого номера нет: ожидается целое число от 1 до {MAX_ID}.",
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


class YearField(forms.IntegerField):
    """A calendar year in a query string: four digits, so date arithmetic on it cannot overflow."""

    default_error_messages = {
        "invalid": "Год — это целое число от 1900 до 2999.",
        "min_value": "Год — это целое число от 1900 до 2999.",
        "max_value": "Год — это целое число от 1900 до 2999.",
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1900)
        kwargs.setdefault("max_value", 2999)
        super().__init__(**kwargs)


def parse_id(raw) -> int | None:
    """An id from a raw query value, or None when it is not one the database could hold."""
    text = str(raw or "").strip()
    if not text.isascii() or not text.isdigit():
        return None
    value = int(text)
    return value if 1 <= value <= MAX_ID else None


class _OutgoingMailFilterBase(forms.Form):
    q = forms.CharField(
        label="Адрес или тема",
        required=False,
        max_length=254,
        widget=forms.SearchInput(attrs={"placeholder": "адрес получателя или слова темы"}),
    )
    status = forms.ChoiceField(label="Состояние", required=False, choices=[("", "Все"), *MailStatus.choices])
    kind = forms.ChoiceField(label="Вид письма", required=False, choices=[("", "Все"), *MailKind.choices])


class OutgoingMailFilterForm(BootstrapMixin, _OutgoingMailFilterBase):
    pass
