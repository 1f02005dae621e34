"""The importer on a corpus of real-world plan layouts (tests/plans/corpus): every item, section, title, period and
approval of every case is read exactly, and the figure is printed («N of N items exact»)."""

from __future__ import annotations

import io

import pytest

from innoinfra.plans.word_import import read_plan_file

from .corpus.cases import CASES


def _read(case):
    built = case()
    return built, read_plan_file(io.BytesIO(built.content), built.filename)


def _items(plan):
    return [
        [(item.number, item.activity, item.responsible, item.timing) for item in section.items]
        for section in plan.sections
    ]


def test_the_corpus_has_twenty_different_layouts_in_word_and_excel():
    names = {case.__name__ for case in CASES}
    assert len(names) == len(CASES) >= 20
    assert {case().filename.rsplit(".", 1)[1] for case in CASES} == {"docx", "xlsx"}


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.__name__)
def test_each_layout_reads_exactly(case):
    built, plan = _read(case)

    assert [section.title for section in plan.sections] == [title for title, _ in built.sections]
    assert _items(plan) == [list(items) for _, items in built.sections]
    assert plan.title == built.title
    assert (plan.period_kind, plan.period_start, plan.period_end) == (built.period or (None, None, None))
    assert (plan.order_number, plan.order_date) == (built.order or (None, None))
    if built.approved_by:
        assert plan.approved_by == built.approved_by
    assert plan.responsible_people == built.responsible_people
    for fragment in built.warnings:
        assert any(fragment in warning for warning in plan.warnings), plan.warnings
    if not built.warnings:
        # Nothing was lost, so nothing is reported as unreadable.
        assert not [warning for warning in plan.warnings if "не распознана" in warning], plan.warnings


def test_the_corpus_figure(capsys):
    """The figure of the issue: items read exactly over the whole corpus (number, activity, responsible, timing
    and the section they are in)."""
    exact = total = 0
    for case in CASES:
        built, plan = _read(case)
        expected = {(title, item) for title, items in built.sections for item in items}
        got = {
            (section.title, item) for section, items in zip(plan.sections, _items(plan), strict=False) for item in items
        }
        total += len(expected)
        exact += len(expected & got)
    with capsys.disabled():
        print(f"\nplan import corpus: {len(CASES)} layouts, {exact} of {total} items exact")
    assert exact == total
