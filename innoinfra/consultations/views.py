"""The consultation log and the consultation hours. Thin: each action is a service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from innoinfra.core.errors import ServiceError, error_html
from innoinfra.core.lists import list_response
from innoinfra.core.versioning import form_status

from . import queries, services
from .forms import BookingForm, ConsultationEntryForm, ConsultationFilterForm, HeldForm, HourForm
from .models import Consultation, ConsultationSlot

PAGE_SIZE = 25
NOT_YOURS = "Эту запись ведут методисты территории и руководитель консультируемой организации."


@login_required
def consultation_list(request):
    form = ConsultationFilterForm(request.GET or None)
    params = form.cleaned_data if form.is_valid() else {}
    consultations = queries.filter_consultations(queries.visible_to(request.user), params)
    page = Paginator(consultations, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "totals": queries.totals(consultations)}
    return list_response(request, "consultations/consultation_list.html", context)


@login_required
def consultation_detail(request, pk):
    consultation = get_object_or_404(queries.visible_to(request.user), pk=pk)
    context = {
        "consultation": consultation,
        "can_change": request.user.has_perm("consultations.change_consultation", consultation),
    }
    return render(request, "consultations/consultation_detail.html", context)


def _form_page(request, consultation: Consultation | None):
    form = ConsultationEntryForm(request.POST or None, instance=consultation, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if consultation is None:
                data.pop("version", None)
                saved = services.record_consultation(by=request.user, **data)
            else:
                saved = services.update_consultation(consultation, by=request.user, **data)
        except ServiceError as error:
            form.refuse(error)
        else:
            messages.success(request, "Консультация записана в журнал.")
            return redirect(saved)
    title = "Новая запись о консультации" if consultation is None else "Запись о консультации"
    status = form_status(form) if form.conflict else 400 if form.is_bound and form.errors else 200
    context = {"form": form, "consultation": consultation, "title": title}
    return render(request, "consultations/consultation_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def consultation_create(request):
    if not request.user.has_perm("consultations.add_consultation"):
        raise PermissionDenied("Журнал консультаций ведут методисты и руководители образовательных организаций.")
    return _form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def consultation_edit(request, pk):
    consultation = get_object_or_404(Consultation, pk=pk)
    if not request.user.has_perm("consultations.change_consultation", consultation):
        raise PermissionDenied(NOT_YOURS)
    return _form_page(request, consultation)


@login_required
@require_POST
def consultation_delete(request, pk):
    consultation = get_object_or_404(Consultation, pk=pk)
    if not request.user.has_perm("consultations.change_consultation", consultation):
        raise PermissionDenied(NOT_YOURS)
    services.delete_consultation(consultation, by=request.user)
    messages.success(request, "Запись о консультации удалена.")
    return redirect("consultations:list")


@login_required
def hours(request):
    can_offer = request.user.has_perm("consultations.add_consultationslot")
    can_book = request.user.has_perm("consultations.book")
    if not (can_offer or can_book):
        raise PermissionDenied("Консультационные часы — для методистов и сотрудников образовательных организаций.")
    slots = list(queries.open_hours(request.user).order_by("starts_at", "id")[:200])
    context = {
        "slots": slots,
        "offer_form": HourForm() if can_offer else None,
        "book_organizations": list(BookingForm(user=request.user).fields["organization"].queryset) if can_book else [],
        "held_form": HeldForm() if can_offer else None,
    }
    return render(request, "consultations/hours.html", context)


def _done(request, action, success: str):
    try:
        action()
    except ServiceError as error:
        messages.error(request, error_html(error))
    else:
        messages.success(request, success)
    return redirect("consultations:hours")


@login_required
@require_POST
def hour_offer(request):
    if not request.user.has_perm("consultations.add_consultationslot"):
        raise PermissionDenied("Консультационные часы назначают методисты и специалисты управления образования.")
    form = HourForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("consultations:hours")
    return _done(
        request, lambda: services.offer_hour(by=request.user, **form.cleaned_data), "Консультационный час назначен."
    )


@login_required
@require_POST
def hour_book(request, pk):
    slot = get_object_or_404(ConsultationSlot, pk=pk)
    if not request.user.has_perm("consultations.book"):
        raise PermissionDenied("Записываются на консультацию сотрудники образовательных организаций.")
    form = BookingForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, "Выберите организацию, от которой записываетесь.")
        return redirect("consultations:hours")
    data = form.cleaned_data
    return _done(
        request,
        lambda: services.book_hour(slot, by=request.user, organization=data["organization"], question=data["question"]),
        "Вы записаны на консультацию. Консультант получил уведомление.",
    )


@login_required
@require_POST
def hour_unbook(request, pk):
    slot = get_object_or_404(ConsultationSlot, pk=pk)
    if slot.booked_by_id != request.user.pk and not request.user.has_perm(
        "consultations.change_consultationslot", slot
    ):
        raise PermissionDenied("Отменить запись может тот, кто записался, или консультант.")
    return _done(
        request, lambda: services.cancel_booking(slot, by=request.user), "Запись отменена, время снова свободно."
    )


@login_required
@require_POST
def hour_cancel(request, pk):
    slot = get_object_or_404(ConsultationSlot, pk=pk)
    if not request.user.has_perm("consultations.change_consultationslot", slot):
        raise PermissionDenied("Отменить консультационный час может консультант или методист территории.")
    return _done(request, lambda: services.cancel_hour(slot, by=request.user), "Консультационный час отменён.")


@login_required
@require_POST
def hour_held(request, pk):
    slot = get_object_or_404(ConsultationSlot, pk=pk)
    if not request.user.has_perm("consultations.change_consultationslot", slot):
        raise PermissionDenied("Записать консультацию в журнал может консультант или методист территории.")
    form = HeldForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Укажите тему консультации.")
        return redirect("consultations:hours")
    return _done(
        request,
        lambda: services.record_held_hour(slot, by=request.user, **form.cleaned_data),
        "Консультация записана в журнал.",
    )
