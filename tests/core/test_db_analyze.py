"""Planner statistics after bulk loads (core.db): the statement used in and out of a transaction, the tables it
covers, and what the synthetic generator leaves behind on PostgreSQL."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from innoinfra.core.db import BULK_ROWS, analyze, analyze_after_bulk, tables_of
from innoinfra.demo.synthetic.registry import REGION_NAME
from innoinfra.reference.models import Organization
from innoinfra.registry.models import Site


def test_tables_include_automatic_many_to_many_tables_once():
    tables = tables_of([Site, Site, Organization])

    assert tables == sorted(set(tables))
    assert Site._meta.db_table in tables
    assert Site.directions.through._meta.db_table in tables
    assert Organization._meta.db_table in tables


@pytest.mark.django_db
def test_inside_a_transaction_it_falls_back_to_plain_analyze():
    # pytest-django wraps the test in a transaction: VACUUM would fail there on PostgreSQL
    assert analyze([Organization]) == "ANALYZE"


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_postgresql_vacuums_too():
    expected = "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
    assert analyze([Organization, Site]) == expected


@pytest.mark.django_db(transaction=True)
def test_a_big_bulk_load_refreshes_statistics_after_commit_and_a_small_one_does_not(monkeypatch):
    ran = []
    monkeypatch.setattr("innoinfra.core.db.analyze", lambda models, using: ran.append(list(models)))
    with transaction.atomic():
        analyze_after_bulk([Organization], rows=BULK_ROWS - 1)
        analyze_after_bulk([Site], rows=BULK_ROWS)
        assert ran == []  # not inside the transaction
    assert ran == [[Site]]


def _statistics(table: str) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.last_analyze, s.last_vacuum, c.reltuples FROM pg_stat_user_tables s "
            "JOIN pg_class c ON c.oid = s.relid WHERE s.relname = %s",
            [table],
        )
        return cursor.fetchone()


@pytest.mark.django_db(transaction=True)
def test_the_generator_leaves_fresh_statistics_behind():
    call_command("generate_synthetic", scale="small", stdout=StringIO())
    assert Site.objects.filter(lead_organization__municipality__region__name=REGION_NAME).exists()
    if connection.vendor != "postgresql":
        # SQLite: ANALYZE fills sqlite_stat1 with a row per analysed index of the table
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = %s", [Site._meta.db_table])
            assert cursor.fetchone()[0] > 0
        pytest.skip("pg_stat_user_tables exists only on PostgreSQL (SQLite's sqlite_stat1 was checked above)")
    for table in (Site._meta.db_table, Organization._meta.db_table, "events_registration", "plans_occurrence"):
        last_analyze, last_vacuum, reltuples = _statistics(table)
        assert last_analyze is not None, table
        assert last_vacuum is not None, table
        assert reltuples > 0, table
