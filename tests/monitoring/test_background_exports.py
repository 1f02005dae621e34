"""The monitoring documents that take seconds on a region go through the background exports: the report in Word
and the full lists in Excel open with the page's figures; a territory outside the methodist's is refused before
anything is queued."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from innoinfra.core.models import ExportJob

from .helpers import run
from .world import YEAR

pytestmark = pytest.mark.django_db


def test_the_report_is_built_in_the_background_and_opens_in_word(
    client_for, methodist, world, django_capture_on_commit_callbacks
):
    client = client_for(methodist)
    page = client.get("/monitoring/", {"year": YEAR}).content.decode()
    assert reverse("exports:start", args=["monitoring-report"]) in page
    job, content = run(client, django_capture_on_commit_callbacks, "monitoring-report", f"year={YEAR}")
    assert (job.done, job.total) == (7, 7)
    assert job.filename.endswith(".docx") and "Аналитическая справка" in job.title
    text = "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    assert "АНАЛИТИЧЕСКАЯ СПРАВКА" in text and "5. Дефициты" in text


def test_the_full_deficits_list_is_built_in_the_background(
    client_for, methodist, world, django_capture_on_commit_callbacks
):
    client = client_for(methodist)
    direct = client.get("/monitoring/tables/deficits.xlsx", {"year": YEAR})  # the direct link still answers
    job, content = run(client, django_capture_on_commit_callbacks, "monitoring-list", f"year={YEAR}&table=deficits")
    assert job.filename == f"monitoring-deficits-{YEAR}.xlsx"
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    direct_rows = list(load_workbook(io.BytesIO(direct.content)).active.iter_rows(values_only=True))
    assert rows == direct_rows and len(rows) > 1


def test_it_refuses_a_territory_outside_the_methodists(client_for, methodist, vyselki, world):
    response = client_for(methodist).post(
        f"{reverse('exports:start', args=['monitoring-report'])}?municipality={vyselki.pk}"
    )
    assert response.status_code == 403
    assert not ExportJob.objects.exists()


def test_it_refuses_an_unknown_table(client_for, methodist, world):
    client = client_for(methodist)
    response = client.post(f"{reverse('exports:start', args=['monitoring-list'])}?table=trends", follow=True)
    assert response.redirect_chain[-1][0] == reverse("exports:list")
    assert "Такой таблицы нет" in response.content.decode()
    assert not ExportJob.objects.exists()


def test_a_teacher_cannot_start_it(client_for, teacher, world):
    response = client_for(teacher).post(reverse("exports:start", args=["monitoring-report"]))
    assert response.status_code == 403
    assert not ExportJob.objects.exists()
