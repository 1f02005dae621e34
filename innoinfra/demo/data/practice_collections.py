"""The demo collection: the best practices of the Amursky district presented at the August conference.

Idempotent: a collection with this title is left alone."""

from __future__ import annotations

from innoinfra.accounts.models import User
from innoinfra.practice_collections import services
from innoinfra.practice_collections.models import Collection
from innoinfra.practices.queries import published

TITLE = "Лучшие практики инновационной деятельности"
SUBTITLE = "Сборник материалов августовского совещания педагогических работников"
PREFACE = (
    "В сборник вошли практики инновационных площадок и образовательных организаций района, представленные на "
    "августовском совещании педагогических работников и прошедшие модерацию муниципального банка данных "
    "инновационного опыта.\n"
    "Каждая глава содержит сведения об авторах и организации, номер практики в банке данных, аннотацию, описание, "
    "результаты и условия применения. Материалы адресованы руководителям и педагогам, готовым перенести опыт коллег "
    "в свою практику."
)
SIZE = 10


def load(registry: dict) -> Collection | None:
    if Collection.objects.filter(title=TITLE).exists():
        return None
    municipality = registry["municipalities"].get("amursky") or next(iter(registry["municipalities"].values()))
    practices = list(published().filter(municipality=municipality)[:SIZE])
    if len(practices) < SIZE:  # fill up from the other territories' bank
        practices += list(published().exclude(pk__in=[p.pk for p in practices])[: SIZE - len(practices)])
    if not practices:
        return None
    methodist = User.objects.filter(username="methodist").first()
    collection = services.create_collection(
        municipality=municipality, title=TITLE, subtitle=SUBTITLE, preface=PREFACE, by=methodist
    )
    services.add_practices(collection, [p.pk for p in practices], by=methodist)
    services.set_published(collection, True, by=methodist)
    return collection
