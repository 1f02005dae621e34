import pytest
from django.core.management import call_command

from innoinfra.consultations.enums import SlotState
from innoinfra.consultations.models import Consultation, ConsultationSlot

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_log_and_hours_ahead_one_booked_and_is_idempotent():
    call_command("loaddemo")
    first = (Consultation.objects.count(), ConsultationSlot.objects.count())
    call_command("loaddemo")
    assert (Consultation.objects.count(), ConsultationSlot.objects.count()) == first
    assert first[0] >= 4 and first[1] == 3
    assert ConsultationSlot.objects.filter(state=SlotState.BOOKED, booked_by__username="orgadmin").count() == 1
