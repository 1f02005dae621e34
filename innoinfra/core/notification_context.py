"""The number of unread notifications, for the bell in the navigation bar."""

from functools import cache


def unread_notifications(request):
    """{"unread_notifications": n} for a logged-in user.

    n is a function, which templates call by themselves: the count (one query, once per request) runs only when a
    template shows it, so HTMX fragments and pages without the bell pay nothing.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    @cache
    def count() -> int:
        from .models import Notification

        return Notification.objects.filter(user=user, read_at__isnull=True).count()

    return {"unread_notifications": count}
