"""«Передать на экспертизу» tells Лариса (`methodist`) what is true about the experts: experts may be assigned as soon
as the application is submitted, so «Назначьте экспертов» was wrong when two were already there."""

import pytest

from innoinfra.review import services
from innoinfra.review.enums import ApplicationState as AS
from innoinfra.review.models import Application
from tests.factories import UserFactory
from tests.review.factories import make_application, make_call

pytestmark = pytest.mark.django_db


@pytest.fixture
def experts():
    return [UserFactory(username=f"exp{i}", last_name=f"Экспертова{i}", first_name="Анна") for i in (1, 2, 3)]


@pytest.mark.parametrize(
    ("assigned", "message"),
    [
        (0, "Заявка передана на экспертизу. Назначьте экспертов (по условиям конкурса — 2)."),
        (1, "Заявка передана на экспертизу. Назначено экспертов: 1 из 2 — назначьте ещё 1."),
        (2, "Заявка передана на экспертизу. Назначенные эксперты (2) уже получили уведомления о ней."),
    ],
)
def test_the_message_after_sending_to_review_counts_the_assigned_experts(
    assigned, message, experts, client_for, amursky, school, methodist
):
    call = make_call(amursky, panel=experts, experts_per_application=2)
    application = make_application(call, school, submitted=True)
    for expert in experts[:assigned]:
        services.assign(application, expert, by=methodist)
    page = client_for(methodist).post(f"/applications/{application.pk}/do/review/", follow=True).content.decode()
    assert message in page
    assert Application.objects.get(pk=application.pk).state == AS.UNDER_REVIEW


def test_a_declined_assignment_does_not_count(experts, client_for, amursky, school, methodist):
    call = make_call(amursky, panel=experts, experts_per_application=2)
    application = make_application(call, school, submitted=True)
    first = services.assign(application, experts[0], by=methodist)
    services.assign(application, experts[1], by=methodist)
    services.decline(first, by=experts[0], reason="Болею")
    page = client_for(methodist).post(f"/applications/{application.pk}/do/review/", follow=True).content.decode()
    assert "Назначено экспертов: 1 из 2 — назначьте ещё 1." in page


def test_the_button_asks_first_and_says_how_many_experts_are_assigned(experts, client_for, amursky, school, methodist):
    call = make_call(amursky, panel=experts, experts_per_application=2)
    application = make_application(call, school, submitted=True)
    services.assign(application, experts[0], by=methodist)
    page = client_for(methodist).get(f"/applications/{application.pk}/").content.decode()
    assert "Вернуть её заявителю на доработку после этого будет нельзя. Назначено экспертов: 1 из 2." in page
