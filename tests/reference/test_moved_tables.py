"""Moving the reference models out of `registry` and `council` kept every row and every link to them.

The test takes the database back to the last migrations before the move, writes data the way the old code
saw it (regions, municipalities, organizations with their history, directions, bodies, and rows of other apps
pointing at them), migrates forward and reads it all through today's models. It runs on SQLite and on
PostgreSQL like the rest of the suite.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from innoinfra.accounts.models import Membership, User
from innoinfra.council.models import Meeting
from innoinfra.reference.models import Body, Direction, Municipality, Organization, Region
from innoinfra.registry.models import Order, Site
from innoinfra.review.models import Call

pytestmark = pytest.mark.django_db(transaction=True)

# The leaves of the migration graph on the day before the move, for every app with rows that point at the
# moved tables; `reference` did not exist.
BEFORE = [
    ("registry", "0003_order_control_person"),
    ("council", "0004_decision_site_outcome"),
    ("accounts", "0004_moderator_role"),
    ("review", "0002_rubric_catalogue"),
    ("plans", "0002_occurrence_due_date_index"),
    ("events", "0003_event_co_organizers"),
    ("practices", "0006_practice_rating"),
    ("communities", "0001_initial"),
    ("mentoring", "0001_initial"),
    ("legal", "0001_initial"),
    ("reports", "0002_ready_forms"),
    ("effectiveness", "0001_initial"),
    ("practice_collections", "0001_initial"),
    ("reference", None),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([node for node in targets if node[1]]).apps


def _write_old_rows(old):
    """Rows made with the models as the migrations before the move describe them."""
    region = old.get_model("registry", "Region").objects.create(name="Тестовый край", code="99")
    municipality = old.get_model("registry", "Municipality").objects.create(
        region=region, name="Тестовый муниципальный район", short_name="Тестовый район"
    )
    Organization = old.get_model("registry", "Organization")
    school = Organization.objects.create(
        full_name="Муниципальное бюджетное общеобразовательное учреждение СОШ № 7",
        short_name="МБОУ СОШ № 7",
        municipality=municipality,
    )
    old.get_model("registry", "HistoricalOrganization").objects.create(
        id=school.pk,
        full_name=school.full_name,
        short_name=school.short_name,
        type="school",
        municipality_id=municipality.pk,
        head_position="Директор",
        is_active=True,
        created_at=dt.datetime(2025, 4, 11, 9, tzinfo=dt.UTC),
        history_date=dt.datetime(2025, 4, 11, 9, tzinfo=dt.UTC),
        history_type="+",
    )
    direction = old.get_model("registry", "Direction").objects.create(name="Тестовое направление")
    body = old.get_model("council", "Body").objects.create(
        name="Муниципальный экспертный совет", kind="expert_council", municipality=municipality, organization=school
    )
    user = old.get_model("accounts", "User").objects.create(username="moved", organization=school)
    Membership = old.get_model("accounts", "Membership")
    Membership.objects.create(user=user, role="expert", body=body, body_position="chair")
    Membership.objects.create(user=user, role="methodist", municipality=municipality)
    Membership.objects.create(user=user, role="methodist", region=region)
    order = old.get_model("registry", "Order").objects.create(
        number="172-Д", date=dt.date(2025, 4, 11), title="О присвоении статуса", issuer=school, municipality=municipality
    )
    kind = old.get_model("registry", "SiteKind").objects.create(name="Тестовый вид площадки")
    site = old.get_model("registry", "Site").objects.create(
        kind=kind, theme="Тема", lead_organization=school, order=order, state="active"
    )
    site.directions.add(direction)
    old.get_model("registry", "SiteParticipant").objects.create(site=site, organization=school, role="lead")
    old.get_model("council", "Meeting").objects.create(
        body=body, year=2025, number=1, date=dt.date(2025, 4, 10), state="held"
    )
    rubric = old.get_model("review", "Rubric").objects.create(name="Тестовый оценочный лист")
    old.get_model("review", "Call").objects.create(
        title="Тестовый конкурс", municipality=municipality, rubric=rubric, body=body
    )
    return {"region": region.pk, "municipality": municipality.pk, "school": school.pk, "direction": direction.pk,
            "body": body.pk, "user": user.pk, "order": order.pk, "site": site.pk}  # fmt: skip


def test_the_move_keeps_every_row_and_every_foreign_key():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    content_type = ContentType.objects.get_for_model(Organization)
    pks = _write_old_rows(_migrate(BEFORE))
    # before the move the content type of organizations belonged to the registry
    assert ContentType.objects.filter(pk=content_type.pk, app_label="registry").exists()

    _migrate(latest)

    region = Region.objects.get(pk=pks["region"])
    municipality = Municipality.objects.get(pk=pks["municipality"])
    assert municipality.region == region
    school = Organization.objects.get(pk=pks["school"])
    assert (school.short_name, school.municipality) == ("МБОУ СОШ № 7", municipality)
    assert list(school.history.values_list("history_type", flat=True)) == ["+"]
    body = Body.objects.get(pk=pks["body"])
    assert (body.municipality, body.organization) == (municipality, school)
    direction = Direction.objects.get(pk=pks["direction"])

    user = User.objects.get(pk=pks["user"])
    assert user.organization == school
    scopes = {(m.role, m.body, m.municipality, m.region) for m in Membership.objects.filter(user=user)}
    assert scopes == {
        ("expert", body, None, None),
        ("methodist", None, municipality, None),
        ("methodist", None, None, region),
    }
    order = Order.objects.get(pk=pks["order"])
    assert (order.issuer, order.municipality) == (school, municipality)
    site = Site.objects.get(pk=pks["site"])
    assert site.lead_organization == school
    assert list(site.directions.all()) == [direction]
    assert list(site.organizations.all()) == [school]
    assert Meeting.objects.get(body=body).number == 1
    assert Call.objects.get(title="Тестовый конкурс").body == body
    # the reverse relations the apps use still reach the moved rows
    assert list(municipality.organizations.all()) == [school]
    assert list(school.led_sites.all()) == [site]
    # the same content type row followed its model, so anything pointing at it stays valid
    assert ContentType.objects.get_for_model(Organization).pk == content_type.pk
    assert ContentType.objects.get(pk=content_type.pk).app_label == "reference"
