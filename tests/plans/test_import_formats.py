"""Plans in .doc, .odt and .ods are converted by LibreOffice and read like .docx/.xlsx; without LibreOffice the
methodist is told what to install or how to save the file; the period the document states is the plan's period."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from innoinfra.core import office, uploads
from innoinfra.core.errors import ServiceError
from innoinfra.core.uploads import check_upload
from innoinfra.plans import services
from innoinfra.plans.enums import PeriodKind
from innoinfra.plans.word_import import read_plan_file
from tests import hostile_files as h
from tests.office import require_reader

from .corpus.cases import excel_two_row_header_and_merged_sections, school_numbered_by_word_list


def _items(plan):
    return [(item.number, item.activity, item.responsible, item.timing) for s in plan.sections for item in s.items]


def test_an_odt_and_an_ods_plan_read_like_the_word_and_excel_ones():
    require_reader()  # LibreOffice is part of the test bed: its absence fails loudly, never a silent skip
    word = school_numbered_by_word_list()
    odt = office.convert(word.content, source_suffix=".docx", target="odt")
    book = excel_two_row_header_and_merged_sections()
    ods = office.convert(book.content, source_suffix=".xlsx", target="ods")

    from_odt = read_plan_file(io.BytesIO(odt), "план.odt")
    from_ods = read_plan_file(io.BytesIO(ods), "план.ods")

    # Word's list numbers survive the round through OpenDocument and back.
    assert _items(from_odt) == [item for _, items in word.sections for item in items]
    assert from_odt.period_start == "2023-09-01"
    assert _items(from_ods) == [item for _, items in book.sections for item in items]
    assert [section.title for section in from_ods.sections] == [title for title, _ in book.sections]


def test_an_old_word_doc_plan_is_converted_to_docx_and_read(monkeypatch):
    word = school_numbered_by_word_list()
    asked = []

    def convert(data, *, source_suffix, target):
        asked.append((data[:8], source_suffix, target))
        return word.content

    monkeypatch.setattr(office, "convert", convert)
    plan = read_plan_file(io.BytesIO(h.word_97_doc()), "plan.doc")

    assert asked == [(h.word_97_doc()[:8], ".doc", "docx")]
    assert plan.title == word.title
    assert plan.item_count == 5


def test_without_libreoffice_a_doc_plan_is_refused_with_what_to_do(monkeypatch):
    monkeypatch.setattr(office, "office_binary", lambda: None)

    with pytest.raises(office.OfficeUnavailable, match="не установлен LibreOffice") as refused:
        read_plan_file(io.BytesIO(h.word_97_doc()), "plan.doc")
    assert "сохраните файл в формате .docx".lower() in str(refused.value).lower()
    assert "libreoffice-writer-nogui" in str(refused.value)


def test_a_file_pretending_to_be_odt_never_reaches_libreoffice(monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("LibreOffice must not see this file")

    monkeypatch.setattr(office, "convert", forbidden)
    with pytest.raises(ServiceError, match="не похож на текстовый документ OpenDocument"):
        read_plan_file(io.BytesIO(h.demo_docx()), "plan.odt")
    with pytest.raises(ServiceError, match="не похож на документ Word старого формата"):
        read_plan_file(io.BytesIO(b"<html>plan</html>"), "plan.doc")


def test_the_upload_gate_takes_doc_odt_and_ods_plans_but_not_disguised_or_macro_ones():
    assert check_upload(h.upload("plan.doc", h.word_97_doc()), purpose=uploads.PLAN_IMPORT)
    with pytest.raises(Exception, match="макрос"):
        check_upload(h.upload("plan.doc", h.word_97_doc_with_macros()), purpose=uploads.PLAN_IMPORT)
    with pytest.raises(Exception, match="не похож"):
        check_upload(h.upload("plan.odt", h.demo_docx()), purpose=uploads.PLAN_IMPORT)


def test_a_saved_plan_takes_the_period_its_document_states(amursky):
    """A plan «на 2023/2024 учебный год» imported today is a 2023/2024 plan, not one of the current year."""
    built = school_numbered_by_word_list()
    parsed = read_plan_file(io.BytesIO(built.content), built.filename)
    owner = services.owner_of(amursky)

    plan = services.create_plan_from_parsed(parsed, owner=owner, title="План на год")

    assert (plan.period_kind, plan.period_start, plan.period_end) == (
        PeriodKind.ACADEMIC_YEAR,
        dt.date(2023, 9, 1),
        dt.date(2024, 8, 31),
    )
    # An explicit period chosen in the preview still wins.
    chosen = (PeriodKind.CALENDAR_YEAR, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    again = services.create_plan_from_parsed(parsed, owner=owner, period=chosen)
    assert (again.period_kind, again.period_start, again.period_end) == chosen


def test_a_range_of_years_becomes_a_several_years_period():
    parsed = read_plan_file(io.BytesIO(_roadmap()), "dk.docx")
    assert services.parsed_period(parsed) == (PeriodKind.YEARS, dt.date(2024, 1, 1), dt.date(2026, 12, 31))


def _roadmap() -> bytes:
    from .corpus.cases import district_roadmap_with_roman_sections_and_order

    return district_roadmap_with_roman_sections_and_order().content
