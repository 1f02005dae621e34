from io import StringIO

import pytest
from django.core.management import call_command

from innoinfra.core import fulltext
from innoinfra.demo.synthetic.legal import SCALES as LEGAL_SCALES
from innoinfra.demo.synthetic.legal import generate_legal
from innoinfra.demo.synthetic.practices import SCALES, delete_practices, generate_practices
from innoinfra.demo.synthetic.registry import REGION_NAME
from innoinfra.demo.synthetic.registry import generate as generate_region
from innoinfra.legal.models import LegalDocument
from innoinfra.practices.enums import PracticeState
from innoinfra.practices.models import Practice

pytestmark = pytest.mark.django_db
SMALL = SCALES["small"]["practices"]


def generate(**options) -> str:
    out = StringIO()
    call_command("generate_synthetic", scale="small", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def region():
    """Only the registry part of the region: the rest of the command is not what these tests are about."""
    generate_region(scale="small")
    return REGION_NAME


def synthetic():
    return Practice.objects.filter(municipality__region__name=REGION_NAME)


def snapshot():
    fields = (
        "title",
        "kind",
        "authors",
        "organization__short_name",
        "levels",
        "annotation",
        "state",
        "registry_number",
    )
    return list(synthetic().order_by("pk").values_list(*fields))


def test_it_makes_practices_mostly_published_with_unique_numbers_and_legal_documents():
    out = generate()

    assert f"практик — {SMALL}" in out
    practices = synthetic()
    assert practices.count() == SMALL
    published = practices.filter(state=PracticeState.PUBLISHED)
    assert SMALL * 0.7 < published.count() < SMALL
    assert practices.filter(state=PracticeState.DRAFT).exists()
    numbers = [n for n in practices.values_list("registry_number", flat=True) if n]
    assert len(numbers) == len(set(numbers)) >= published.count()
    assert not published.filter(registry_number=None).exists()
    assert not practices.filter(directions=None).exists()
    assert all(p.organization.municipality_id == p.municipality_id for p in practices.select_related("organization"))
    legal = LegalDocument.objects.filter(municipality__region__name=REGION_NAME)
    assert legal.count() == LEGAL_SCALES["small"]["documents"]
    assert all(d.search_text for d in legal)


def test_the_same_seed_gives_the_same_practices_and_another_seed_others(region):
    generate_practices(region, scale="small", seed=3)
    first = snapshot()
    delete_practices(region)
    assert not synthetic().exists()
    generate_practices(region, scale="small", seed=3)
    again = snapshot()
    delete_practices(region)
    generate_practices(region, scale="small", seed=4)

    assert again == first
    assert snapshot() != first


def test_the_global_search_finds_them_in_other_word_forms_after_generation(region):
    generate_practices(region, scale="small")
    generate_legal(region, scale="small")
    fulltext.rebuild(["practice", "legal"])

    found = fulltext.search("инновационные площадки", kind="practice")
    assert found.count() > 0
    ids = {entry.object_id for entry in found}
    assert ids <= set(synthetic().filter(state=PracticeState.PUBLISHED).values_list("pk", flat=True))
    # drafts stay out of the public search
    draft = synthetic().filter(state=PracticeState.DRAFT).first()
    assert draft.pk not in {entry.object_id for entry in fulltext.search(draft.title, kind="practice")}
    assert fulltext.search("проектной деятельностью", kind="practice").exists()
    assert fulltext.search("цифровая среда", kind="practice").exists()
    assert fulltext.search("положение инновационной деятельности", kind="legal").exists()
