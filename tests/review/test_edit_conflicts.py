"""No lost update on an application (issue 15, finding 7): Пётр (`teacher`) wrote the school's application, Ирина
(`orgadmin`, its head) may edit it too. Both open the form; Ирина saves first; Пётр's stale save is refused."""

import pytest

from innoinfra.review.models import Application

from .factories import make_application, make_call

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(amursky, school, teacher):
    return make_application(make_call(amursky), school, by=teacher)


def _form_data(client, url) -> dict:
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    return {name: value for name, value in data.items() if value not in (None, [])}


def test_a_stale_save_of_an_application_is_refused_naming_who_saved(client_for, orgadmin, teacher, application):
    url = f"/applications/{application.pk}/edit/"
    irina, petr = client_for(orgadmin), client_for(teacher)
    irina_form, petr_form = _form_data(irina, url), _form_data(petr, url)
    assert irina.post(url, {**irina_form, "theme": "Тема Ирины"}).status_code == 302

    answer = petr.post(url, {**petr_form, "theme": "Тема Петра"})

    assert answer.status_code == 409
    assert "Запись изменил(а) Иванова Ирина" in answer.content.decode() and "Тема Петра" in answer.content.decode()
    assert Application.objects.get(pk=application.pk).theme == "Тема Ирины"
    assert petr.post(url, {**_form_data(petr, url), "theme": "Тема Петра"}).status_code == 302
    application = Application.objects.get(pk=application.pk)
    assert (application.theme, application.version, application.updated_by) == ("Тема Петра", 3, teacher)
