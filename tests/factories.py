import datetime as dt

import factory
from factory.django import DjangoModelFactory

from innoinfra.accounts.enums import Role
from innoinfra.accounts.models import Membership, User
from innoinfra.reference.enums import OrganizationType
from innoinfra.reference.models import Body, Direction, Municipality, Organization, Region
from innoinfra.registry.models import Order, SiteKind


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("name",)

    name = "Хабаровский край"
    code = "27"


class MunicipalityFactory(DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("region", "name")

    region = factory.SubFactory(RegionFactory)
    name = "Амурский муниципальный район"
    short_name = "Амурский район"


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization

    full_name = factory.Sequence(lambda n: f"Муниципальное бюджетное общеобразовательное учреждение СОШ № {n + 1}")
    short_name = factory.Sequence(lambda n: f"МБОУ СОШ № {n + 1}")
    type = OrganizationType.SCHOOL
    municipality = factory.SubFactory(MunicipalityFactory)
    address = factory.Sequence(lambda n: f"г. Амурск, ул. Школьная, {n + 1}")
    latitude = factory.Sequence(lambda n: 50.2 + n / 1000)
    longitude = factory.Sequence(lambda n: 136.9 + n / 1000)
    head_name = "Иванова Ирина Сергеевна"


class OrderFactory(DjangoModelFactory):
    class Meta:
        model = Order

    number = factory.Sequence(lambda n: f"{100 + n}-Д")
    date = dt.date(2024, 6, 14)
    title = "О присвоении статуса муниципальной инновационной площадки"
    municipality = factory.SubFactory(MunicipalityFactory)


class DirectionFactory(DjangoModelFactory):
    class Meta:
        model = Direction
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Направление {n}")


class BodyFactory(DjangoModelFactory):
    class Meta:
        model = Body

    name = "Муниципальный экспертный совет Амурского муниципального района"
    short_name = "МЭС"
    municipality = factory.SubFactory(MunicipalityFactory)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "demo")

    @factory.post_generation
    def _save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save(update_fields=["password"])


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.METHODIST


def kind(abbreviation: str) -> SiteKind:
    """Site kinds come from the catalogue migration (МИП, МАП, ИК, КИП …)."""
    return SiteKind.objects.get(abbreviation=abbreviation)


def make_site(*, kind_abbr="МИП", organization=None, order=None, theme="Функциональная грамотность в проектах", **kw):
    from innoinfra.registry import services

    organization = organization or OrganizationFactory()
    order = order or OrderFactory(municipality=organization.municipality)
    kw.setdefault("start_date", dt.date(2024, 9, 1))
    kw.setdefault("end_date", dt.date(2027, 6, 30))
    return services.create_site(kind=kind(kind_abbr), theme=theme, lead_organization=organization, order=order, **kw)
