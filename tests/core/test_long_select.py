"""core.forms.LongSelect writes its options itself: the same markup as Django's Select, tag for tag."""

from html.parser import HTMLParser

import pytest
from django import forms

from innoinfra.core.forms import BootstrapMixin, LongSelect
from innoinfra.registry.models import Municipality


def _tags(html) -> list:
    """The markup as tags, attributes and texts: without the line breaks and indents Django's select template puts
    between the tags, and with the attributes in one order (flatatt sorts them, the template does not)."""
    parsed = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            parsed.append((tag, sorted(attrs, key=lambda a: a[0])))

        def handle_endtag(self, tag):
            parsed.append(("/" + tag,))

        def handle_data(self, data):
            if data.strip():
                parsed.append(("text", data))

    Parser(convert_charrefs=True).feed(str(html))
    return parsed


CHOICES = [("", "Все"), ("a&b", 'Кавычки " и <теги>'), (1, "Один"), ("1", "Снова один"), (None, "Пусто")]


@pytest.mark.parametrize("value", [None, "", "a&b", 1, "1", "нет такого"])
def test_plain_choices_match_django(value):
    attrs = {"id": "id_x", "class": "form-select", "required": True}
    django = forms.Select(choices=CHOICES).render("x", value, attrs=attrs)
    ours = LongSelect(choices=CHOICES).render("x", value, attrs=attrs)
    assert _tags(ours) == _tags(django)


def test_only_the_first_matching_option_is_selected():
    html = LongSelect(choices=CHOICES).render("x", "1")
    assert html.count(" selected") == 1 and '<option value="1" selected>Один</option>' in html


def test_grouped_choices_go_the_ordinary_way():
    grouped = [("", "Все"), ("Группа", [("a", "А"), ("b", "Б")])]
    assert _tags(LongSelect(choices=grouped).render("x", "b")) == _tags(forms.Select(choices=grouped).render("x", "b"))


@pytest.mark.django_db
def test_model_choices_match_django(amursky):
    chosen = Municipality.objects.create(region=amursky.region, name="Выселки & Ко")

    class Filter(BootstrapMixin, forms.Form):
        municipality = forms.ModelChoiceField(Municipality.objects.all(), required=False, empty_label="Все")

    form = Filter({"municipality": str(chosen.pk)})
    assert isinstance(form.fields["municipality"].widget, LongSelect)
    django_field = forms.ModelChoiceField(Municipality.objects.all(), required=False, empty_label="Все")
    django_field.widget.attrs["class"] = "form-select"
    expected = django_field.widget.render("municipality", chosen.pk, attrs={"id": "id_municipality"})
    assert _tags(form["municipality"]) == _tags(expected)
    assert f'<option value="{chosen.pk}" selected>Выселки &amp; Ко</option>' in str(form["municipality"])


@pytest.mark.django_db
def test_a_model_fields_options_are_read_in_one_query(amursky, django_assert_num_queries):
    """The options come from one SELECT: no COUNT first (list() of Django's choice iterator asks its length)."""
    Municipality.objects.create(region=amursky.region, name="Выселки")

    class Filter(BootstrapMixin, forms.Form):
        municipality = forms.ModelChoiceField(Municipality.objects.all(), required=False, empty_label="Все")

    form = Filter()
    with django_assert_num_queries(1):
        html = str(form["municipality"])
    assert "Выселки" in html and "Амурский" in html
