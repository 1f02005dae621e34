"""Documents of a meeting: the protocol, the draft order and entering the order that carries the decisions out."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from innoinfra.core.dates import numeric_date
from innoinfra.core.downloads import document_filename, docx_response
from innoinfra.core.errors import ServiceError, error_html
from innoinfra.core.forms import parse_id
from innoinfra.core.once import FIELD, Repeated, once
from innoinfra.core.permissions import check_perm
from innoinfra.core.site_url import absolute_url
from innoinfra.review.visibility import applications_hiding_applicants

from .. import orders, queries
from ..forms import OrderIssueForm
from .bodies import error_text
from .meetings import visible_meeting


@login_required
def protocol_docx(request, pk):
    from ..protocol import protocol_docx as build

    meeting = visible_meeting(request, pk)
    agenda = queries.agenda_of(meeting)
    if applications_hiding_applicants(request.user, (item.application for item in agenda if item.application_id)):
        raise PermissionDenied(
            "В протоколе названы заявители слепого конкурса: он будет доступен вам, когда этап конкурса раскроет "
            "сведения о заявителях."
        )
    content = build(meeting, url=absolute_url(meeting.get_absolute_url()))
    number = f"№ {meeting.number}" if meeting.number else "(без номера)"
    title = f"Протокол заседания от {numeric_date(meeting.date)} {number} — {meeting.body.name}"
    name = document_filename(title, ".docx", fallback=f"protocol-{meeting.year}-{meeting.number or 'draft'}")
    return docx_response(name, content)


@login_required
def order_docx(request, pk):
    """The draft order for the decisions still waiting for one; with ?order=<id>, the text of an entered order."""
    meeting = visible_meeting(request, pk)
    check_perm(request, "council.issue_order", meeting)
    order = None
    if parse_id(request.GET.get("order")):
        order = get_object_or_404(queries.orders_of(meeting), pk=parse_id(request.GET["order"]))
        decisions = list(queries.decisions_of(meeting).filter(order=order))
    else:
        decisions = orders.pending_decisions(meeting)
    if not decisions:
        messages.error(request, "Решений, которые исполняются приказом, на этом заседании нет.")
        return redirect(meeting)
    content = orders.order_content(
        meeting,
        decisions,
        order_date=order.date if order else None,
        control_person=order.control_person if order else "",
    )
    try:
        document = orders.order_docx(content, order=order, url=absolute_url(order.get_absolute_url()) if order else "")
    except ServiceError as error:
        messages.error(request, error_text(error))
        return redirect(meeting)
    title = f"Приказ от {numeric_date(order.date)} № {order.number}" if order else f"Проект приказа — {content.title}"
    name = document_filename(title, ".docx", fallback="order")
    return docx_response(name, document)


@login_required
@require_http_methods(["GET", "POST"])
def order_issue(request, pk):
    """«Внести реквизиты приказа»: the first press shows what the order will do (orders.plan_order), the confirmation
    enters and carries it out in one transaction; «Отмена» changes nothing."""
    meeting = visible_meeting(request, pk)
    check_perm(request, "council.issue_order", meeting)
    decisions = orders.pending_decisions(meeting)
    form = OrderIssueForm(request.POST or None)
    plan = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "confirm" not in request.POST:
            try:
                plan = orders.plan_order(
                    meeting, date=data["date"], reject_not_recommended=data["reject_not_recommended"]
                )
            except ServiceError as error:
                form.add_error(None, error_html(error))
        # With nothing to do the service itself answers (most often: this order is already entered, here is it).
        if "confirm" in request.POST or (plan is not None and plan.empty):
            plan = None
            try:
                order = once(
                    request,
                    lambda: orders.issue_order(
                        meeting,
                        number=data["number"],
                        date=data["date"],
                        by=request.user,
                        reject_not_recommended=data["reject_not_recommended"],
                        control_person=data["control_person"],
                        expected_plan=data["plan"] or None,
                    ),
                    purpose="council.order_issue",
                )
            except ServiceError as error:
                form.add_error(None, error_html(error))
            else:
                if isinstance(order, Repeated):
                    return redirect(order.url)
                messages.success(
                    request, f"Приказ от {order.date:%d.%m.%Y} № {order.number} внесён в реестр и исполнен."
                )
                return redirect(meeting)
    issued = queries.orders_of(meeting).order_by("date", "id")
    content = orders.order_content(meeting, decisions) if decisions else None
    context = {
        "meeting": meeting,
        "form": form,
        "decisions": decisions,
        "content": content,
        "issued": issued,
        "plan": plan,
        "token": request.POST.get(FIELD, ""),
    }
    return render(request, "council/order_issue.html", context)
