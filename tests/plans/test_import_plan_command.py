"""`manage.py import_plan`: a dry run prints what was read; a real run creates the draft plan of an owner."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from innoinfra.plans.models import Plan

ROADMAP = Path(__file__).resolve().parents[2] / "innoinfra" / "demo" / "files" / "000_roadmap_amursky.docx"


def run(*args) -> str:
    out = io.StringIO()
    call_command("import_plan", *args, stdout=out)
    return out.getvalue()


def test_a_dry_run_prints_the_contract_json():
    body = json.loads(run(str(ROADMAP), "--dry-run", "--json"))

    assert set(body) == {"title", "columns", "sections"}
    assert body["title"].startswith("План мероприятий («дорожная карта»)")
    assert body["columns"] == ["№ п/п", "Мероприятие", "Ответственный", "Сроки", "Ожидаемый результат"]
    assert len(body["sections"]) == 6
    assert sum(len(section["items"]) for section in body["sections"]) == 36
    first = body["sections"][0]["items"][0]
    assert set(first) == {"number", "activity", "responsible", "timing", "audience", "result"}
    assert (first["number"], first["timing"], first["audience"]) == ("1.", "январь-февраль. ежегодно", None)


def test_a_dry_run_without_json_prints_a_summary_and_saves_nothing(db):
    output = run(str(ROADMAP), "--dry-run")

    assert output.startswith("Разобрано: разделов — 6, пунктов — 36.")
    assert "Нормативно-правовые документы муниципального уровня" in output
    assert not Plan.objects.exists()


def test_a_bad_file_stops_the_command_with_the_importer_message(tmp_path):
    fake = tmp_path / "plan.docx"
    fake.write_text("не документ", encoding="utf-8")

    with pytest.raises(CommandError, match="Файл не похож на документ Word"):
        run(str(fake), "--dry-run", "--json")
    with pytest.raises(CommandError, match="не найден"):
        run(str(tmp_path / "missing.docx"), "--dry-run")


def test_it_creates_the_roadmap_of_the_owner(amursky):
    output = run(str(ROADMAP), "--owner", f"municipality:{amursky.pk}", "--kind", "roadmap")

    plan = Plan.objects.get()
    assert plan.municipality == amursky
    assert plan.kind == "roadmap"
    assert plan.sections.count() == 6
    assert plan.items.count() == 36
    assert "Разобрано: разделов — 6, пунктов — 36." in output
    assert f"Создан проект плана № {plan.pk}" in output


def test_it_refuses_a_real_run_without_a_known_owner(amursky):
    with pytest.raises(CommandError, match="Укажите владельца плана"):
        run(str(ROADMAP))
    with pytest.raises(CommandError, match="не найден"):
        run(str(ROADMAP), "--owner", "municipality:Несуществующий район")
    assert not Plan.objects.exists()
