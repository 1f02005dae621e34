"""The synthetic region's reports: three years of campaigns, a report per active site, replaceable."""

from io import StringIO

import pytest
from django.core.management import call_command

from innoinfra.demo.synthetic.registry import REGION_NAME
from innoinfra.reports.enums import CampaignState, ReportState
from innoinfra.reports.models import Answer, Campaign, Report

pytestmark = pytest.mark.django_db


def test_three_years_of_reports_for_the_synthetic_sites_and_a_replace_keeps_them_whole():
    out = StringIO()
    call_command("generate_synthetic", scale="small", stdout=out)
    campaigns = Campaign.objects.filter(region__name=REGION_NAME).order_by("period_start")
    assert [c.state for c in campaigns] == [CampaignState.CLOSED, CampaignState.CLOSED, CampaignState.OPEN]
    reports = Report.objects.filter(campaign__in=campaigns)
    assert reports.count() > 0 and f"отчётов — {reports.count()}" in out.getvalue()
    assert reports.filter(campaign=campaigns[0], state=ReportState.ACCEPTED).exists()
    assert reports.filter(campaign=campaigns[2], state=ReportState.DRAFT).exists()
    assert Answer.objects.filter(report__in=reports).exists()
    call_command("generate_synthetic", scale="small", replace=True, stdout=StringIO())
    assert Campaign.objects.filter(region__name=REGION_NAME).count() == 3
