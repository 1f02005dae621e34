"""Staff see what the system mailed: every letter with its state, and send a failed one once more."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from .. import services
from ..enums import MailStatus
from ..forms import OutgoingMailFilterForm
from ..lists import list_response
from ..models import OutgoingMail
from ..outcomes import report
from ..permissions import check_perm

PAGE_SIZE = 50


def _filtered(params: dict):
    letters = OutgoingMail.objects.select_related("resent_by").defer("body", "html")
    if params.get("status"):
        letters = letters.filter(status=params["status"])
    if params.get("kind"):
        letters = letters.filter(kind=params["kind"])
    if params.get("q"):
        letters = letters.filter(Q(to__icontains=params["q"]) | Q(subject__icontains=params["q"]))
    return letters


@login_required
@require_GET
def mail_list(request):
    check_perm(request, "core.view_outgoing_mail")
    form = OutgoingMailFilterForm(request.GET or None)
    params = form.cleaned_data if form.is_valid() else {}
    page = Paginator(_filtered(params), PAGE_SIZE).get_page(request.GET.get("page"))
    totals = OutgoingMail.objects.aggregate(
        **{status.value: Count("pk", filter=Q(status=status)) for status in MailStatus}
    )
    return list_response(
        request,
        "core/mail/list.html",
        {
            "form": form,
            "page": page,
            "totals": [(status, totals[status.value]) for status in MailStatus],
            "may_resend": request.user.has_perm("core.resend_mail"),
        },
    )


@login_required
@require_POST
def mail_resend(request, pk):
    check_perm(request, "core.resend_mail")
    letter = get_object_or_404(OutgoingMail, pk=pk)
    report(
        request,
        lambda: services.resend_mail(letter=letter, by=request.user),
        f"Письмо для {letter.to} поставлено в очередь ещё раз.",
    )
    # back to the same filtered page; only a page of this list, so `next` cannot send anyone elsewhere
    back = request.POST.get("next", "")
    return redirect(back if back.startswith(reverse("mail")) else "mail")
