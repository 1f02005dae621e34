"""The demo shows publications of the kinds the seeds name, tied to the sites they tell about."""

import pytest
from django.core.management import call_command

from innoinfra.publications.models import Publication

pytestmark = pytest.mark.django_db


def test_the_demo_has_publications_of_every_level_it_names_and_on_site_pages(client):
    call_command("loaddemo")
    first = Publication.objects.count()
    call_command("loaddemo")
    assert Publication.objects.count() == first >= 8
    assert set(Publication.objects.values_list("level", flat=True)) >= {
        "organization",
        "municipal",
        "regional",
        "federal",
    }
    with_site = Publication.objects.filter(site__isnull=False).select_related("site").first()
    assert with_site.title in client.get(with_site.site.get_absolute_url()).content.decode()
    assert client.get("/publications/").context["page"].paginator.count == first
