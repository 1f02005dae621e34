"""The synthetic region's scale knob: named scales, whole multiples of the region, hostile values."""

import pytest
from django.core.management import CommandError, call_command

from innoinfra.demo.synthetic import scale
from innoinfra.demo.synthetic.plans import SCALES as PLAN_SCALES
from innoinfra.demo.synthetic.registry import SCALES
from innoinfra.demo.synthetic.review import SCALES as REVIEW_SCALES


@pytest.mark.parametrize(("value", "canonical"), [("small", "small"), ("region", "region"), ("1", "region"),
                                                  (3, "3"), (" 10 ", "10"), ("REGION", "region")])  # fmt: skip
def test_parse_accepts_names_and_whole_multiples(value, canonical):
    assert scale.parse(value) == canonical


@pytest.mark.parametrize("value", ["0", "-2", "2.5", "huge", "", "21", "1e3"])
def test_parse_rejects_anything_else_in_russian(value):
    with pytest.raises(ValueError, match="Неизвестный масштаб"):
        scale.parse(value)


def test_a_multiple_multiplies_the_region_but_not_the_per_unit_sizes():
    assert scale.sizes(SCALES, "region") == SCALES["region"]
    assert scale.sizes(SCALES, "small") == SCALES["small"]
    tenfold = scale.sizes(SCALES, "10")
    assert tenfold == {key: value * 10 for key, value in SCALES["region"].items()}
    plans = scale.sizes(PLAN_SCALES, "3", fixed=("items",))
    assert plans["plans"] == PLAN_SCALES["region"]["plans"] * 3
    assert plans["items"] == PLAN_SCALES["region"]["items"]
    review = scale.sizes(REVIEW_SCALES, "2", fixed=("big_call", "panel", "reviewers"))
    assert review["applications"] == REVIEW_SCALES["region"]["applications"] * 2
    assert review["reviewers"] == REVIEW_SCALES["region"]["reviewers"]


@pytest.mark.django_db
def test_the_command_refuses_an_unknown_scale_without_creating_anything():
    from innoinfra.reference.models import Region

    with pytest.raises(CommandError, match="Неизвестный масштаб «огромный»"):
        call_command("generate_synthetic", scale="огромный")
    assert not Region.objects.filter(name="Синтетический регион").exists()
