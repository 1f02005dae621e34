"""The agenda of a meeting and its decisions, edited in place with HTMX (plain pages without JavaScript)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from innoinfra.core.errors import ServiceError
from innoinfra.core.permissions import check_perm
from innoinfra.review.visibility import hides_applicant_of

from .. import queries, services
from ..enums import OUTCOMES_BY_KIND, VotingMode
from ..forms import AgendaItemForm, DecisionForm
from ..models import AgendaItem, Decision
from .bodies import error_text
from .meetings import item_context, visible_meeting

AGENDA_TEMPLATE = "council/_agenda_item_form.html"
DECISION_TEMPLATE = "council/_decision_form.html"


def _changeable(request, meeting) -> None:
    check_perm(request, "council.change_meeting", meeting)
    if not meeting.is_editable:
        raise PermissionDenied(meeting.lock_reason)


def _item(request, pk) -> AgendaItem:
    item = get_object_or_404(AgendaItem.objects.only("id", "meeting_id"), pk=pk)
    meeting = visible_meeting(request, item.meeting_id)
    item = next((i for i in queries.agenda_of(meeting) if i.pk == item.pk), None)
    if item is None:
        raise Http404("Вопрос повестки не найден.")
    item.meeting = meeting
    if hides_applicant_of(request.user, item.application):
        raise PermissionDenied("Вопрос о заявке слепого конкурса: изменить его может методист конкурса.")
    return item


def _item_form(request, meeting, item=None) -> AgendaItemForm:
    applications = queries.applications_for_agenda(meeting.body, keep=item.application_id if item else None)
    # a blind call's applicants are not offered to whom they are still hidden
    one_per_call = {a.call_id: a for a in applications}
    blind = {call_id for call_id, a in one_per_call.items() if hides_applicant_of(request.user, a)}
    applications = applications.exclude(call_id__in=blind)
    sites = queries.sites_for_agenda(meeting.body, keep=item.site_id if item else None)
    initial = {name: getattr(item, name) for name in services.AGENDA_FIELDS} if item else None
    return AgendaItemForm(request.POST or None, applications=applications, sites=sites, initial=initial)


def _card(request, item, **forms):
    """The item's card on the meeting page, with a form inside it when one is being filled in."""
    context = {**item_context(request, item.meeting, item), **forms}
    return render(request, "council/meeting_detail.html#agenda-item", context)


def _form_page(request, template: str, context: dict):
    return render(request, "council/form_page.html", {**context, "form_template": template, "standalone": True})


def _in_card(request, item, form, *, save, saved: str, form_name: str, template: str, title: str):
    """A form of an agenda item's card: with HTMX the card itself is swapped, without it the form has a page."""
    if request.method == "POST" and form.is_valid():
        try:
            save(**form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error)
        else:
            if request.htmx:
                return _card(request, _item(request, item.pk))
            messages.success(request, saved)
            return redirect(f"{item.meeting.get_absolute_url()}#item-{item.pk}")
    if request.htmx:
        return _card(request, item, **{form_name: form})
    context = {"meeting": item.meeting, "item": item, "form": form, "title": title}
    return _form_page(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def item_add(request, pk):
    meeting = visible_meeting(request, pk)
    _changeable(request, meeting)
    form = _item_form(request, meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_agenda_item(meeting, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Вопрос добавлен в повестку.")
            return redirect(meeting.get_absolute_url() + "#agenda")
    return _form_page(request, AGENDA_TEMPLATE, {"meeting": meeting, "form": form, "title": "Новый вопрос повестки"})


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request, pk):
    item = _item(request, pk)
    meeting = item.meeting
    _changeable(request, meeting)
    if request.GET.get("cancel"):
        return _card(request, item)
    form = _item_form(request, meeting, item)
    return _in_card(
        request,
        item,
        form,
        save=lambda **data: services.update_agenda_item(item, **data),
        saved="Вопрос повестки сохранён.",
        form_name="item_form",
        template=AGENDA_TEMPLATE,
        title="Вопрос повестки",
    )


@login_required
@require_POST
def item_delete(request, pk):
    item = _item(request, pk)
    _changeable(request, item.meeting)
    try:
        services.delete_agenda_item(item)
    except ServiceError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, "Вопрос исключён из повестки.")
    return redirect(item.meeting.get_absolute_url() + "#agenda")


def _decision_initial(item) -> dict:
    decision: Decision | None = getattr(item, "decision", None)
    if decision is None:
        return {"mode": VotingMode.VOTES, "outcome": OUTCOMES_BY_KIND[item.kind][0]}
    names = ("outcome", "text", "mode", "votes_for", "votes_against", "votes_abstained")
    initial = {name: getattr(decision, name) for name in names}
    initial.update(new_theme=decision.new_theme, new_end_date=decision.new_end_date, final_state=decision.final_state)
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def decision(request, pk):
    """Record or correct the decision on an agenda item."""
    item = _item(request, pk)
    meeting = item.meeting
    _changeable(request, meeting)
    if request.GET.get("cancel"):
        return _card(request, item)
    form = DecisionForm(request.POST or None, kind=item.kind, initial=_decision_initial(item))
    existing = getattr(item, "decision", None)
    if existing is not None and existing.votes.all():
        # A roll-call was taken: the totals are counted from the members' votes, not typed here.
        for name in ("votes_for", "votes_against", "votes_abstained"):
            form.fields[name].disabled = True
            form.fields[name].help_text = "По поимённому голосованию"
    return _in_card(
        request,
        item,
        form,
        save=lambda **data: services.record_decision(item, by=request.user, **data),
        saved="Решение записано.",
        form_name="decision_form",
        template=DECISION_TEMPLATE,
        title="Решение по вопросу",
    )
