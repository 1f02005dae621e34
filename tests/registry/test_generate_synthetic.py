from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Q

from innoinfra.core.search import normalize
from innoinfra.demo.synthetic.registry import REGION_NAME, SCALES
from innoinfra.reference.models import Municipality, Organization
from innoinfra.registry.models import Order, Site, SiteStateChange
from tests.factories import make_site

pytestmark = pytest.mark.django_db
SMALL = SCALES["small"]


def generate(**options) -> str:
    out = StringIO()
    call_command("generate_synthetic", scale="small", stdout=out, **options)
    return out.getvalue()


def synthetic_sites():
    return Site.objects.filter(lead_organization__municipality__region__name=REGION_NAME)


def test_it_builds_the_small_region_with_every_site_backed_by_an_order_and_a_lead():
    out = generate()

    assert "Синтетический регион создан: муниципалитетов — 5, организаций — 200, приказов — 40, площадок — 100" in out
    assert Municipality.objects.filter(region__name=REGION_NAME).count() == SMALL["municipalities"]
    assert Organization.objects.filter(municipality__region__name=REGION_NAME).count() == SMALL["organizations"]
    assert Order.objects.filter(municipality__region__name=REGION_NAME).count() == SMALL["orders"]
    sites = synthetic_sites().annotate(
        leads=Count("participants", filter=Q(participants__role="lead"), distinct=True),
        members=Count("participants", distinct=True),
        directions_count=Count("directions", distinct=True),
        changes=Count("state_changes", distinct=True),
    )
    assert sites.count() == SMALL["sites"]
    for site in sites.select_related("kind", "order"):
        assert site.order.municipality.region.name == REGION_NAME
        assert site.leads == 1
        assert site.directions_count >= 1
        assert site.changes == (1 if site.state == "active" else 2)
        if site.kind.is_network:
            assert site.members >= 3
    assert synthetic_sites().filter(state="active").count() > SMALL["sites"] // 2
    assert synthetic_sites().exclude(state="active").exists()


def test_it_fills_search_text_exactly_as_saving_the_objects_would():
    generate()
    site = synthetic_sites().filter(kind__is_network=True).first()
    organization = site.participants.exclude(role="lead").first().organization
    order = site.order
    stored = (site.search_text, organization.search_text, order.search_text)

    organization.save()
    order.save()
    site.refresh_search_text()

    assert stored == (site.search_text, organization.search_text, order.search_text)
    assert normalize(organization.short_name) in site.search_text


def test_it_gives_the_same_region_for_the_same_seed():
    generate(seed=7)
    first = list(synthetic_sites().order_by("id").values_list("theme", "state", "lead_organization__short_name"))
    generate(seed=7, replace=True)
    again = list(synthetic_sites().order_by("id").values_list("theme", "state", "lead_organization__short_name"))
    assert first == again


def test_it_refuses_a_second_run_and_replaces_without_duplicates_or_touching_other_data():
    own = make_site()
    generate()
    with pytest.raises(CommandError, match="--replace"):
        generate()

    generate(replace=True)

    assert synthetic_sites().count() == SMALL["sites"]
    assert Organization.objects.filter(municipality__region__name=REGION_NAME).count() == SMALL["organizations"]
    assert SiteStateChange.objects.filter(site__in=synthetic_sites()).count() < 2 * SMALL["sites"]
    assert Site.objects.filter(pk=own.pk).exists()
    assert Site.objects.count() == SMALL["sites"] + 1
