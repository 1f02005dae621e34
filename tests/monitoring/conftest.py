"""Fixtures of the monitoring tests: the district described in world.py."""

import pytest

from .world import build_world


@pytest.fixture
def world(amursky, vyselki, school):
    return build_world(amursky, vyselki, school)
