"""Throttled sign-in and password reset: who is counted, when a lockout ends, what the person is told, what is logged.

Password guessing is counted by django-axes (settings: AXES_*): per account and per client address, either one
reaching the limit locks sign-in on the login page, the admin login and the API token endpoint. This module gives
axes the account name as the person means it (login or e-mail, any case), answers a locked-out request with a 429
that says when to try again, and logs each lockout to `innoinfra.security`. Password reset requests are limited
separately per client address and per e-mail address (core/rate_limit.py); the answer never depends on whether the
address belongs to anyone.
"""

from __future__ import annotations

import datetime as dt
import logging
import math

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_parameters, get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.dispatch import receiver
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone

from innoinfra.core import rate_limit
from innoinfra.core.client_ip import client_ip
from innoinfra.core.dates import russian_date
from innoinfra.core.numerals import plural as plural_ru

logger = logging.getLogger("innoinfra.security")

LOGIN_TITLE = "Вход временно закрыт"
RESET_TITLE = "Восстановление пароля временно недоступно"


def attempted_username(request, credentials) -> str:
    """The account an attempt was meant for: «Petr», «PETR » and petr@example.org count as one account, so changing
    the case or typing the e-mail instead of the login does not buy an attacker more tries."""
    raw = credentials.get("username") if credentials else getattr(request, "data", request.POST).get("username")
    name = str(raw or "").strip().lower()
    if "@" in name:
        accounts = get_user_model()._default_manager.filter(email__iexact=name)
        users = list(accounts.values_list("username", flat=True)[:2])
        if len(users) == 1:  # as in the backend: an e-mail shared by two accounts identifies nobody
            return users[0].lower()
    return name


def lockout_ends(request, credentials=None) -> dt.datetime:
    """When the lockout of this request's account or address lifts.

    Each counted set of attempts (the account's, the address's) holds the lock while the failures in the last
    cool-off period reach the limit; reading its records newest first, the one where the sum reaches the limit is
    the one whose expiry lifts the lock."""
    AxesProxyHandler.update_request(request)
    cool_off, limit = get_cool_off(request), get_failure_limit(request, credentials)
    now = timezone.now()
    username = get_client_username(request, credentials)
    ends = []
    parameters = get_client_parameters(username, request.axes_ip_address, request.axes_user_agent, request, credentials)
    for filter_kwargs in parameters:
        recent = (
            AccessAttempt.objects.filter(**filter_kwargs, attempt_time__gte=now - cool_off)
            .order_by("-attempt_time")
            .values_list("attempt_time", "failures_since_start")
        )
        total = 0
        for attempt_time, failures in recent:
            total += failures
            if total >= limit:
                ends.append(attempt_time + cool_off)
                break
    return max(ends, default=now + cool_off)


def _duration(minutes: int) -> str:
    """«15 минут», «1 час», «2 часа 5 минут»."""
    hours, minutes = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} {plural_ru(hours, 'час,часа,часов')}")
    if minutes or not hours:
        parts.append(f"{minutes} {plural_ru(minutes, 'минуту,минуты,минут')}")
    return " ".join(parts)


def try_again(ends: dt.datetime) -> str:
    """«через 15 минут, в 20:45» — the wait and the clock time where the users are (TIME_ZONE)."""
    now = timezone.now()
    minutes = max(1, math.ceil((ends - now).total_seconds() / 60))
    local, today = timezone.localtime(ends), timezone.localdate()
    if local.date() == today:
        at = f"в {local:%H:%M}"
    elif local.date() == today + dt.timedelta(days=1):
        at = f"завтра в {local:%H:%M}"
    else:
        at = f"{russian_date(local)} в {local:%H:%M}"
    return f"через {_duration(minutes)}, {at}"


def retry_after(ends: dt.datetime) -> str:
    return str(max(1, math.ceil((ends - timezone.now()).total_seconds())))


def login_lockout_message(ends: dt.datetime) -> str:
    return f"Слишком много неудачных попыток входа. Попробуйте снова {try_again(ends)}."


def lockout_response(request, original_response=None, credentials=None):
    """axes' answer to a locked-out sign-in on a page (AXES_LOCKOUT_CALLABLE): 429, the page says when to retry."""
    ends = lockout_ends(request, credentials)
    message = login_lockout_message(ends)
    if request.headers.get("x-requested-with") == "XMLHttpRequest" or request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=429)
    else:
        context = {"title": LOGIN_TITLE, "message": message}
        response = render(request, "registration/locked_out.html", context, status=429)
    response["Retry-After"] = retry_after(ends)
    return response


@receiver(user_locked_out)
def log_lockout(sender, request, username, ip_address, **kwargs):
    # axes sends this when the limit is reached and again for each try refused during the lockout
    first = getattr(request, "axes_failures_since_start", None) is not None
    logger.warning(
        "sign-in %s: username=%s ip=%s path=%s until=%s",
        "locked out" if first else "refused during lockout",
        username,
        ip_address,
        request.path,
        lockout_ends(request).isoformat(timespec="seconds"),
        extra={"username": username, "ip": ip_address, "event": "login_lockout"},
    )


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    """Django's reset page with a limit per client address and per e-mail address: past it, a 429 that says when
    to try again, whether or not the address is known, and no letter."""

    def post(self, request, *args, **kwargs):
        window = dt.timedelta(minutes=settings.PASSWORD_RESET_WINDOW_MINUTES)
        limit = settings.PASSWORD_RESET_LIMIT
        ip, email = client_ip(request), request.POST.get("email", "").strip().lower()
        ends = rate_limit.hit("password-reset-ip", ip, limit=limit, window=window)
        if email:
            ends = max(
                filter(None, [ends, rate_limit.hit("password-reset-email", email, limit=limit, window=window)]),
                default=None,
            )
        if ends is None:
            return super().post(request, *args, **kwargs)
        logger.warning("password reset refused: ip=%s email=%s until=%s", ip, email, ends.isoformat(timespec="seconds"))
        message = f"Слишком много запросов на восстановление пароля. Попробуйте снова {try_again(ends)}."
        context = {"title": RESET_TITLE, "message": message}
        response = render(request, "registration/locked_out.html", context, status=429)
        response["Retry-After"] = retry_after(ends)
        return response
