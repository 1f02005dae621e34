"""Staff pages for people and their roles, and everyone's own profile: thin views over services."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from innoinfra.accounts.scopes import municipalities_managed_by, organizations_managed_by
from innoinfra.core.dates import russian_date
from innoinfra.core.errors import ServiceError
from innoinfra.core.outcomes import report
from innoinfra.core.permissions import check_perm
from innoinfra.reference.models import Body, Region

from . import services
from .forms import MembershipForm, ProfileForm, UserFilterForm, UserForm
from .models import Membership, User
from .queries import filter_users, membership_history, memberships_with_scope, users_for, users_for_list
from .rules import can_manage_user, may_grant_membership
from .scopes import scope_of

PAGE_SIZE = 25
HISTORY_ACTIONS = {"+": "назначена", "~": "изменена", "-": "удалена"}



def _errors_to_form(form, error: ServiceError):
    for message in error.messages:
        form.add_error(None, message)


def _target(request, pk) -> User:
    """A person outside the staff member's territory answers 404: their existence does not leak."""
    check_perm(request, "accounts.manage_users")
    return get_object_or_404(users_for(request.user).select_related("organization__municipality"), pk=pk)


def _managed(request, target):
    if not can_manage_user(request.user, target):
        raise PermissionDenied("Эту учётную запись может изменять только сотрудник с более широкими правами.")


@login_required
def user_list(request):
    check_perm(request, "accounts.manage_users")
    form = UserFilterForm(request.GET or None, municipalities=municipalities_managed_by(request.user))
    params = form.cleaned_data if form.is_valid() else {}
    users = filter_users(users_for_list(request.user), params).order_by("last_name", "first_name", "username", "id")
    page = Paginator(users, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "accounts/user_list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(request, template, {"form": form, "page": page, "today": timezone.localdate()})


def _user_form(request, instance=None):
    return UserForm(
        request.POST or None,
        instance=instance,
        by=request.user,
        organizations=organizations_managed_by(request.user).order_by("short_name"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def user_create(request):
    check_perm(request, "accounts.manage_users")
    form = _user_form(request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.create_user(
                by=request.user,
                is_superuser=data.get("is_superuser", False),
                **{name: data[name] for name in form.Meta.fields},
            )
        except ServiceError as error:
            _errors_to_form(form, error)
        else:
            messages.success(
                request,
                f"Учётная запись создана. Письмо со ссылкой для установки пароля отправлено на {user.email}.",
            )
            return redirect("accounts:user", pk=user.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/user_form.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def user_edit(request, pk):
    target = _target(request, pk)
    _managed(request, target)
    form = _user_form(request, instance=User.objects.get(pk=target.pk))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {name: data[name] for name in form.Meta.fields if name in form.fields}
        try:
            services.update_user(target, by=request.user, is_superuser=data.get("is_superuser"), **fields)
        except ServiceError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, "Изменения сохранены.")
            return redirect("accounts:user", pk=target.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/user_form.html", {"form": form, "target": target}, status=status)


@dataclass
class RoleRow:
    membership: Membership
    state: str
    may_change: bool


def _state(membership: Membership, today) -> str:
    if membership.end_date and membership.end_date < today:
        return f"завершена {russian_date(membership.end_date)}"
    if membership.start_date and membership.start_date > today:
        return f"с {russian_date(membership.start_date)}"
    if membership.end_date:
        return f"действует по {russian_date(membership.end_date)}"
    return "действует"


def _membership_form(request, data=None):
    by = request.user
    scope = scope_of(by)
    municipalities = municipalities_managed_by(by).order_by("name")
    bodies = Body.objects.select_related("municipality").order_by("name")
    if scope.managed_municipalities is not None:
        managed = scope.managed_municipalities
        bodies = bodies.filter(
            Q(municipality__in=managed) | Q(municipality__isnull=True, organization__municipality__in=managed)
        )
    return MembershipForm(
        data,
        municipalities=municipalities,
        organizations=organizations_managed_by(by).order_by("short_name"),
        bodies=bodies,
        regions=Region.objects.order_by("name") if scope.managed_municipalities is None else None,
    )


def _detail(request, target, membership_form=None, status=200):
    me = request.user
    manageable = can_manage_user(me, target)
    today = timezone.localdate()
    rows = [
        RoleRow(
            m,
            _state(m, today),
            manageable and (m.user_id != me.pk or me.is_superuser) and may_grant_membership(me, m),
        )
        for m in memberships_with_scope().select_related("body__organization").filter(user=target).order_by("-id")
    ]
    history = [
        {
            "record": r,
            "action": HISTORY_ACTIONS.get(r.history_type, ""),
            "scope": str(r.body or r.organization or r.municipality or r.region or "вся система"),
        }
        for r in membership_history(target)
    ]
    context = {
        "target": target,
        "manageable": manageable,
        "may_add_roles": manageable and (target.pk != me.pk or me.is_superuser),
        "rows": rows,
        "history": history,
        "membership_form": membership_form or _membership_form(request),
        "today": today,
    }
    return render(request, "accounts/user_detail.html", context, status=status)


@login_required
def user_detail(request, pk):
    return _detail(request, _target(request, pk))


@login_required
@require_POST
def user_set_active(request, pk):
    target = _target(request, pk)
    _managed(request, target)
    active = request.POST.get("active") == "1"
    done = "Учётная запись включена." if active else "Учётная запись отключена: войти в систему больше нельзя."
    report(request, lambda: services.set_active(target, by=request.user, active=active), done)
    return redirect("accounts:user", pk=target.pk)


@login_required
@require_POST
def user_send_link(request, pk):
    target = _target(request, pk)
    _managed(request, target)
    if not target.email or not target.is_active:
        messages.error(request, "Письмо не отправлено: у пользователя нет e-mail или учётная запись отключена.")
    else:
        services.send_password_link(target)
        messages.success(request, f"Ссылка для установки пароля отправлена на {target.email}.")
    return redirect("accounts:user", pk=target.pk)


@login_required
@require_POST
def membership_add(request, pk):
    target = _target(request, pk)
    form = _membership_form(request, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        scope = {name: data.get(name) for name in MembershipForm.SCOPES}
        try:
            membership = services.add_membership(
                user=target,
                role=data["role"],
                by=request.user,
                body_position=data["body_position"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                **scope,
            )
        except ServiceError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, f"Роль назначена: {membership}.")
            return redirect("accounts:user", pk=target.pk)
    return _detail(request, target, membership_form=form, status=400)


def _membership(request, pk, membership_pk):
    target = _target(request, pk)
    membership = get_object_or_404(memberships_with_scope(), pk=membership_pk, user=target)
    return target, membership


@login_required
@require_POST
def membership_end(request, pk, membership_pk):
    target, membership = _membership(request, pk, membership_pk)
    report(
        request,
        lambda: services.end_membership(membership, by=request.user),
        lambda _: f"Роль «{membership}» завершена: она действовала по {russian_date(membership.end_date)}.",
    )
    return redirect("accounts:user", pk=target.pk)


@login_required
@require_POST
def membership_remove(request, pk, membership_pk):
    target, membership = _membership(request, pk, membership_pk)
    label = str(membership)
    done = f"Роль «{label}» удалена. Запись о ней осталась в истории."
    report(request, lambda: services.remove_membership(membership, by=request.user), done)
    return redirect("accounts:user", pk=target.pk)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    me = User.objects.get(pk=request.user.pk)
    form = ProfileForm(request.POST or None, instance=me)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_profile(user=request.user, **{name: form.cleaned_data[name] for name in form.Meta.fields})
        except ServiceError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, "Профиль сохранён.")
            return redirect("accounts:profile")
    today = timezone.localdate()
    roles = [(m, _state(m, today)) for m in memberships_with_scope().filter(user=request.user).order_by("-id")]
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "roles": roles, "organization": me.organization},
        status=status,
    )
