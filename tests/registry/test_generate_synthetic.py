from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from innoinfra.registry.models import Organization, Site, SiteParticipant
from innoinfra.registry.synthetic import REGION_NAME, SCALES

pytestmark = pytest.mark.django_db


def synthetic_sites():
    return Site.objects.filter(lead_organization__municipality__region__name=REGION_NAME)


def test_it_builds_the_small_region_with_every_site_backed_by_an_order_and_a_lead():
    out = StringIO()
    call_command("generate_synthetic", scale="small", stdout=out)
    sizes = SCALES["small"]
    assert "Создано" in out.getvalue()
    assert Organization.objects.filter(municipality__region__name=REGION_NAME).count() == sizes["organizations"]
    assert synthetic_sites().count() == sizes["sites"]
    assert not synthetic_sites().filter(order__isnull=True).exists()
    leads = SiteParticipant.objects.filter(site__in=synthetic_sites(), role="lead").count()
    assert leads == sizes["sites"]
    assert synthetic_sites().exclude(search_text="").count() == sizes["sites"]


def test_it_refuses_a_second_run_and_replaces_without_duplicates():
    call_command("generate_synthetic", scale="small", stdout=StringIO())
    with pytest.raises(CommandError, match="--replace"):
        call_command("generate_synthetic", scale="small", stdout=StringIO())
    call_command("generate_synthetic", scale="small", replace=True, stdout=StringIO())
    assert synthetic_sites().count() == SCALES["small"]["sites"]
