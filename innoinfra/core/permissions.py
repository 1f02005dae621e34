"""The refusal every page gives when a `rules` permission says no."""

from django.core.exceptions import PermissionDenied

REFUSED = "Недостаточно прав для этого действия."


def check_perm(request, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(REFUSED)
