"""Demo accounts (password «demo»). Created only by `loaddemo`, never by a migration."""

from __future__ import annotations

from innoinfra.accounts.enums import BodyPosition, Role
from innoinfra.accounts.models import Membership, User
from innoinfra.reference.models import Body, BodyKind

DEMO_PASSWORD = "demo"


def _user(username, *, last, first, middle, position, email, organization=None, superuser=False):
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "last_name": last,
            "first_name": first,
            "middle_name": middle,
            "position": position,
            "email": email,
            "organization": organization,
            "is_superuser": superuser,
            "is_staff": superuser,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def load(registry: dict) -> None:
    amursky = registry["municipalities"]["amursky"]
    orgs = registry["organizations"]
    council, _ = Body.objects.get_or_create(
        name="Муниципальный экспертный совет Амурского муниципального района",
        defaults={
            "short_name": "МЭС Амурского района",
            "kind": BodyKind.EXPERT_COUNCIL,
            "municipality": amursky,
            "organization": orgs["amur-rmc"],
        },
    )
    people = [
        (
            "admin",
            dict(
                last="Администратор",
                first="Системный",
                middle="",
                position="Администратор системы",
                email="admin@example.org",
                superuser=True,
            ),
            [],
        ),
        (
            "authority",
            dict(
                last="Загуменнова",
                first="Лариса",
                middle="Владимировна",
                position="Заместитель начальника управления образования",
                email="authority@example.org",
                organization=orgs["amur-uo"],
            ),
            [dict(role=Role.AUTHORITY, municipality=amursky)],
        ),
        (
            "methodist",
            dict(
                last="Кривошеева",
                first="Лариса",
                middle="Петровна",
                position="Методист МКУ РМЦ",
                email="methodist@example.org",
                organization=orgs["amur-rmc"],
            ),
            [dict(role=Role.METHODIST, municipality=amursky)],
        ),
        (
            "moderator",
            dict(
                last="Соколова",
                first="Марина",
                middle="Юрьевна",
                position="Методист МКУ РМЦ, модератор банка данных инновационного опыта",
                email="moderator@example.org",
                organization=orgs["amur-rmc"],
            ),
            [dict(role=Role.MODERATOR, municipality=amursky)],
        ),
        (
            "expert1",
            dict(
                last="Олегов",
                first="Олег",
                middle="Игоревич",
                position="Председатель МЭС, директор МКУ РМЦ",
                email="expert1@example.org",
                organization=orgs["amur-rmc"],
            ),
            [dict(role=Role.EXPERT, body=council, body_position=BodyPosition.CHAIR)],
        ),
        (
            "expert2",
            dict(
                last="Сергеева",
                first="Наталья",
                middle="Викторовна",
                position="Заместитель директора МБОУ Гимназия № 8",
                email="expert2@example.org",
                organization=orgs["amur-gym8"],
            ),
            [dict(role=Role.EXPERT, body=council, body_position=BodyPosition.SECRETARY)],
        ),
        (
            "expert3",
            dict(
                last="Павлов",
                first="Денис",
                middle="Андреевич",
                position="Учитель МБОУ СОШ № 5 г. Амурска",
                email="expert3@example.org",
                organization=orgs["amur-sosh5"],
            ),
            [dict(role=Role.EXPERT, body=council, body_position=BodyPosition.MEMBER)],
        ),
        (
            "orgadmin",
            dict(
                last="Иванова",
                first="Ирина",
                middle="Сергеевна",
                position="Директор МБОУ СОШ № 1 г. Амурска",
                email="orgadmin@example.org",
                organization=orgs["amur-sosh1"],
            ),
            [dict(role=Role.ORG_ADMIN, organization=orgs["amur-sosh1"])],
        ),
        (
            "teacher",
            dict(
                last="Петров",
                first="Пётр",
                middle="Алексеевич",
                position="Учитель физики МБОУ СОШ № 1 г. Амурска",
                email="teacher@example.org",
                organization=orgs["amur-sosh1"],
            ),
            [dict(role=Role.TEACHER, organization=orgs["amur-sosh1"])],
        ),
    ]
    for username, fields, memberships in people:
        user = _user(username, **fields)
        for membership in memberships:
            Membership.objects.get_or_create(user=user, **membership)
