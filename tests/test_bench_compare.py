"""bench/compare.py pairs two bench outputs and says which pages grew with the data."""

import importlib.util
import sys
from pathlib import Path

import pytest

SPEC = importlib.util.spec_from_file_location("bench_compare", Path(__file__).parent.parent / "bench" / "compare.py")
compare = importlib.util.module_from_spec(SPEC)
sys.modules[SPEC.name] = compare  # dataclasses look their module up there
SPEC.loader.exec_module(compare)

SMALL = """PostgreSQL 15.19, scale region (BENCH_SCALE), database innoinfra_bench1
page                                  median ms   p95 ms  queries  target
registry list                              40.0     55.0       12  PASS (<100 / <250)
calendar month, 412 events                 60.0     80.0        9
monitoring: report DOCX                   700.0    800.0       30
orders list                                30.0     40.0        6
"""
LARGE = """PostgreSQL 15.19, scale 10 (BENCH_SCALE), database innoinfra_bench10
registry list                              50.0     70.0       12  PASS (<100 / <250)
calendar month, 4 120 events              140.0    180.0        9
monitoring: report DOCX                  7000.0   8000.0       30
orders list                                30.0     40.0        7
"""


@pytest.fixture
def outputs(tmp_path):
    small, large = tmp_path / "x1.txt", tmp_path / "x10.txt"
    small.write_text(SMALL, encoding="utf-8")
    large.write_text(LARGE, encoding="utf-8")
    return small, large


def test_pages_are_paired_by_label_whatever_numbers_they_carry(outputs, capsys):
    code = compare.main([str(p) for p in outputs])
    table = capsys.readouterr().out
    assert "| registry list | 40.0 | 50.0 | ×1.25 | 12 → 12 | PASS |" in table
    # the busiest month holds more events at ×10: still the same page, and it grew ×2.33
    assert "| calendar month, 4 120 events | 60.0 | 140.0 | ×2.33 | 9 → 9 | FAIL" in table
    assert "document, no target" in table  # the Word report grows with what it reports
    assert "queries grew by 1" in table
    assert code == 1


def test_a_run_where_nothing_grows_passes(tmp_path, capsys):
    small = tmp_path / "a.txt"
    small.write_text(SMALL, encoding="utf-8")
    assert compare.main([str(small), str(small)]) == 0
    assert "FAIL" not in capsys.readouterr().out


def test_the_ceiling_holds_even_when_nothing_grew(tmp_path, capsys):
    slow = tmp_path / "slow.txt"
    slow.write_text("orders list                               200.0    250.0        6\n", encoding="utf-8")
    assert compare.main([str(slow), str(slow)]) == 1
    assert "FAIL (<150 ms and ≤×1.5)" in capsys.readouterr().out


def test_files_without_a_table_are_refused(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("synthetic region built in 400 s\n", encoding="utf-8")
    assert compare.main([str(empty), str(empty)]) == 2
