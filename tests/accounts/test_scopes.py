"""A user's territory as a condition in SQL (Scope.managed): a whole region is one subquery of its municipalities,
not hundreds of ids, and the condition picks exactly the municipalities the user manages."""

import re

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from innoinfra.accounts.enums import Role
from innoinfra.accounts.scopes import scope_of
from innoinfra.communities.forms import municipalities_for_creator
from innoinfra.council.queries import bodies_for
from innoinfra.events.forms import staff_organizations
from innoinfra.reference.models import Body, Municipality, Organization

from ..factories import (
    BodyFactory,
    MembershipFactory,
    MunicipalityFactory,
    OrganizationFactory,
    RegionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def id_lists(queryset) -> list[int]:
    """The lengths of the lists of numbers in the queryset's SQL (`IN (1, 2, 3)`)."""
    return [len(listed.split(",")) for listed in re.findall(r"IN \(([\d, ]+)\)", str(queryset.query))]


def managed_by(user) -> set[int]:
    return set(Municipality.objects.filter(scope_of(user).managed("id")).values_list("pk", flat=True))


def test_a_regional_methodist_manages_the_region_through_one_subquery(amursky, vyselki):
    region = RegionFactory(name="Синтетический край", code="98")
    towns = [MunicipalityFactory(region=region, name=f"Район № {n}", short_name=f"Район № {n}") for n in range(30)]
    user = UserFactory(username="regional")
    MembershipFactory(user=user, role=Role.METHODIST, region=region)
    MembershipFactory(user=user, role=Role.METHODIST, municipality=vyselki)  # one more, outside the region
    scope = scope_of(user)
    assert scope.managed_municipalities == {t.pk for t in towns} | {vyselki.pk}
    with CaptureQueriesContext(connection) as sql:
        assert managed_by(user) == {t.pk for t in towns} | {vyselki.pk}
    (statement,) = (q["sql"] for q in sql.captured_queries)
    assert "region_id" in statement and statement.count(",") < 10  # the region, not a list of its thirty ids


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("methodist", {"amursky"}),
        ("other_methodist", {"vyselki"}),
        ("teacher", set()),
        ("admin_user", {"amursky", "vyselki"}),
    ],
)
def test_the_condition_picks_what_the_user_manages(request, amursky, vyselki, persona, expected):
    user = request.getfixturevalue(persona)
    by_name = {"amursky": amursky.pk, "vyselki": vyselki.pk}
    assert managed_by(user) == {by_name[name] for name in expected}


def test_querysets_of_a_regional_methodist_carry_the_region_not_its_ids(amursky, vyselki):
    """The querysets moved from `__in=managed_municipalities` to `Scope.managed` pick the same rows as the id list
    did, and their SQL names the region instead of listing its thirty municipalities."""
    region = RegionFactory(name="Синтетический край", code="98")
    towns = [MunicipalityFactory(region=region, name=f"Район № {n}", short_name=f"Район № {n}") for n in range(30)]
    user = UserFactory(username="regional")
    MembershipFactory(user=user, role=Role.METHODIST, region=region)
    MembershipFactory(user=user, role=Role.METHODIST, municipality=vyselki)  # one more, outside the region
    for municipality in (towns[0], towns[29], vyselki, amursky):
        OrganizationFactory(municipality=municipality)
    OrganizationFactory(municipality=towns[5], is_active=False)
    at_school = OrganizationFactory(municipality=towns[7])
    BodyFactory(municipality=towns[3], name="Совет района № 3")
    BodyFactory(municipality=None, organization=at_school, name="Совет при школе")
    BodyFactory(municipality=amursky, name="Совет Амурского района")
    BodyFactory(
        municipality=None, organization=OrganizationFactory(municipality=amursky), name="Совет при школе Амурска"
    )
    ids = scope_of(user).managed_municipalities
    assert len(ids) == 31
    before_and_after = [
        # what each queryset selected with the ids listed one by one
        (Organization.objects.filter(municipality_id__in=ids, is_active=True), staff_organizations(user)),
        (
            Body.objects.filter(
                Q(municipality__in=ids) | Q(municipality__isnull=True, organization__municipality__in=ids)
            ),
            bodies_for(user),
        ),
        (Municipality.objects.filter(pk__in=ids), municipalities_for_creator(user)),
    ]
    for before, after in before_and_after:
        assert set(after.values_list("pk", flat=True)) == set(before.values_list("pk", flat=True)) != set()
        assert max(id_lists(before)) == 31  # the check below would see the ids listed one by one
        assert "region_id" in str(after.query)
        assert max(id_lists(after), default=0) < 10, str(after.query)
    assert {b.name for b in bodies_for(user)} == {"Совет района № 3", "Совет при школе"}
    assert staff_organizations(user).count() == 4  # not the inactive one, nor Amursk's
