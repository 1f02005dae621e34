"""A user's territory as a condition in SQL (Scope.managed): a whole region is one subquery of its municipalities,
not hundreds of ids, and the condition picks exactly the municipalities the user manages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from innoinfra.accounts.enums import Role
from innoinfra.accounts.scopes import scope_of
from innoinfra.reference.models import Municipality

from ..factories import MembershipFactory, MunicipalityFactory, RegionFactory, UserFactory

pytestmark = pytest.mark.django_db


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
