"""Requests, offers and pairs built through the services, as the pages build them."""

from __future__ import annotations

from innoinfra.mentoring import services
from tests.factories import DirectionFactory, OrganizationFactory


def direction(name: str):
    return DirectionFactory(name=name)


def make_request(organization, *, topic="Проектное обучение в начальной школе", directions=(), by=None, **fields):
    fields.setdefault("needs", "Хотим запустить проектную неделю, не знаем, с чего начать и как оценивать проекты.")
    return services.create_request(by=by, organization=organization, topic=topic, directions=directions, **fields)


def make_offer(*, organization=None, user=None, municipality=None, directions=(), capacity=2, **fields):
    if organization is None and user is None:
        organization = (
            OrganizationFactory(
                municipality=municipality, short_name="МБОУ Гимназия № 8", full_name="МБОУ Гимназия № 8 г. Амурска"
            )
            if municipality
            else OrganizationFactory(short_name="МБОУ Гимназия № 8")
        )
    fields.setdefault("topics", "Проектная деятельность младших школьников: пятилетний опыт муниципальной площадки.")
    return services.create_offer(
        by=None,
        mentor_organization=organization,
        mentor_user=user,
        municipality=municipality if user is not None else None,
        directions=directions,
        capacity=capacity,
        **fields,
    )


def make_pair(request, offer, *, by=None, plan="Проектная неделя к маю"):
    return services.match(request, offer, by=by, plan=plan)
