"""Business actions on accounts and roles.

Each runs in a transaction and refuses, with a ServiceError in Russian, what the acting user
(`by`) may not do: district staff act only within the municipalities they manage, and only
installation administrators grant installation-wide or region-wide staff roles. Changes of roles
are recorded in the membership history with the acting user; e-mails go through the mail queue and leave only
after commit.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from innoinfra.core.enums import MailKind
from innoinfra.core.errors import ServiceError
from innoinfra.core.mail import queue_templated_mail
from innoinfra.core.models import InstallationSettings
from innoinfra.core.site_url import absolute_url

from .enums import Role
from .models import Membership, User
from .queries import users_for
from .rules import can_change_membership, can_manage_user, is_staff_member, may_grant
from .scopes import scope_of

PROFILE_FIELDS = ("last_name", "first_name", "middle_name", "position", "phone", "email")
USER_FIELDS = (*PROFILE_FIELDS, "organization")


def _refuse_unless(allowed: bool, message: str) -> None:
    if not allowed:
        raise ServiceError(message)


def _full_clean(obj, **kwargs) -> None:
    try:
        obj.full_clean(**kwargs)
    except ValidationError as error:
        raise ServiceError(error.messages) from error


def _check_email_free(email: str, *, exclude: User | None = None) -> None:
    """Login by e-mail needs an e-mail that names one account."""
    if not email:
        raise ServiceError("Укажите адрес электронной почты.")
    others = User.objects.filter(email__iexact=email)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        raise ServiceError(f"Адрес {email} уже указан у другого пользователя.")


def _check_organization(by, organization) -> None:
    """District staff keep the people they register within their own territory."""
    scope = scope_of(by)
    if scope.managed_municipalities is None:
        return
    if organization is None:
        raise ServiceError("Укажите место работы пользователя: организацию вашей территории.")
    if not scope.manages(organization.municipality_id):
        raise ServiceError(f"Организация «{organization}» не относится к вашей территории.")


def password_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return absolute_url(path)


def send_password_link(user: User) -> None:
    """E-mail the user a one-time link to set a password (the password-reset token, so it stops
    working once used or once the password changes)."""
    context = {
        "user": user,
        "link": password_link(user),
        "installation_name": InstallationSettings.current().name,
        "timeout_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
    }
    queue_templated_mail(
        to=user.email,
        subject_template="accounts/invitation_subject.txt",
        body_template="accounts/invitation_email.txt",
        context=context,
        kind=MailKind.PASSWORD,
    )


@transaction.atomic
def create_user(
    *,
    by,
    username: str,
    email: str,
    last_name: str,
    first_name: str,
    middle_name: str = "",
    position: str = "",
    phone: str = "",
    organization=None,
    is_superuser: bool = False,
    send_link: bool = True,
) -> User:
    """Register an account without a password; the person sets one through the e-mailed link."""
    _refuse_unless(
        is_staff_member(by), "Создавать учётные записи могут только сотрудники управления и методического центра."
    )
    _refuse_unless(not is_superuser or by.is_superuser, "Назначить администратора системы может только администратор.")
    _check_organization(by, organization)
    email = (email or "").strip()
    _check_email_free(email)
    if User.objects.filter(username__iexact=username.strip()).exists():
        raise ServiceError(f"Логин «{username.strip()}» уже занят.")
    user = User(
        username=username.strip(),
        email=email,
        last_name=last_name.strip(),
        first_name=first_name.strip(),
        middle_name=middle_name.strip(),
        position=position.strip(),
        phone=phone.strip(),
        organization=organization,
        is_superuser=is_superuser,
        is_staff=is_superuser,
    )
    user.set_unusable_password()
    _full_clean(user)
    user.save()
    if send_link:
        send_password_link(user)  # queued: it leaves only if the account is saved
    return user


@transaction.atomic
def create_user_from_identity_provider(
    *, email: str, last_name: str = "", first_name: str = "", middle_name: str = ""
) -> User:
    """Register the person the region's identity provider vouched for (accounts/oidc.py): no role, no staff rights,
    no local password (one can be set through «Забыли пароль?»). The login is the e-mail, numbered if taken."""
    email = email.strip()
    _check_email_free(email)
    base = email.lower()[:140]
    username, number = base, 1
    while User.objects.filter(username__iexact=username).exists():
        number += 1
        username = f"{base}-{number}"
    user = User(
        username=username,
        email=email,
        last_name=last_name.strip()[:150],
        first_name=first_name.strip()[:150],
        middle_name=middle_name.strip()[:150],
    )
    user.set_unusable_password()
    _full_clean(user)
    user.save()
    return user


@transaction.atomic
def update_user(user: User, *, by, is_superuser: bool | None = None, **fields) -> User:
    """Change an account's personal data and place of work; the account must stay within reach of
    the one who changes it (nobody moves a person out of their own territory or into another's)."""
    _refuse_unless(can_manage_user(by, user), "Вы не можете изменять учётную запись этого пользователя.")
    unknown = set(fields) - set(USER_FIELDS)
    if unknown:
        raise TypeError(f"update_user() got unexpected fields: {sorted(unknown)}")
    if "organization" in fields and fields["organization"] != user.organization:
        _check_organization(by, fields["organization"])
    if "email" in fields:
        fields["email"] = (fields["email"] or "").strip()
        _check_email_free(fields["email"], exclude=user)
    for name, value in fields.items():
        setattr(user, name, value.strip() if isinstance(value, str) else value)
    if is_superuser is not None and is_superuser != user.is_superuser:
        _refuse_unless(by.is_superuser, "Назначить администратора системы может только администратор.")
        _refuse_unless(user.pk != by.pk, "Нельзя снять права администратора с самого себя.")
        user.is_superuser = user.is_staff = is_superuser
    _full_clean(user, exclude=["password"])
    user.save()
    if not users_for(by).filter(pk=user.pk).exists():
        raise ServiceError("После изменения пользователь оказался бы вне вашей территории: изменения не сохранены.")
    return user


@transaction.atomic
def update_profile(*, user: User, **fields) -> User:
    """A person edits their own name, position, phone and e-mail (not their place of work or roles)."""
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"update_profile() got unexpected fields: {sorted(unknown)}")
    if "email" in fields:
        fields["email"] = (fields["email"] or "").strip()
        _check_email_free(fields["email"], exclude=user)
    for name, value in fields.items():
        setattr(user, name, (value or "").strip())
    _full_clean(user, exclude=["password"])
    user.save(update_fields=list(fields))
    return user


@transaction.atomic
def set_active(user: User, *, by, active: bool) -> User:
    """Switch an account off (it cannot log in; its history and roles stay) or back on."""
    _refuse_unless(can_manage_user(by, user), "Вы не можете изменять учётную запись этого пользователя.")
    _refuse_unless(user.pk != by.pk, "Нельзя отключить собственную учётную запись.")
    if user.is_active == active:
        raise ServiceError("Учётная запись уже включена." if active else "Учётная запись уже отключена.")
    user.is_active = active
    user.save(update_fields=["is_active"])
    return user


@transaction.atomic
def add_membership(
    *,
    user: User,
    role: str,
    by,
    region=None,
    municipality=None,
    organization=None,
    body=None,
    body_position: str = "",
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
) -> Membership:
    """Give a role in one scope; recorded in the membership history as granted by `by`."""
    _refuse_unless(user.pk != by.pk or by.is_superuser, "Свои роли назначает другой сотрудник.")
    _refuse_unless(can_manage_user(by, user), "Вы не можете назначать роли этому пользователю.")
    membership = Membership(
        user=user,
        role=role,
        region=region,
        municipality=municipality,
        organization=organization,
        body=body,
        body_position=body_position or "",
        start_date=start_date,
        end_date=end_date,
    )
    _full_clean(membership)
    if not may_grant(by, role=role, region=region, municipality=municipality, organization=organization, body=body):
        raise ServiceError(_refusal(role, membership.scope_label))
    today = timezone.localdate()
    duplicate = Membership.objects.filter(
        user=user, role=role, region=region, municipality=municipality, organization=organization, body=body
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
    if duplicate.exists():
        label = membership.get_role_display()
        raise ServiceError(f"У пользователя уже есть роль «{label}» ({membership.scope_label}).")
    membership._history_user = by
    membership.save()
    return membership


def _refusal(role: str, scope_label: str) -> str:
    label = Role(role).label
    if scope_label == "вся система":
        return f"Роль «{label}» на всю систему может назначить только администратор системы."
    return f"Вы не можете назначить роль «{label}» в области «{scope_label}»: она вне вашей территории."


@transaction.atomic
def end_membership(membership: Membership, *, by, last_day: dt.date | None = None) -> Membership:
    """Stop a role while keeping the record: by default it acts until yesterday, i.e. not from today."""
    _refuse_unless(can_change_membership(by, membership), "Вы не можете завершить эту роль.")
    last_day = last_day or timezone.localdate() - dt.timedelta(days=1)
    if membership.end_date and membership.end_date <= last_day:
        raise ServiceError("Эта роль уже завершена.")
    if membership.start_date and membership.start_date > last_day:
        raise ServiceError("Роль ещё не начала действовать: удалите её, если она назначена по ошибке.")
    membership.end_date = last_day
    membership._history_user = by
    membership.save(update_fields=["end_date"])
    return membership


@transaction.atomic
def remove_membership(membership: Membership, *, by) -> None:
    """Delete a role given by mistake; the history keeps the record of it and of who removed it."""
    _refuse_unless(can_change_membership(by, membership), "Вы не можете удалить эту роль.")
    membership._history_user = by
    membership.delete()
