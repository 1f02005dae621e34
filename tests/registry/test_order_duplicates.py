"""An order is entered once: the same number and date in a territory name one order, whether the second comes later,
from a double click, or at the same moment (the database constraint), through the page or the API.

Лариса (`methodist`) enters the orders of the Amursky district."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.db import IntegrityError, transaction

from innoinfra.core.errors import AlreadyDone
from innoinfra.core.once import new_token
from innoinfra.registry import services
from innoinfra.registry.models import Order

from ..api.clients import api
from ..factories import OrderFactory

pytestmark = pytest.mark.django_db
DAY = dt.date(2025, 4, 11)
MESSAGE = "Приказ № 12-р от 11 апреля 2025 г. уже внесён в реестр."


def form(amursky, **extra):
    return {"number": "12-р", "date": "2025-04-11", "title": "О МИП", "municipality": amursky.pk, **extra}


@pytest.mark.parametrize("number", ["12-р", "12-Р", " 12-р ", "№ 12-р", "12 - р"])
def test_it_refuses_a_second_order_with_the_same_number_and_date(amursky, methodist, number):
    first = services.create_order(number="12-р", date=DAY, title="О МИП", municipality=amursky, by=methodist)
    with pytest.raises(AlreadyDone) as refused:
        services.create_order(number=number, date=DAY, title="Ещё раз", municipality=amursky, by=methodist)
    assert refused.value.messages == [MESSAGE] and refused.value.existing == first
    assert Order.objects.count() == 1


def test_other_territories_and_other_days_may_use_the_same_number(amursky, vyselki, methodist):
    services.create_order(number="12-р", date=DAY, title="О МИП", municipality=amursky, by=methodist)
    services.create_order(number="12-р", date=DAY, title="О МИП", municipality=vyselki, by=methodist)
    services.create_order(number="12-р", date=DAY + dt.timedelta(days=1), title="О МИП", municipality=amursky)
    assert Order.objects.count() == 3


def test_the_database_itself_refuses_a_duplicate(amursky):
    OrderFactory(number="12-р", date=DAY, municipality=amursky)
    with pytest.raises(IntegrityError), transaction.atomic():
        OrderFactory(number="12-Р", date=DAY, municipality=amursky)
    OrderFactory(number="12-р", date=DAY, municipality=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        OrderFactory(number="12-р", date=DAY, municipality=None)


def test_a_race_that_passes_the_check_gets_the_same_message(amursky, methodist, monkeypatch):
    """Two requests at once both find no order, then both insert: the second one's insert is refused by the
    constraint, and the user sees the same message, not an error page."""
    first = OrderFactory(number="12-р", date=DAY, municipality=amursky)
    real = services._duplicate_of
    calls = []

    def blind_first_time(*args, **kwargs):
        calls.append(1)
        return None if len(calls) == 1 else real(*args, **kwargs)

    monkeypatch.setattr(services, "_duplicate_of", blind_first_time)
    with pytest.raises(AlreadyDone) as refused:
        services.create_order(number="12-р", date=DAY, title="Ещё раз", municipality=amursky, by=methodist)
    assert refused.value.messages == [MESSAGE] and refused.value.existing == first
    assert Order.objects.count() == 1


def test_the_page_refuses_a_sequential_duplicate_with_a_link_to_the_first(client_for, methodist, amursky):
    client = client_for(methodist)
    assert client.post("/registry/orders/new/", form(amursky)).status_code == 302
    again = client.post("/registry/orders/new/", form(amursky, title="Повторно"))
    first = Order.objects.get()
    assert again.status_code == 400
    assert f'{MESSAGE} <a href="/registry/orders/{first.pk}/">Открыть</a>' in again.content.decode()


def test_the_same_form_sent_twice_makes_one_order_and_the_second_answer_opens_it(client_for, methodist, amursky):
    client = client_for(methodist)
    data = form(amursky, submission_token=new_token())
    first = client.post("/registry/orders/new/", data)
    second = client.post("/registry/orders/new/", data)
    order = Order.objects.get()
    assert first.status_code == second.status_code == 302
    assert first.url == second.url == order.get_absolute_url()
    assert "Эта форма уже была отправлена" in " ".join(str(m) for m in get_messages(second.wsgi_request))


def test_the_form_page_carries_a_one_time_token(client_for, methodist):
    page = client_for(methodist).get("/registry/orders/new/").content.decode()
    assert 'name="submission_token"' in page and "js/once.js" in page


def test_a_form_brought_back_changed_is_a_new_request_not_a_repeat(client_for, methodist, amursky):
    client = client_for(methodist)
    token = new_token()
    client.post("/registry/orders/new/", form(amursky, submission_token=token))
    client.post("/registry/orders/new/", form(amursky, submission_token=token, number="13-р"))
    assert sorted(Order.objects.values_list("number", flat=True)) == ["12-р", "13-р"]


def test_the_api_answers_a_duplicate_with_409_and_the_first_orders_address(methodist, amursky):
    client = api(methodist)
    assert client.post("/api/v1/orders/", form(amursky), format="json").status_code == 201
    again = client.post("/api/v1/orders/", form(amursky), format="json")
    assert again.status_code == 409
    assert again.json() == {"detail": MESSAGE, "existing": Order.objects.get().get_absolute_url()}


def test_the_same_idempotency_key_gives_the_first_answer_and_one_order(methodist, amursky):
    client = api(methodist)
    first = client.post("/api/v1/orders/", form(amursky), format="json", HTTP_IDEMPOTENCY_KEY="order-12-r-2025")
    second = client.post("/api/v1/orders/", form(amursky), format="json", HTTP_IDEMPOTENCY_KEY="order-12-r-2025")
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json() and second.headers["Idempotent-Replayed"] == "true"
    assert Order.objects.count() == 1


def test_a_key_reused_for_another_request_is_refused(methodist, amursky):
    client = api(methodist)
    client.post("/api/v1/orders/", form(amursky), format="json", HTTP_IDEMPOTENCY_KEY="order-12-r-2025")
    other = client.post(
        "/api/v1/orders/", form(amursky, number="13-р"), format="json", HTTP_IDEMPOTENCY_KEY="order-12-r-2025"
    )
    assert other.status_code == 422
    assert other.json()["detail"].startswith("Этот ключ Idempotency-Key уже использован для другого запроса")
    assert Order.objects.count() == 1


def test_a_refused_request_does_not_spend_its_key(methodist, amursky):
    client = api(methodist)
    refused = client.post(
        "/api/v1/orders/", form(amursky, number=""), format="json", HTTP_IDEMPOTENCY_KEY="order-12-r-2025"
    )
    assert refused.status_code == 400
    retried = client.post("/api/v1/orders/", form(amursky), format="json", HTTP_IDEMPOTENCY_KEY="order-12-r-2025")
    assert retried.status_code == 201 and Order.objects.count() == 1


def test_a_malformed_key_is_refused(methodist, amursky):
    response = api(methodist).post("/api/v1/orders/", form(amursky), format="json", HTTP_IDEMPOTENCY_KEY="<bad>")
    assert response.status_code == 400 and "Idempotency-Key" in response.json()["detail"]
    assert not Order.objects.exists()


def test_another_user_with_the_same_key_is_not_served_someone_elses_answer(methodist, amursky, admin_user):
    api(methodist).post("/api/v1/orders/", form(amursky), format="json", HTTP_IDEMPOTENCY_KEY="order-12-r-2025")
    theirs = api(admin_user).post(
        "/api/v1/orders/", form(amursky), format="json", HTTP_IDEMPOTENCY_KEY="order-12-r-2025"
    )
    assert theirs.status_code == 409 and Order.objects.count() == 1


def test_the_migration_keeps_orders_entered_twice_and_marks_the_later_copies(amursky):
    """Before the constraint a double click could enter an order twice; the migration keeps both (sites may point at
    either) and gives the later copy a number that says so, so staff can find and remove it."""
    from django.apps import apps
    from django.utils.module_loading import import_string

    migrate = import_string("innoinfra.registry.migrations.0007_idem_order_unique_number.fill_keys_and_mark_duplicates")
    # Written as the old schema allowed: the same order twice (keys are what the migration computes).
    first, copy = Order.objects.bulk_create(
        [
            Order(number=n, date=DAY, title="О МИП", municipality=amursky, number_key=k)
            for n, k in (("12-р", "a"), ("12-Р", "b"))
        ]
    )
    migrate(apps, None)
    first.refresh_from_db()
    copy.refresh_from_db()
    assert (first.number, first.number_key) == ("12-р", "12-р")
    assert copy.number == f"12-Р (повтор 2, id {copy.pk})"


def test_old_submission_marks_are_pruned(client_for, methodist, amursky):
    from django.core.management import call_command
    from django.utils import timezone

    from innoinfra.core.models import Submission

    client_for(methodist).post("/registry/orders/new/", form(amursky, submission_token=new_token()))
    Submission.objects.update(created_at=timezone.now() - dt.timedelta(days=8))
    api(methodist).post(
        "/api/v1/orders/", form(amursky, number="13-р"), format="json", HTTP_IDEMPOTENCY_KEY="k-13-r-2025"
    )
    call_command("prune_submissions", "--days", "7")
    assert list(Submission.objects.values_list("key", flat=True)) == ["k-13-r-2025"]
