import pytest

from innoinfra.core.search import filter_by_text, normalize, query_stems
from innoinfra.reference.models import Organization

from ..factories import OrganizationFactory


def test_normalize_lowercases_and_folds_yo():
    assert normalize("  Ёлочка, «Площадка»!  ") == "елочка площадка"


def test_stems_cover_word_forms():
    (stem,) = query_stems("площадки")
    for form in ("площадка", "площадке", "площадкой", "площадки"):
        assert stem in form


@pytest.mark.django_db
def test_filter_requires_every_word_and_ignores_case(amursky):
    hit = OrganizationFactory(full_name="Гимназия № 8 г. Амурска", municipality=amursky)
    OrganizationFactory(full_name="Детский сад № 10 г. Амурска", municipality=amursky)
    qs = Organization.objects.all()
    assert list(filter_by_text(qs, "ГИМНАЗИИ амурска")) == [hit]
    assert filter_by_text(qs, "гимназия хабаровска").count() == 0
    assert filter_by_text(qs, "   ").count() == 2


@pytest.mark.django_db
def test_genitive_plural_with_a_fleeting_vowel_finds_the_singular(amursky):
    hit = OrganizationFactory(full_name="Опорная площадка гимназии", municipality=amursky)
    assert list(filter_by_text(Organization.objects.all(), "площадок")) == [hit]
