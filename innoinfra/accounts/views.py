from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import render

from .models import Membership, User


@login_required
@permission_required("accounts.manage_users", raise_exception=True)
def user_list(request):
    users = (
        User.objects.select_related("organization")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("region", "municipality", "organization", "body"),
            )
        )
        .order_by("last_name", "username")
    )
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/user_list.html", {"page": page})
