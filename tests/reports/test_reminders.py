"""Reminders of reports still owed: before the deadline and after it, once each, to the organization's head."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command

from .test_services import submit_small

pytestmark = pytest.mark.django_db


def run(today):
    out = io.StringIO()
    call_command("send_report_reminders", "--days", "7", "--today", today.isoformat(), stdout=out)
    return out.getvalue()


def test_the_head_is_reminded_before_and_after_the_deadline_once_each(
    report, orgadmin, django_capture_on_commit_callbacks
):
    deadline = report.campaign.deadline
    with django_capture_on_commit_callbacks(execute=True):
        assert "о сроке отчёта: 0" in run(deadline - dt.timedelta(days=8))
        assert "о сроке отчёта: 1" in run(deadline - dt.timedelta(days=3))
        assert "о сроке отчёта: 0" in run(deadline - dt.timedelta(days=2))  # already reminded
        assert "о просроченных отчётах: 1" in run(deadline + dt.timedelta(days=1))
        assert "о просроченных отчётах: 0" in run(deadline + dt.timedelta(days=2))
    assert [m.to for m in mail.outbox] == [[orgadmin.email], [orgadmin.email]]
    assert "Отчёт просрочен" in mail.outbox[1].subject


def test_a_submitted_report_is_not_reminded(report, orgadmin):
    submit_small(report, orgadmin)
    assert "о сроке отчёта: 0, о просроченных отчётах: 0" in run(report.campaign.deadline + dt.timedelta(days=1))
