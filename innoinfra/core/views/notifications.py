"""A user's own notifications: the list, and marking them read."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from ..models import Notification
from ..notifications import mark_read

PAGE_SIZE = 30


def _local(request, url: str) -> bool:
    return bool(url) and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


@login_required
@require_GET
def notification_list(request):
    mine = Notification.objects.filter(user=request.user).order_by("-created_at", "-id")
    page = Paginator(mine, PAGE_SIZE).get_page(request.GET.get("page"))
    has_unread = any(n.read_at is None for n in page) or mine.filter(read_at__isnull=True).exists()
    return render(request, "core/notifications/list.html", {"page": page, "has_unread": has_unread})


@login_required
@require_POST
def notification_read(request, pk):
    """Mark one read; with «open» go on to what it is about. Another user's notification is not found (404)."""
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    mark_read(Notification.objects.filter(pk=notification.pk))
    if request.POST.get("open") and _local(request, notification.url):
        return redirect(notification.url)
    target = request.POST.get("next", "")
    return redirect(target if _local(request, target) else "notifications:list")


@login_required
@require_POST
def notification_read_all(request):
    count = mark_read(Notification.objects.filter(user=request.user))
    if count:
        messages.success(request, "Все уведомления отмечены прочитанными.")
    return redirect("notifications:list")
