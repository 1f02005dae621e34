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


@pytest.fixture
def many_municipalities(amursky, settings):
    """More municipalities than a page lists: INLINE_OPTIONS + 1 besides Amursky."""
    from innoinfra.core.forms import INLINE_OPTIONS

    Municipality.objects.bulk_create(
        Municipality(region=amursky.region, name=f"Район № {n:03}") for n in range(INLINE_OPTIONS + 1)
    )
    return Municipality.objects.get(name="Район № 150")


@pytest.mark.django_db
def test_a_longer_list_than_a_page_holds_only_the_choice_and_asks_the_registry(many_municipalities):
    class Filter(BootstrapMixin, forms.Form):
        municipality = forms.ModelChoiceField(Municipality.objects.all(), required=False, empty_label="Все")

    html = str(Filter({"municipality": str(many_municipalities.pk)})["municipality"])
    assert _tags(html)[1:] == [
        ("option", [("value", "")]),
        ("text", "Все"),
        ("/option",),
        ("option", [("selected", None), ("value", str(many_municipalities.pk))]),
        ("text", "Район № 150"),
        ("/option",),
        ("/select",),
    ]
    assert 'data-options-url="/registry/municipalities/options/"' in html and 'data-enhance="1"' in html
    # an unbound filter: the empty choice alone
    assert str(Filter()["municipality"]).count("<option") == 1


@pytest.mark.django_db
def test_a_longer_list_reads_one_page_and_the_choice_not_every_object(many_municipalities, monkeypatch):
    """A country's municipalities are not all made into objects to write two options: at most INLINE_OPTIONS + 1
    of them, then the chosen one; a value that is no key chooses nothing."""
    from innoinfra.core.forms import INLINE_OPTIONS

    region = many_municipalities.region
    Municipality.objects.bulk_create(Municipality(region=region, name=f"Округ № {n:03}") for n in range(100))
    assert Municipality.objects.count() > INLINE_OPTIONS + 100  # reading them all would show
    made = []
    original = Municipality.__init__

    def counting(self, *args, **kwargs):
        made.append(1)
        original(self, *args, **kwargs)

    monkeypatch.setattr(Municipality, "__init__", counting)

    class Filter(BootstrapMixin, forms.Form):
        municipality = forms.ModelChoiceField(Municipality.objects.all(), required=False, empty_label="Все")

    form = Filter({"municipality": str(many_municipalities.pk)})
    assert form.is_valid()  # validation makes the chosen one; drawing is what is counted
    made.clear()
    html = str(form["municipality"])
    assert f'<option value="{many_municipalities.pk}" selected>Район № 150</option>' in html
    assert len(made) == INLINE_OPTIONS + 2  # a page and one more, then the choice
    form = Filter({"municipality": "не число"})
    assert not form.is_valid()
    made.clear()
    assert str(form["municipality"]).count("<option") == 1
    assert len(made) == INLINE_OPTIONS + 1


@pytest.mark.django_db
def test_a_list_within_the_limit_is_written_whole(amursky):
    class Filter(BootstrapMixin, forms.Form):
        municipality = forms.ModelChoiceField(Municipality.objects.all(), required=False, empty_label="Все")

    html = str(Filter()["municipality"])
    assert "data-options-url" not in html and "Амурский" in html


@pytest.mark.django_db
def test_the_registry_offers_municipalities_by_the_words_typed(client, many_municipalities, amursky):
    found = client.get("/registry/municipalities/options/", {"q": "РАЙОН № 15"}).json()["results"]
    assert [r["text"] for r in found] == ["Район № 015", "Район № 115"] + [f"Район № 15{n}" for n in range(10)]
    assert found[2]["value"] == str(many_municipalities.pk)
    assert len(client.get("/registry/municipalities/options/", {"q": "район"}).json()["results"]) == 20
    assert client.get("/registry/municipalities/options/", {"q": "амурск"}).json()["results"] == [
        {"value": str(amursky.pk), "text": amursky.name}
    ]


@pytest.mark.django_db
def test_mine_offers_only_the_territories_the_user_manages(client_for, client, methodist, amursky, vyselki):
    """`mine=1` (monitoring's territory filter): a district methodist is offered her district alone."""
    ask = {"q": "район", "mine": "1"}
    mine = client_for(methodist).get("/registry/municipalities/options/", ask).json()["results"]
    assert [r["value"] for r in mine] == [str(amursky.pk)]
    assert client.get("/registry/municipalities/options/", ask).json()["results"] == []


@pytest.mark.django_db
def test_a_narrowed_long_list_stays_in_the_page(many_municipalities, amursky):
    """A form that offers only some municipalities (a methodist's own) writes them out, however many: the
    registry's autocomplete would offer the others, which the form refuses."""

    class Own(BootstrapMixin, forms.Form):
        municipality = forms.ModelChoiceField(Municipality.objects.filter(region=amursky.region), required=False)

    html = str(Own()["municipality"])
    assert "data-options-url" not in html and html.count("<option") == Municipality.objects.count() + 1
