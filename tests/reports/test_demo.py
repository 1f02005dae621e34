"""The demo's reporting: last year's campaign finished with accepted reports, this year's open with drafts."""

import pytest
from django.core import mail
from django.core.management import call_command

from innoinfra.reports.catalogue import MONITORING, SITE_REPORT
from innoinfra.reports.enums import CampaignState, ReportState
from innoinfra.reports.models import Campaign, Report, ReportForm

pytestmark = pytest.mark.django_db


def test_loaddemo_brings_two_campaigns_and_the_ready_forms_and_is_idempotent():
    call_command("loaddemo", stdout=None)
    assert set(ReportForm.objects.filter(is_template=True).values_list("title", flat=True)) == {SITE_REPORT, MONITORING}
    past, current = Campaign.objects.order_by("period_start")
    assert past.state == CampaignState.CLOSED and current.state == CampaignState.OPEN
    assert past.reports.exists()
    assert set(past.reports.values_list("state", flat=True)) == {ReportState.ACCEPTED}
    assert not any(r.is_late for r in past.reports.all())
    assert current.reports.filter(state=ReportState.DRAFT).exists()
    counts = Report.objects.count()
    call_command("loaddemo", stdout=None)
    assert Campaign.objects.count() == 2 and Report.objects.count() == counts
    assert mail.outbox == []
