"""Editing a draft plan in place: HTMX requests that answer with the plan table (or one row's form)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from innoinfra.core.errors import ServiceError
from innoinfra.core.versioning import CONFLICT_STATUS, form_status

from .. import services
from ..forms import ItemForm, SectionForm
from ..models import Plan, PlanItem, PlanSection
from .plans import column_count, render_table, table_context


def _editable(request, plan: Plan) -> None:
    if not request.user.has_perm("plans.view_plan", plan):
        raise Http404("План не найден.")
    if not request.user.has_perm("plans.change_plan", plan):
        raise PermissionDenied("Недостаточно прав для изменения плана.")
    if not plan.is_editable:
        raise PermissionDenied("План утверждён: чтобы изменить его, верните план в проект.")


def _table_with_error(request, plan: Plan, error: ServiceError) -> HttpResponse:
    context = table_context(request, plan)
    context["table_error"] = " ".join(error.messages)
    return render(request, "plans/plan_detail.html#plan-table", context)


@login_required
@require_http_methods(["GET", "POST"])
def section_add(request, plan_pk):
    plan = get_object_or_404(Plan, pk=plan_pk)
    _editable(request, plan)
    form = SectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_section(plan, title=form.cleaned_data["title"], kind=form.cleaned_data["kind"] or "")
        except ServiceError as error:
            return _table_with_error(request, plan, error)
        return render_table(request, plan)
    response = render(request, "plans/_section_form.html", {"plan": plan, "form": form})
    return reswap(retarget(response, "#new-section"), "innerHTML") if request.method == "POST" else response


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request, pk):
    section = get_object_or_404(PlanSection.objects.select_related("plan"), pk=pk)
    plan = section.plan
    _editable(request, plan)
    form = SectionForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        services.update_section(section, title=form.cleaned_data["title"], kind=form.cleaned_data["kind"] or "")
        return render_table(request, plan)
    context = {"plan": plan, "form": form, "section": section, **_form_layout(request, plan)}
    return _form_row(request, "plans/_section_form.html", context, f"#section-row-{section.pk}")


@login_required
@require_POST
def section_delete(request, pk):
    section = get_object_or_404(PlanSection.objects.select_related("plan"), pk=pk)
    _editable(request, section.plan)
    try:
        services.delete_section(section)
    except ServiceError as error:
        return _table_with_error(request, section.plan, error)
    return render_table(request, section.plan)


@login_required
@require_POST
def section_move(request, pk):
    section = get_object_or_404(PlanSection.objects.select_related("plan"), pk=pk)
    _editable(request, section.plan)
    order = list(section.plan.sections.order_by("position", "id").values_list("pk", flat=True))
    step = -1 if request.POST.get("direction") == "up" else 1
    services.move_section(section, position=max(0, order.index(section.pk) + step))
    return render_table(request, section.plan)


@login_required
@require_http_methods(["GET", "POST"])
def item_add(request, section_pk):
    section = get_object_or_404(PlanSection.objects.select_related("plan"), pk=section_pk)
    plan = section.plan
    _editable(request, plan)
    form = ItemForm(request.POST or None, plan=plan, initial={"section": section})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        target = data.pop("section")
        try:
            services.add_item(target, by=request.user, **data)
        except ServiceError as error:
            form.add_error(None, error)
        else:
            return render_table(request, plan)
    context = {"plan": plan, "form": form, "section": section, **_form_layout(request, plan)}
    return _form_row(request, "plans/_item_form.html", context, f"#section-{section.pk}-new")


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request, pk):
    item = get_object_or_404(PlanItem.objects.select_related("plan", "section"), pk=pk)
    plan = item.plan
    _editable(request, plan)
    form = ItemForm(request.POST or None, instance=item, plan=plan, initial={"section": item.section})
    if request.method == "POST" and form.is_valid():
        try:
            services.update_item(item, by=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.refuse(error)
        else:
            return render_table(request, plan)
    context = {"plan": plan, "form": form, "item": item, **_form_layout(request, plan)}
    response = _form_row(request, "plans/_item_form.html", context, f"#item-{item.pk}")
    response.status_code = form_status(form)  # 409 over a stale save: the row comes back with the user's text
    return response


def _form_row(request, template: str, context: dict, row: str) -> HttpResponse:
    """A form row; when a submitted form comes back with errors it replaces the row, not the table."""
    response = render(request, template, context)
    if request.method == "POST":
        response = reswap(retarget(response, row), "outerHTML")
    return response


def _form_layout(request, plan) -> dict:
    return {"column_count": column_count(plan, can_edit=True)}


@login_required
@require_POST
def item_delete(request, pk):
    item = get_object_or_404(PlanItem.objects.select_related("plan"), pk=pk)
    _editable(request, item.plan)
    try:
        services.delete_item(item)
    except ServiceError as error:
        return _table_with_error(request, item.plan, error)
    return render_table(request, item.plan)


@login_required
@require_POST
def item_move(request, pk):
    """Up and down inside a section; past the edge of a section the item moves into the neighbouring one."""
    item = get_object_or_404(PlanItem.objects.select_related("plan", "section"), pk=pk)
    plan = item.plan
    _editable(request, plan)
    siblings = list(item.section.items.order_by("position", "id").values_list("pk", flat=True))
    index = siblings.index(item.pk)
    up = request.POST.get("direction") == "up"
    sections = list(plan.sections.order_by("position", "id"))
    section_index = next(i for i, s in enumerate(sections) if s.pk == item.section_id)
    if up and index == 0 and section_index > 0:
        target = sections[section_index - 1]
        services.move_item(item, section=target, position=target.items.count())
    elif not up and index == len(siblings) - 1 and section_index < len(sections) - 1:
        services.move_item(item, section=sections[section_index + 1], position=0)
    else:
        services.move_item(item, section=item.section, position=index - 1 if up else index + 1)
    return render_table(request, plan)


def _ids(value: str | None) -> list[int] | None:
    """«12,7,9» → [12, 7, 9]; None for anything else."""
    parts = (value or "").split(",")
    if not all(part.isascii() and part.isdigit() and len(part) < 12 for part in parts):
        return None
    return [int(part) for part in parts]


@login_required
@require_POST
def section_reorder(request, pk):
    """Drag and drop inside a section: the page posts the order it showed (`seen`) and the new one (`order`)."""
    section = get_object_or_404(PlanSection.objects.select_related("plan"), pk=pk)
    plan = section.plan
    _editable(request, plan)
    seen, order = _ids(request.POST.get("seen")), _ids(request.POST.get("order"))
    if seen is None or order is None:
        return HttpResponseBadRequest("Не удалось прочитать новый порядок пунктов: обновите страницу.")
    try:
        services.reorder_items(section, seen=seen, order=order)
    except services.OrderConflict as error:
        response = _table_with_error(request, plan, error)
        response.status_code = CONFLICT_STATUS  # the page swaps in the current order with the message
        return response
    except ServiceError as error:
        return HttpResponseBadRequest(" ".join(error.messages))
    return render_table(request, plan)
