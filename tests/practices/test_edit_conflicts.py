"""No lost update on a practice (issue 15, finding 7): Пётр (`teacher`) wrote it, Ирина (`orgadmin`, his head) edits it
too. Both open the description; Ирина saves first; Пётр's stale save is refused, naming her."""

import pytest

from innoinfra.practices.models import Practice

from .factories import make_practice

pytestmark = pytest.mark.django_db


def _form_data(client, url) -> dict:
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    return {name: value for name, value in data.items() if value not in (None, [])}


def test_a_stale_save_of_a_practice_is_refused(client_for, orgadmin, teacher, school):
    practice = make_practice(school, by=teacher)
    url = f"/practices/{practice.pk}/edit/"
    irina, petr = client_for(orgadmin), client_for(teacher)
    irina_form, petr_form = _form_data(irina, url), _form_data(petr, url)
    assert irina.post(url, {**irina_form, "title": "Практика Ирины"}).status_code == 302

    answer = petr.post(url, {**petr_form, "title": "Практика Петра"})

    assert answer.status_code == 409
    assert "Запись изменил(а) Иванова Ирина" in answer.content.decode() and "Практика Петра" in answer.content.decode()
    assert Practice.objects.get(pk=practice.pk).title == "Практика Ирины"
    assert petr.post(url, {**_form_data(petr, url), "title": "Практика Петра"}).status_code == 302
    assert Practice.objects.get(pk=practice.pk).version == 3
