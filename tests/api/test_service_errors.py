"""The API's one error handler (innoinfra.core.drf): a service's refusal is a 400 with its Russian message.

- Лариса (`methodist`) runs the Amursky registry: she may add orders of her territory.
- API views call services and catch nothing; the handler gives every refusal the same shape,
  `{"detail": "<message>"}`, and a refused write changes nothing.
"""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from innoinfra.core.drf import exception_handler
from innoinfra.core.errors import ServiceError
from innoinfra.registry.models import Order

from ..factories import OrderFactory, make_site
from .clients import api

pytestmark = pytest.mark.django_db


def test_it_turns_a_service_error_into_a_400_with_the_russian_message():
    response = exception_handler(ServiceError("Укажите номер приказа."), {})
    assert response.status_code == 400
    assert response.data == {"detail": "Укажите номер приказа."}


def test_it_joins_the_messages_of_a_service_error():
    response = exception_handler(ServiceError(["Первое.", "Второе."]), {})
    assert response.status_code == 400 and response.data == {"detail": "Первое. Второе."}


def test_it_keeps_a_permission_refusal_a_403():
    response = exception_handler(PermissionDenied("Нельзя."), {})
    assert response.status_code == 403
    assert response.data == {"detail": "Нельзя."}


def test_it_answers_a_duplicate_api_write_with_409_and_changes_nothing(methodist, amursky):
    first = OrderFactory(municipality=amursky, number="172-Д", date=dt.date(2025, 4, 11))
    response = api(methodist).post(
        "/api/v1/orders/",
        {"number": "172-Д", "date": "2025-04-11", "title": "Ещё раз", "municipality": amursky.pk},
        format="json",
    )
    assert response.status_code == 409
    assert response.json() == {
        "detail": "Приказ № 172-Д от 11 апреля 2025 г. уже внесён в реестр.",
        "existing": f"/registry/orders/{first.pk}/",
    }
    assert Order.objects.count() == 1 and not Order.objects.filter(title="Ещё раз").exists()


def test_it_answers_a_refused_state_change_with_400_and_changes_nothing(methodist, school):
    site = make_site(organization=school)
    response = api(methodist).post(f"/api/v1/sites/{site.pk}/change-state/", {"state": "completed"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"detail": "Завершение или прекращение статуса оформляется приказом: укажите приказ."}
    site.refresh_from_db()
    assert site.state == "active" and site.state_changes.count() == 1
