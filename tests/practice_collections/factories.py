from innoinfra.practice_collections import services
from innoinfra.practices.enums import PracticeState

from ..practices.factories import make_practice


def published_practices(organization, count: int, *, prefix: str = "Практика"):
    return [
        make_practice(
            organization,
            state=PracticeState.PUBLISHED,
            title=f"{prefix} {n:03d}: формирование функциональной грамотности",
            results=f"Результаты практики {n}.",
            conditions="Подходит для школ района.",
        )
        for n in range(1, count + 1)
    ]


def make_collection(municipality, practices=(), *, title="Лучшие практики района", **fields):
    collection = services.create_collection(
        municipality=municipality,
        title=title,
        subtitle="Сборник материалов",
        year=2026,
        preface="Вступление.",
        **fields,
    )
    if practices:
        services.add_practices(collection, [p.pk for p in practices])
    return collection
