"""Fixtures of the monitoring tests: the district described in world.py."""

import pytest

from .world import build_world


@pytest.fixture(autouse=True)
def direct_aggregates(settings):
    """The figure tests check the aggregates themselves, request after request within one uncommitted
    transaction (where the facts' version never moves): summary storage is off here and on in test_snapshots."""
    settings.MONITORING_SNAPSHOT_MAX_AGE = 0


@pytest.fixture
def world(amursky, vyselki, school):
    return build_world(amursky, vyselki, school)
