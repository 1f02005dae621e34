import pytest
from django.core.management import call_command

from innoinfra.demo.data.practice_collections import TITLE
from innoinfra.practice_collections.models import Collection, CollectionState

pytestmark = pytest.mark.django_db


def test_the_demo_has_one_published_collection_of_ten_practices(client):
    call_command("loaddemo")
    call_command("loaddemo")
    collection = Collection.objects.get(title=TITLE)
    assert collection.state == CollectionState.PUBLISHED
    assert collection.entries.count() == 10
    assert not collection.entries.exclude(practice__state="published").exists()
    assert TITLE in client.get("/collections/").content.decode()
