"""Plan pages: the list, the plan as a document with its execution, the plan's own settings and state."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from innoinfra.core.errors import ServiceError
from innoinfra.core.lists import list_response
from innoinfra.core.outcomes import report
from innoinfra.core.permissions import check_perm
from innoinfra.core.versioning import form_status

from .. import queries, services
from ..enums import PLAN_TRANSITIONS, PlanState
from ..forms import OrderChoiceForm, PlanCreateForm, PlanEditForm, PlanFilterForm, owner_choices
from ..models import Plan

PAGE_SIZE = 25


def visible_plan(request, pk) -> Plan:
    plan = get_object_or_404(
        Plan.objects.select_related("municipality", "organization", "site__kind", "order", "responsible_user"), pk=pk
    )
    if not request.user.has_perm("plans.view_plan", plan):
        raise Http404("План не найден.")
    return plan


def plan_list(request):
    today = timezone.localdate()
    form = PlanFilterForm(request.GET or None)
    params = form.cleaned_data if form.is_valid() else {}
    plans = queries.filter_plans(queries.plans_for_list(request.user), params)
    page = Paginator(plans, PAGE_SIZE).get_page(request.GET.get("page"))
    queries.attach_execution(page.object_list, today)
    return list_response(request, "plans/plan_list.html", {"form": form, "page": page})


def recordable_item_ids(user, plan: Plan, sections) -> set[int]:
    """Items whose execution the user may mark, decided once per page rather than per occurrence."""
    if plan.state != PlanState.APPROVED:
        return set()
    return queries.items_user_may_record(user, [(item.pk, plan) for s in sections for item in s.items.all()])


def table_context(request, plan: Plan) -> dict:
    sections = queries.sections_with_items(plan)
    can_edit = plan.is_editable and request.user.has_perm("plans.change_plan", plan)
    return {
        "plan": plan,
        "sections": sections,
        "can_edit": can_edit,
        "can_change": request.user.has_perm("plans.change_plan", plan),
        "recordable": recordable_item_ids(request.user, plan, sections),
        "show_execution": plan.state != PlanState.DRAFT,
        "today": timezone.localdate(),
        "column_count": column_count(plan, can_edit),
    }


def column_count(plan: Plan, can_edit: bool) -> int:
    """№, activity, the plan's columns, due dates, and the editing buttons."""
    return 3 + len(plan.column_labels) + (1 if can_edit else 0)


def render_table(request, plan: Plan) -> HttpResponse:
    return render(request, "plans/plan_detail.html#plan-table", table_context(request, plan))


def plan_detail(request, pk):
    plan = visible_plan(request, pk)
    today = timezone.localdate()
    context = table_context(request, plan)
    context.update(
        # counted over the rows the table has loaded anyway; a draft shows no execution
        execution=queries.execution_of_loaded(context["sections"], today) if context["show_execution"] else None,
        # in the states' own order: a set's order changes with the hash seed, and so did the sidebar's buttons
        transitions=[state for state in PlanState if state in PLAN_TRANSITIONS[plan.state]],
        can_approve=request.user.has_perm("plans.approve_plan", plan),
        order_form=OrderChoiceForm(orders=queries.orders_for_approval(plan)),
        unknown_count=sum(1 for s in context["sections"] for i in s.items.all() if i.needs_dates),
    )
    return render(request, "plans/plan_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request):
    check_perm(request, "plans.add_plan")
    owners = owner_choices(*queries.owner_options(request.user))
    form = PlanCreateForm(request.POST or None, owners=owners, today=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = services.create_plan_with_section(
                owner=services.resolve_owner(data["owner"]),
                title=data["title"],
                kind=data["kind"],
                period_kind=data["period_kind"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                columns=data["columns"],
                purpose=data["purpose"],
                by=request.user,
            )
        except ServiceError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "План создан. Добавьте разделы и мероприятия.")
            return redirect(plan)
    return render(request, "plans/plan_form.html", {"form": form, "title": "Новый план"})


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, pk):
    plan = visible_plan(request, pk)
    check_perm(request, "plans.change_plan", plan)
    initial = {name: getattr(plan, name) for name in services.PLAN_FIELDS}
    form = PlanEditForm(request.POST or None, initial=initial, version=plan.version)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_plan(plan, by=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.refuse(error)
        else:
            messages.success(request, "Сведения о плане сохранены.")
            return redirect(plan)
    context = {"form": form, "plan": plan, "title": "Сведения о плане"}
    status = form_status(form) if form.conflict else 400 if form.errors else 200
    return render(request, "plans/plan_form.html", context, status=status)


@login_required
@require_POST
def plan_state(request, pk):
    plan = visible_plan(request, pk)
    target = request.POST.get("state", "")
    order = new_order = None
    if target == PlanState.APPROVED:
        check_perm(request, "plans.approve_plan", plan)
        form = OrderChoiceForm(request.POST, orders=queries.orders_for_approval(plan))
        if not form.is_valid():
            for error in form.non_field_errors() or ["Проверьте сведения о приказе."]:
                messages.error(request, error)
            return redirect(plan)
        order = form.cleaned_data["order"]
        new_order = {"number": form.cleaned_data["new_order_number"], "date": form.cleaned_data["new_order_date"]}
    else:
        check_perm(request, "plans.approve_plan" if plan.state != PlanState.DRAFT else "plans.change_plan", plan)
    try:
        services.change_plan_state(plan, target, order=order, new_order=None if order else new_order, by=request.user)
    except ServiceError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"План переведён в состояние «{PlanState(target).label}».")
    return redirect(plan)


@login_required
@require_POST
def plan_copy(request, pk):
    plan = visible_plan(request, pk)
    check_perm(request, "plans.change_plan", plan)
    copy = services.copy_plan(plan, by=request.user)
    messages.success(request, f"Создана копия плана на следующий период: «{copy.title}». Проверьте сроки.")
    return redirect(copy)


@login_required
@require_POST
def plan_delete(request, pk):
    plan = visible_plan(request, pk)
    check_perm(request, "plans.delete_plan", plan)
    if report(request, lambda: services.delete_plan(plan), "Проект плана удалён."):
        return redirect("plans:list")
    return redirect(plan)
