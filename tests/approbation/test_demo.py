import pytest
from django.core.management import call_command

from innoinfra.approbation.enums import ApprobationState
from innoinfra.approbation.models import Approbation
from innoinfra.practices.models import Practice
from innoinfra.reference.enums import CycleStage
from innoinfra.registry.models import Site

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_approbation_in_progress_and_stages_everywhere_idempotently():
    call_command("loaddemo")
    call_command("loaddemo")
    approbation = Approbation.objects.get()
    assert approbation.state == ApprobationState.IN_PROGRESS
    assert approbation.site.kind.abbreviation == "МАП"
    assert approbation.site.cycle_stage == CycleStage.APPROBATION
    assert approbation.stages.count() == 3 and approbation.results.count() == 3
    assert Site.objects.exclude(cycle_stage="").count() >= 5
    assert set(Practice.objects.values_list("cycle_stage", flat=True)) >= {CycleStage.IDEA, CycleStage.REPLICATION}
